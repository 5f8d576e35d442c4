// Landscape speed: a 41×41 loss map of the Nielsen network (784-30-10) on 500 embedded digits
// (goal: under 2 s), against two peers measured in the same run on one row of the same grid:
// the network engine's per-sample forward pass per point (zero pixels skipped), and TensorFlow.js
// (CPU backend) model.predict per point with the point's weights set. Peers are extrapolated to 1681 points.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {
  compileNetwork, createNetwork, createRng, datasetPrefix, networkProblem, parseGraph, planeLosses, slice2d, unflattenParams,
  type Dataset, type Network, type Problem,
} from '../src/core';
import { loadEmbeddedSplit } from '../src/cli/data';

const STEPS = 41;
const SAMPLES = 500;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds per point of the engine path: one loss() per point over the 500 samples. */
function enginePerPoint(problem: Problem, d1: Float64Array, d2: Float64Array, alphas: Float64Array, betas: Float64Array): { ms: number; losses: Float64Array } {
  const t0 = performance.now();
  const losses = planeLosses({ ...problem, planeLosses: undefined }, problem.initial, d1, d2, alphas, betas);
  return { ms: (performance.now() - t0) / alphas.length, losses };
}

/** Milliseconds per point of TensorFlow.js: set the point's weights, predict 500 samples, mean quadratic cost. */
async function tfPerPoint(network: Network, data: Dataset, problem: Problem, d1: Float64Array, d2: Float64Array, alphas: Float64Array, betas: Float64Array): Promise<{ ms: number; losses: number[] }> {
  await tf.setBackend('cpu');
  await tf.ready();
  const x = tf.tensor2d(Float32Array.from(data.images, (v) => v / 255), [data.count, 784]);
  const y = tf.oneHot(tf.tensor1d(Array.from(data.labels), 'int32'), 10).toFloat();
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [784], units: 30, activation: 'sigmoid' }), tf.layers.dense({ units: 10, activation: 'sigmoid' })],
  });
  const point = network.dense.map((d) => ({ ...d, weights: d.weights.slice(), biases: d.biases.slice() }));
  const net: Network = { spec: network.spec, dense: point };
  const w = new Float64Array(problem.size);
  const losses: number[] = [];
  const t0 = performance.now();
  for (let p = 0; p < alphas.length; p++) {
    for (let k = 0; k < w.length; k++) w[k] = problem.initial[k] + alphas[p] * d1[k] + betas[p] * d2[k];
    unflattenParams(net, w);
    // tf's dense kernels are [in][out]: the transpose of our row-major [out][in].
    const kernels = point.map((d) => {
      const t = new Float32Array(d.weights.length);
      for (let j = 0; j < d.units; j++) for (let i = 0; i < d.inputSize; i++) t[i * d.units + j] = d.weights[j * d.inputSize + i];
      return [tf.tensor2d(t, [d.inputSize, d.units]), tf.tensor1d(Float32Array.from(d.biases))];
    });
    model.setWeights(kernels.flat());
    const loss = tf.tidy(() => (model.predict(x) as tf.Tensor).sub(y).square().sum(1).mean().mul(0.5));
    losses.push((await loss.data())[0]);
    loss.dispose();
    kernels.flat().forEach((t) => t.dispose());
  }
  const ms = (performance.now() - t0) / alphas.length;
  x.dispose();
  y.dispose();
  model.dispose();
  return { ms, losses };
}

/** Prints the 41×41 map time and its ratio to the two peers. */
export async function run(): Promise<void> {
  const graph = parseGraph(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'examples', 'mnist-nielsen.json'), 'utf8'));
  const network = createNetwork(compileNetwork(graph), createRng(1));
  const train = loadEmbeddedSplit().train;
  const problem = networkProblem(network, train, { samples: SAMPLES });
  const times: number[] = [];
  let map = slice2d(problem, { steps: STEPS, seed: 1 });
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    map = slice2d(problem, { steps: STEPS, seed: 1 });
    times.push(performance.now() - t0);
  }
  const ours = median(times);
  const [d1, d2] = map.directions;
  // One row of the grid (β = its 10th value) for the peers.
  const alphas = map.alphas;
  const betas = new Float64Array(STEPS).fill(map.betas[10]);
  const engine = enginePerPoint(problem, d1, d2, alphas, betas);
  const tfjs = await tfPerPoint(network, datasetPrefix(train, SAMPLES), problem, d1, d2, alphas, betas);
  let agree = 0;
  for (let i = 0; i < STEPS; i++) agree = Math.max(agree, Math.abs(engine.losses[i] - map.grid[10 * STEPS + i]), Math.abs(tfjs.losses[i] - map.grid[10 * STEPS + i]) * 1e-4);
  const points = STEPS * STEPS;
  console.log(`\nLoss landscape: ${STEPS}×${STEPS} map of mnist-nielsen (784-30-10) on ${SAMPLES} digits, filter-normalised directions`);
  console.log(`  gradflow batched plane:  ${ours.toFixed(0).padStart(6)} ms  (${((ours * 1000) / points).toFixed(0)} µs/point; median of 3; goal < 2000 ms)`);
  console.log(`  engine forward per point: ${(engine.ms * points).toFixed(0).padStart(6)} ms  (${(engine.ms * 1000).toFixed(0)} µs/point × ${points}, from ${STEPS} points)  ratio ${((engine.ms * points) / ours).toFixed(1)}×`);
  console.log(`  tfjs-cpu predict/point:   ${(tfjs.ms * points).toFixed(0).padStart(6)} ms  (${(tfjs.ms * 1000).toFixed(0)} µs/point × ${points}, from ${STEPS} points)  ratio ${((tfjs.ms * points) / ours).toFixed(1)}×`);
  const tfErr = Math.max(...tfjs.losses.map((l, i) => Math.abs(l - map.grid[10 * STEPS + i])));
  console.log(`  same numbers: engine within ${agree.toExponential(1)}, tfjs (float32) within ${tfErr.toExponential(1)}`);
}
