// Running exported scripts with Debian's Python and PyTorch, and writing data they read.
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, DataSplit } from '../../src/core';

/** The interpreter the exports are checked with: Debian's, where python3-torch installs. */
export const PYTHON = '/usr/bin/python3';

/** True when PyTorch imports; CI installs it (.ci/run), so tests that need it never skip there. */
export const HAS_TORCH = ((): boolean => {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** Skip only outside CI when PyTorch is missing. */
export const SKIP_WITHOUT_TORCH = !HAS_TORCH && !process.env.CI;

/** One process run. */
export interface Run { code: number; stdout: string; stderr: string }

/** Runs a program and collects its output and exit code (never rejects). */
export function run(file: string, args: string[], options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, timeout: options.timeout ?? 300_000, maxBuffer: 64 * 1024 * 1024, env: options.env ?? process.env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** An IDX file of unsigned bytes: magic 0 0 8 ndims, big-endian dimensions, the bytes. */
export function idxBytes(dims: readonly number[], body: Uint8Array): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** The first `count` samples of a dataset (all by default). */
export function firstSamples(data: Dataset, count = data.count): Dataset {
  const n = Math.min(count, data.count);
  return { count: n, inputSize: data.inputSize, images: data.images.slice(0, n * data.inputSize), labels: data.labels.slice(0, n) };
}

/** Writes a split as the four MNIST IDX files (28×28 images of bytes) into `dir`. */
export function writeIdxSplit(dir: string, split: Pick<DataSplit, 'train' | 'test'>): void {
  for (const [prefix, data] of [['train', split.train], ['t10k', split.test]] as const) {
    if (!(data.images instanceof Uint8Array)) throw new Error('IDX files hold bytes: give a split of 0..255 pixels');
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), idxBytes([data.count, 28, 28], data.images));
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), idxBytes([data.count], data.labels));
  }
}

/** The largest |a − b| over two parameter lists of the same shape. */
export function maxDifference(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  if (a.length !== b.length) throw new Error(`${a.length} arrays against ${b.length}`);
  let max = 0;
  a.forEach((x, k) => {
    if (x.length !== b[k].length) throw new Error(`array ${k}: ${x.length} values against ${b[k].length}`);
    for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - b[k][i]));
  });
  return max;
}
