// Python peers of the training benchmarks (numpy, PyTorch), run by Debian's /usr/bin/python3 in the same bench run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateNetwork, parseGraph, type DataSplit, type Dataset, type Graph, type Network, type Trainer } from '../src/core';

/** Epoch times (ms) and the final test accuracy a peer reports. */
export interface PeerRun {
  times: number[];
  /** CPU time of each epoch (ms): on a shared machine, the fairer figure. */
  cpu: number[];
  accuracy: number;
}

/** The middle of `xs` (the mean of the two middles for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A shipped example graph, by file name without `.json`. */
export function exampleGraph(name: string): Graph {
  return parseGraph(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'examples', `${name}.json`), 'utf8'));
}

/** gradflow as a peer: wall and CPU time of each of `epochs` epochs of `trainer`, then `network`'s test accuracy. */
export function timeEpochs(network: Network, trainer: Trainer, data: DataSplit, epochs: number): PeerRun {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < epochs; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (!trainer.step(data.train.count).epochDone);
    times.push(performance.now() - t0);
    cpu.push(process.cpuUsage(c0).user / 1000);
  }
  const test = evaluateNetwork(network, data.test);
  return { times, cpu, accuracy: test.correct / test.total };
}

const PYTHON = '/usr/bin/python3';

/** Writes the split as raw float32 pixels (0..1) and uint8 labels for the Python peers; returns the folder. */
export function writePeerData(data: DataSplit): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradflow-bench-'));
  const save = (set: Dataset, name: string): void => {
    const x = new Float32Array(set.count * set.inputSize);
    const scale = set.images instanceof Uint8Array ? 1 / 255 : 1;
    for (let i = 0; i < x.length; i++) x[i] = set.images[i] * scale;
    writeFileSync(join(dir, `${name}-x.f32`), new Uint8Array(x.buffer));
    writeFileSync(join(dir, `${name}-y.u8`), set.labels.subarray(0, set.count));
  };
  save(data.train, 'train');
  save(data.test, 'test');
  return dir;
}

/** Runs bench/peers/<script> on the data folder, or returns why it could not (no python3, no module). */
export function runPeer(script: string, dir: string, epochs: number): PeerRun | string {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const path = join(dirname(fileURLToPath(import.meta.url)), 'peers', script);
  try {
    const out = execFileSync(PYTHON, [path, dir, String(epochs)], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
    const parsed = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { epochs_ms: number[]; epochs_cpu_ms: number[]; accuracy: number };
    return { times: parsed.epochs_ms, cpu: parsed.epochs_cpu_ms, accuracy: parsed.accuracy };
  } catch (error) {
    return `${script} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}
