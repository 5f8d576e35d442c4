import { describe, expect, it } from 'vitest';
import {
  backpropBatch, biasId, compileNetwork, createNetwork, createRng, evaluate, expandToScalarGraph,
  fourEquations, gradOf, inferShapes, networkProblem, valueOf, weightId,
  type Dataset, type Graph, type Network,
} from '../src/core';
import { engineFor } from '../src/core/net/backprop';
import { poolBackward, poolForward } from '../src/core/net/conv';
import { MAX_SCALAR_NODES, scalarNodeCount } from '../src/core/net/expand';
import { chain } from './helpers/graphs';
import { worstParamError } from './helpers/gradcheck';

/** A one-sample dataset with float32-exact inputs, so compiled and scalar engines see the same numbers. */
function oneSample(input: number[], label: number): Dataset {
  return { count: 1, inputSize: input.length, images: Float32Array.from(input), labels: Uint8Array.of(label) };
}

/** Largest gap between the compiled backward pass and the scalar engine on the expanded graph (parameters and deltas). */
function worstGap(graph: Graph, network: Network, input: number[], label: number, masks?: Record<string, number[]>): { loss: number; grads: number; checked: number } {
  const scalar = evaluate(expandToScalarGraph(graph, network, { input, label, masks }));
  const result = backpropBatch(network, oneSample(input, label), [0], 'js');
  let grads = 0;
  let checked = 0;
  network.dense.forEach((d, k) => {
    for (let j = 0; j < d.units; j++) {
      grads = Math.max(grads, Math.abs(result.biasGrads[k][j] - gradOf(scalar, biasId(d.nodeId, j))));
      for (let i = 0; i < d.inputSize; i++) grads = Math.max(grads, Math.abs(result.weightGrads[k][j * d.inputSize + i] - gradOf(scalar, weightId(d.nodeId, j, i))));
      checked += d.inputSize + 1;
    }
    // delta^l = dC/dz^l at every output position.
    result.deltas[k].forEach((delta, o) => {
      grads = Math.max(grads, Math.abs(delta - gradOf(scalar, `${d.nodeId}.z${o}`)));
    });
  });
  return { loss: Math.abs(result.loss - valueOf(scalar, 'C')), grads, checked };
}

const fround = (v: number): number => Math.fround(v);

describe('image shapes', () => {
  const cnn = chain([
    ['x', 'samples', { size: 784, shape: [1, 28, 28] }], ['c1', 'conv2d', { filters: 8, kernel: 5 }], ['r1', 'relu'], ['p1', 'maxpool', { size: 2 }],
    ['c2', 'conv2d', { filters: 16, kernel: 5 }], ['r2', 'relu'], ['p2', 'maxpool'], ['d', 'dense', { units: 10 }], ['s', 'softmax'], ['C', 'cross_entropy'],
  ]);
  it('infers the CNN example\'s shapes and writes them on the edges', () => {
    const shapes = inferShapes(cnn);
    expect(shapes.errors).toEqual([]);
    expect(Object.values(shapes.edgeLabels)).toEqual(['1x28x28', '8x24x24', '8x24x24', '8x12x12', '16x8x8', '16x8x8', '16x4x4', '10', '10']);
    expect(shapes.edgeShapes.e7).toBe(256);
    const spec = compileNetwork(cnn);
    // conv 8x(1·25)+8, conv 16x(8·25)+16, dense 10x256+10
    expect(spec.paramCount).toBe(208 + 3216 + 2570);
    expect(spec.layers.find((l) => l.kind === 'dense')).toMatchObject({ inputSize: 256, units: 10 });
  });
  it('pads "same" so the output is ceil(input / stride), the odd row below and right', () => {
    const g = chain([['x', 'samples', { size: 84, shape: [2, 7, 6] }], ['c', 'conv2d', { filters: 3, kernel: 3, stride: 2, padding: 'same' }], ['f', 'flatten'], ['d', 'dense', { units: 2 }], ['C', 'svm']]);
    const spec = compileNetwork(g, { classes: 2 });
    expect(spec.layers[0]).toMatchObject({ kind: 'conv2d', size: 36, geometry: { outHeight: 4, outWidth: 3, padTop: 1, padLeft: 0 } });
    expect(inferShapes(g, { classes: 2 }).edgeLabels).toMatchObject({ e1: '2x7x6', e2: '3x4x3', e3: '36' });
  });
  it('puts a kernel larger than its input, a conv on a vector, a shape that does not match size and a bad rate on that node', () => {
    const big = inferShapes(chain([['x', 'samples', { size: 16, shape: [1, 4, 4] }], ['c', 'conv2d', { kernel: 5 }], ['d', 'dense', { units: 10 }], ['C', 'svm']]));
    expect(big.errors.map((e) => [e.place.nodeId, e.message])).toEqual([['c', "conv2d 'c' has a 5x5 kernel, larger than its 4x4 input"]]);
    const flat = inferShapes(chain([['x', 'samples', { size: 784 }], ['p', 'maxpool'], ['d', 'dense', { units: 10 }], ['C', 'svm']]));
    expect(flat.errors[0].place.nodeId).toBe('p');
    expect(flat.errors[0].message).toMatch(/needs an image .* vector of 784/);
    const wrong = inferShapes(chain([['x', 'samples', { size: 784, shape: [1, 28, 27] }], ['d', 'dense', { units: 10 }], ['C', 'svm']]));
    expect(wrong.errors[0]).toMatchObject({ place: { nodeId: 'x' }, message: "samples 'x' has shape 1x28x27 (756 values) but size 784" });
    const rate = inferShapes(chain([['x', 'samples', { size: 4 }], ['o', 'dropout', { rate: 1 }], ['d', 'dense', { units: 10 }], ['C', 'svm']]));
    expect(rate.errors[0]).toMatchObject({ place: { nodeId: 'o' }, message: "dropout 'o' needs a rate in [0, 1), got 1" });
  });
});

describe('conv, pool, flatten and dropout gradients equal the scalar engine (float64)', () => {
  it('two convolutions with stride 2 and "same" padding, the first on sparse input, the second passing gradients down', () => {
    const graph = chain([
      ['x', 'samples', { size: 84, shape: [2, 7, 6] }], ['c1', 'conv2d', { filters: 3, kernel: 3, stride: 2, padding: 'same', init: 'xavier' }], ['t', 'tanh'],
      ['c2', 'conv2d', { filters: 2, kernel: 3, stride: 2, padding: 'same' }], ['r', 'relu'], ['f', 'flatten'], ['d', 'dense', { units: 3 }], ['s', 'softmax'], ['C', 'cross_entropy'],
    ]);
    const spec = compileNetwork(graph, { classes: 3 });
    const rng = createRng(5);
    for (let trial = 0; trial < 3; trial++) {
      const network = createNetwork(spec, rng);
      // A third of the pixels zero, like a digit's background.
      const input = Array.from({ length: 84 }, () => (rng.next() < 0.33 ? 0 : fround(rng.next() * 2 - 0.5)));
      const gap = worstGap(graph, network, input, trial);
      expect(gap.checked).toBe(3 * 19 + 2 * 28 + 3 * 9);
      expect(gap.loss).toBeLessThan(1e-12);
      expect(gap.grads).toBeLessThan(1e-9);
    }
  });
  it('max pooling with ties gives the gradient to the first maximum, as the scalar max does', () => {
    // 1x1 conv over two channels with equal weights: positions (1, 0) and (0, 1) tie, yet their weight gradients differ.
    const graph = chain([['x', 'samples', { size: 8, shape: [2, 2, 2] }], ['c', 'conv2d', { filters: 1, kernel: 1 }], ['p', 'maxpool', { size: 2 }], ['f', 'flatten'], ['d', 'dense', { units: 2 }], ['s', 'softmax'], ['C', 'cross_entropy']]);
    const network = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(3));
    network.dense[0].weights.set([0.5, 0.5]);
    network.dense[0].biases[0] = 0.125;
    const input = [1, 0, 0.25, 0, 0, 1, 0, 0.25];
    const gap = worstGap(graph, network, input, 1);
    expect(gap.grads).toBeLessThan(1e-9);
    const result = backpropBatch(network, oneSample(input, 1), [0], 'js');
    // The first position (channel 0 lit) won: the channel-1 weight gets nothing from it.
    expect(result.weightGrads[0][1]).toBe(0);
    expect(result.weightGrads[0][0]).not.toBe(0);
    expect(result.weightGrads[0][0]).toBeCloseTo(result.biasGrads[0][0], 15);
  });
  it('pooling kernels: the first of equal values wins and takes the whole gradient', () => {
    const geometry = { channels: 1, height: 2, width: 4, size: 2, stride: 2, outHeight: 1, outWidth: 2 };
    const out = new Float64Array(2);
    const argmax = new Int32Array(2);
    poolForward(geometry, Float64Array.of(3, 3, 1, 2, 3, 0, 2, 2), out, argmax);
    expect(Array.from(out)).toEqual([3, 2]);
    expect(Array.from(argmax)).toEqual([0, 3]);
    const gradIn = new Float64Array(8);
    poolBackward(8, Float64Array.of(0.5, -1), argmax, 2, gradIn);
    expect(Array.from(gradIn)).toEqual([0.5, 0, 0, -1, 0, 0, 0, 0]);
  });
  it('dropout with a fixed mask, against the expanded graph with the same mask', () => {
    const graph = chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 5, init: 'he' }], ['r', 'relu'], ['o', 'dropout', { rate: 0.4 }], ['d', 'dense', { units: 3 }], ['s', 'softmax'], ['C', 'cross_entropy']]);
    const network = createNetwork(compileNetwork(graph, { classes: 3 }), createRng(8));
    const keep = 1 / 0.6;
    const mask = [keep, 0, keep, keep, 0];
    const e = engineFor(network, 'js');
    e.dropout = 'fixed';
    (e.masks[2] as Float64Array).set(mask);
    try {
      const gap = worstGap(graph, network, [0.5, -0.25, 0.75, 1], 2, { o: mask });
      expect(gap.loss).toBeLessThan(1e-12);
      expect(gap.grads).toBeLessThan(1e-9);
      // Units the mask dropped pass nothing back: their incoming weights have no gradient.
      const result = backpropBatch(network, oneSample([0.5, -0.25, 0.75, 1], 2), [0], 'js');
      for (const j of [1, 4]) expect(Array.from(result.weightGrads[0].subarray(j * 4, j * 4 + 4))).toEqual([0, 0, 0, 0]);
    } finally {
      e.dropout = 'off';
    }
  });
});

/** Loss of a network on a dataset (mean), for central differences. */
describe('central differences on a convolutional network', () => {
  it('every conv, dense and bias parameter within 1e-6 relative error (h = 1e-5)', () => {
    const graph = chain([
      ['x', 'samples', { size: 50, shape: [2, 5, 5] }], ['c1', 'conv2d', { filters: 2, kernel: 3, padding: 'same' }], ['a', 'sigmoid'], ['p', 'maxpool', { size: 2, stride: 1 }],
      ['c2', 'conv2d', { filters: 2, kernel: 2, stride: 2 }], ['t', 'tanh'], ['d', 'dense', { units: 3, init: 'xavier' }], ['C', 'mse'],
    ]);
    const network = createNetwork(compileNetwork(graph, { classes: 3 }), createRng(17));
    const rng = createRng(23);
    const count = 3;
    const data: Dataset = { count, inputSize: 50, images: Float32Array.from({ length: 50 * count }, () => rng.next()), labels: Uint8Array.from({ length: count }, () => rng.int(3)) };
    const analytic = backpropBatch(network, data, [0, 1, 2], 'js');
    expect(worstParamError(network, data, analytic)).toBeLessThan(1e-6);
  });
});

describe('expanding layered networks to scalar graphs', () => {
  it('counts the nodes it will make before making them', () => {
    const graphs = [
      chain([['x', 'samples', { size: 84, shape: [2, 7, 6] }], ['c', 'conv2d', { filters: 3, kernel: 3, stride: 2, padding: 'same' }], ['p', 'maxpool', { size: 2, stride: 1 }], ['o', 'dropout', { rate: 0.2 }], ['d', 'dense', { units: 3 }], ['C', 'svm']]),
      chain([['x', 'samples', { size: 4 }], ['d', 'dense', { units: 3 }], ['a', 'sigmoid'], ['o', 'dense', { units: 3 }], ['C', 'mse']]),
      chain([['x', 'samples', { size: 4 }], ['d', 'dense', { units: 3 }], ['s', 'softmax'], ['C', 'cross_entropy']]),
    ];
    for (const graph of graphs) {
      const spec = compileNetwork(graph, { classes: 3 });
      const network = createNetwork(spec, createRng(1));
      expect(expandToScalarGraph(graph, network, { input: new Array(spec.inputSize).fill(0.5), label: 1 }).nodes.length).toBe(scalarNodeCount(spec));
    }
  });
  it('refuses a network that is too big, saying how big it would be', () => {
    const g = chain([['x', 'samples', { size: 784, shape: [1, 28, 28] }], ['c', 'conv2d', { filters: 8, kernel: 5 }], ['d', 'dense', { units: 10 }], ['C', 'svm']]);
    const network = createNetwork(compileNetwork(g), createRng(1));
    expect(() => expandToScalarGraph(g, network, { input: new Array(784).fill(0), label: 1 }))
      .toThrow(`the network has 5,402 neurons and would expand to ${scalarNodeCount(network.spec).toLocaleString('en-US')} scalar nodes; the limit is ${MAX_SCALAR_NODES.toLocaleString('en-US')}`);
    expect(scalarNodeCount(network.spec)).toBeGreaterThan(200_000);
  });
});

describe('the lecture tools on a convolutional network', () => {
  const graph = chain([
    ['x', 'samples', { size: 36, shape: [1, 6, 6] }], ['c', 'conv2d', { filters: 2, kernel: 3 }], ['r', 'relu'], ['p', 'maxpool', { size: 2 }],
    ['d', 'dense', { units: 3, init: 'xavier' }], ['s', 'softmax'], ['C', 'cross_entropy'],
  ]);
  const rng = createRng(31);
  const data: Dataset = { count: 6, inputSize: 36, images: Float32Array.from({ length: 216 }, () => (rng.next() < 0.3 ? 0 : rng.next())), labels: Uint8Array.of(0, 1, 2, 0, 1, 2) };

  it('four equations: a filter\'s delta is summed over its positions, so BP3 still reads dC/db = delta', () => {
    const network = createNetwork(compileNetwork(graph, { classes: 3 }), createRng(2));
    const eq = fourEquations(network, data, [0, 1, 2, 3]);
    const direct = backpropBatch(network, data, [0, 1, 2, 3]);
    expect(eq.layers.map((l) => [l.nodeId, l.units, l.equation])).toEqual([['c', 2, 'BP2'], ['d', 3, 'BP1']]);
    for (const layer of eq.layers) {
      for (let j = 0; j < layer.units; j++) expect(layer.delta[j]).toBeCloseTo(layer.biasGrad[j], 14);
      expect(layer.deltas).toHaveLength(4 * layer.units);
    }
    expect(Array.from(eq.layers[0].weightGrad)).toEqual(Array.from(direct.weightGrads[0]));
    // z and a per filter: means over positions (a after ReLU and pooling is never negative).
    expect(eq.layers[0].a.every((v) => v >= 0)).toBe(true);
  });

  it('landscape problem: the gradient matches central differences along a random direction', () => {
    const network = createNetwork(compileNetwork(graph, { classes: 3 }), createRng(2));
    const problem = networkProblem(network, data, { samples: 6 });
    expect(problem.planeLosses).toBeUndefined();
    const w = problem.initial.slice();
    const grad = new Float64Array(problem.size);
    problem.lossAndGrad(w, grad);
    const dir = Float64Array.from({ length: problem.size }, () => rng.normal());
    const h = 1e-6;
    const plus = problem.loss(w.map((v, i) => v + h * dir[i]));
    const minus = problem.loss(w.map((v, i) => v - h * dir[i]));
    const numerical = (plus - minus) / (2 * h);
    const analytic = grad.reduce((s, g, i) => s + g * dir[i], 0);
    expect(Math.abs(numerical - analytic) / Math.abs(analytic)).toBeLessThan(1e-6);
  });
});
