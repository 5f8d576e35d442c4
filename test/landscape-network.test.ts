import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, evaluateNetwork, flattenParams, gradientDescent, learningRateSweep, networkProblem,
  parseGraph, planeLosses, randomDirections, slice1d, slice2d, type Dataset, type Graph, type Problem,
} from '../src/core';
import { loadEmbeddedSplit } from '../src/cli/data';
import { chain } from './helpers/graphs';

/** Random images with some exact zeros (as MNIST has), in a Uint8Array like the embedded data. */
function randomData(count: number, size: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  const images = Uint8Array.from({ length: count * size }, () => (rng.next() < 0.4 ? 0 : rng.int(256)));
  return { count, inputSize: size, images, labels: Uint8Array.from({ length: count }, () => rng.int(classes)) };
}

const heads: [string, Graph][] = [
  ['sigmoid + quadratic', chain([['x', 'samples', { size: 12 }], ['h', 'dense', { units: 5 }], ['a', 'sigmoid'], ['o', 'dense', { units: 3 }], ['s', 'sigmoid'], ['C', 'mse']])],
  ['relu + softmax + cross-entropy', chain([['x', 'samples', { size: 12 }], ['h', 'dense', { units: 5, init: 'he' }], ['a', 'relu'], ['o', 'dense', { units: 3 }], ['p', 'softmax'], ['C', 'cross_entropy']])],
  ['tanh + SVM', chain([['x', 'samples', { size: 12 }], ['h', 'dense', { units: 5 }], ['a', 'tanh'], ['o', 'dense', { units: 3 }], ['C', 'svm']])],
  ['softmax without a hidden layer', chain([['x', 'samples', { size: 12 }], ['o', 'dense', { units: 3 }], ['p', 'softmax'], ['C', 'cross_entropy']])],
];

describe('a compiled network as a problem', () => {
  for (const [name, graph] of heads) {
    it(`${name}: loss, backprop gradient, batched plane losses and directions agree`, () => {
      const network = createNetwork(compileNetwork(graph, { classes: 3 }), createRng(2));
      const data = randomData(40, 12, 3, 5);
      const problem = networkProblem(network, data, { samples: 30 });
      expect(problem.samples).toBe(30);
      const subset: Dataset = { ...data, count: 30, images: data.images.slice(0, 30 * 12), labels: data.labels.slice(0, 30) };
      expect(problem.loss(problem.initial)).toBeCloseTo(evaluateNetwork(network, subset).loss, 12);
      expect(Array.from(problem.initial)).toEqual(Array.from(flattenParams(network)));

      // Gradient against central differences on a few parameters of each kind.
      const grad = new Float64Array(problem.size);
      problem.lossAndGrad(problem.initial, grad);
      const w = problem.initial.slice();
      for (const k of [0, 7, problem.size - 1, problem.size - 4, Math.min(60, problem.size - 2)]) {
        const h = 1e-6;
        w[k] += h;
        const plus = problem.loss(w);
        w[k] -= 2 * h;
        const minus = problem.loss(w);
        w[k] += h;
        expect(Math.abs((plus - minus) / (2 * h) - grad[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(grad[k])));
      }

      // The batched plane evaluation equals one loss() per point.
      const [d1, d2] = randomDirections(problem, problem.initial, 2, createRng(3));
      // Far points (±400) overflow the tabulated sigmoid factors and take the exact path.
      const alphas = Float64Array.from([0, 0.5, -1, 2, 0.1, 400, -400, 0.5]);
      const betas = Float64Array.from([0, -0.5, 1, 0.3, 2, 0.5, 0.5, -400]);
      const fast = planeLosses(problem, problem.initial, d1, d2, alphas, betas);
      const slow = planeLosses({ ...problem, planeLosses: undefined } as Problem, problem.initial, d1, d2, alphas, betas);
      fast.forEach((v, p) => expect(Math.abs(v - slow[p])).toBeLessThan(1e-12 * Math.max(1, Math.abs(slow[p]))));
      const fast1 = planeLosses(problem, problem.initial, d1, undefined, alphas, betas);
      const slow1 = planeLosses({ ...problem, planeLosses: undefined } as Problem, problem.initial, d1, undefined, alphas, betas);
      fast1.forEach((v, p) => expect(Math.abs(v - slow1[p])).toBeLessThan(1e-12 * Math.max(1, Math.abs(slow1[p]))));

      // Filter-wise normalisation: each neuron's block has its weight row's norm; biases do not move.
      const norm = (v: Float64Array, start: number, length: number) => Math.sqrt(v.subarray(start, start + length).reduce((s, x) => s + x * x, 0));
      for (const { start, length } of problem.blocks!) expect(norm(d1, start, length)).toBeCloseTo(norm(problem.initial, start, length), 12);
      for (const { start, length } of problem.frozen!) expect(norm(d1, start, length)).toBe(0);
    });
  }

  it('gradient descent lowers a network\'s loss; a too-large rate on cross-entropy is marked diverged', () => {
    const network = createNetwork(compileNetwork(heads[1][1], { classes: 3 }), createRng(4));
    const problem = networkProblem(network, randomData(60, 12, 3, 8));
    const run = gradientDescent(problem, { budget: 41, learningRate: 0.1 });
    expect(run.finalLoss).toBeLessThan(run.losses[0]);
    const [slow, good, huge] = learningRateSweep(problem, [0.001, 0.1, 1e4], { steps: 20, batchSize: 10 });
    expect(slow.diverged || good.diverged).toBe(false);
    expect(good.finalLoss).toBeLessThan(slow.finalLoss);
    expect(huge.diverged).toBe(true);
    expect(huge.atStep).toBeGreaterThanOrEqual(1);
  });
});

describe('the mnist-nielsen landscape on real digits', () => {
  it('the batched map equals per-point evaluation and centres on the network\'s loss on 500 samples', () => {
    const split = loadEmbeddedSplit();
    const graph = parseGraph(readFileSync('public/examples/mnist-nielsen.json', 'utf8'));
    const network = createNetwork(compileNetwork(graph), createRng(1));
    const problem = networkProblem(network, split.train, { samples: 500 });
    const first500: Dataset = { ...split.train, count: 500, images: split.train.images.slice(0, 500 * 784), labels: split.train.labels.slice(0, 500) };
    const map = slice2d(problem, { steps: 5, range: 1, seed: 1 });
    expect(map.grid[12]).toBeCloseTo(evaluateNetwork(network, first500).loss, 12);
    const slow = slice2d({ ...problem, planeLosses: undefined }, { steps: 5, range: 1, seed: 1 });
    map.grid.forEach((v, p) => expect(Math.abs(v - slow.grid[p])).toBeLessThan(1e-12));
    // A network's loss surface is not convex along every line (unlike the SVM's).
    const line = slice1d(problem, { steps: 41, range: 3, seed: 2 });
    let negative = 0;
    for (let i = 1; i < 40; i++) if (line.losses[i + 1] - 2 * line.losses[i] + line.losses[i - 1] < -1e-9) negative++;
    expect(negative).toBeGreaterThan(0);
  });
});
