// The lecture worker's cost around the core: a 41×41 landscape request for the Nielsen network on 500
// embedded digits, answered by the worker's session (compile, initialise, build the problem, the map,
// and copying the answer as postMessage does), against its peer in the same run: the core's slice2d
// alone on a problem built beforehand. Also the strategy comparison the Strategies tab runs by default.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNetwork, createRng, networkProblem, parseEmbedded, parseGraph, slice2d } from '../src/core';
import { LectureSession } from '../src/worker/lectureSession';
import { compileLayered } from '../src/worker/lectureData';
import type { LectureRequest } from '../src/worker/lectureProtocol';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 3;

/** Prints the session's and the bare core's times and their ratio. */
export async function run(): Promise<void> {
  const bytes = readFileSync(join(root, 'public/data/mnist-embedded.bin'));
  const graph = parseGraph(readFileSync(join(root, 'public/examples/mnist-nielsen.json'), 'utf8'));
  const session = new LectureSession({ now: () => performance.now(), fetchBytes: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  const request: LectureRequest = { type: 'landscape', id: 1, source: { kind: 'network', graph, samples: 500, dataUrl: 'embedded' }, dims: 2, steps: 41, range: 1, seed: 1, path: null };
  // The first request also reads the digits; later ones reuse them, as in the browser.
  await session.handle(request);
  const viaSession: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    structuredClone(await session.handle({ ...request, id: k + 2 }));
    viaSession.push(performance.now() - t0);
  }
  const problem = networkProblem(createNetwork(compileLayered(graph), createRng(1)), parseEmbedded(bytes).train, { samples: 500 });
  const bare: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    slice2d(problem, { steps: 41, range: 1, seed: 1 });
    bare.push(performance.now() - t0);
  }
  const s = median(viaSession);
  const c = median(bare);
  console.log('\nlecture worker session: 41x41 map of mnist-nielsen on 500 digits (median of 3)');
  console.log(`  session request -> answer (copied):  ${s.toFixed(0)} ms${s < 2000 ? ' (goal < 2 s: met)' : ' (goal < 2 s: NOT met)'}`);
  console.log(`  core slice2d alone (peer):           ${c.toFixed(0)} ms`);
  console.log(`  overhead of the session:             ${(s / c).toFixed(2)}x`);

  const svm: LectureRequest = { type: 'strategies', id: 9, source: { kind: 'svm' }, settings: { methods: ['random', 'local', 'gd', 'sgd'], budget: 40, learningRate: 0.1, stepSize: 0.1, batchSize: 1, seed: 1 } };
  const net: LectureRequest = { type: 'strategies', id: 10, source: { kind: 'network', graph, samples: 500, dataUrl: 'embedded' }, settings: { methods: ['random', 'local', 'gd', 'sgd'], budget: 40, learningRate: 3, stepSize: 0.1, batchSize: 10, seed: 1 } };
  for (const [name, r] of [['SVM example', svm], ['mnist-nielsen, 500 digits', net]] as const) {
    const t0 = performance.now();
    await session.handle(r);
    console.log(`  strategy comparison, budget 40, ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
}
