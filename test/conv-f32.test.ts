import { describe, expect, it } from 'vitest';
import {
  backpropBatch, compileNetwork, createNetwork, createRng, createTrainer, evaluateNetwork,
  type Dataset, type Network, type TrainOptions,
} from '../src/core';
import { createEngine, loadSample } from '../src/core/net/engine';
import { resetGrads } from '../src/core/net/backward';
import { convF32Available, createConvF32 } from '../src/core/net/convF32';
import { CONV_KERNELS_BASE64 } from '../src/core/net/convKernels.wasm';
import { assembleKernels } from '../scripts/wasmKernels';
import { loadEmbeddedSplit } from '../src/cli/data';
import { chain, type ChainRow } from './helpers/graphs';

/** `count` random images in 0..1 with about `zeros` of their pixels exactly zero (as digits have), and labels below `classes`. */
function randomData(seed: number, count: number, inputSize: number, classes: number, zeros = 0.6): Dataset {
  const rng = createRng(seed);
  const images = new Float32Array(count * inputSize);
  for (let i = 0; i < images.length; i++) images[i] = rng.next() < zeros ? 0 : rng.next();
  const labels = Uint8Array.from({ length: count }, () => Math.floor(rng.next() * classes));
  return { count, inputSize, images, labels };
}

/** The batch-mean gradients and loss of the float32 path over samples 0 … count − 1. */
function f32Gradients(network: Network, data: Dataset): { loss: number; weightGrads: Float64Array[]; biasGrads: Float64Array[]; end: number } {
  const e = createEngine(network, 'js');
  const f32 = createConvF32(e, 'simd');
  if (f32 === null) throw new Error('no float32 path for this network');
  resetGrads(e);
  f32.loadWeights();
  let loss = 0;
  for (let i = 0; i < data.count; i++) {
    loadSample(e, data, i);
    loss += f32.trainSample(data.labels[i]);
  }
  f32.addGradients();
  const m = data.count;
  return { loss: loss / m, weightGrads: e.gW.map((g) => g.map((v) => v / m)), biasGrads: e.gB.map((g) => g.map((v) => v / m)), end: f32.end };
}

/** Largest |a − b| over every parameter's gradient, relative to the largest |b| of that layer. */
function worstRelativeGap(a: Float64Array[], b: Float64Array[]): number {
  let worst = 0;
  a.forEach((layer, k) => {
    let scale = 0;
    for (const v of b[k]) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < layer.length; i++) worst = Math.max(worst, Math.abs(layer[i] - b[k][i]) / Math.max(scale, 1e-12));
  });
  return worst;
}

/** Random shapes the float32 kernels must all handle: padding, strides, channel and filter counts off multiples of 4, pools with stride 1. */
const shapes: { name: string; rows: ChainRow[]; inputSize: number; classes: number; end: number }[] = [
  {
    name: 'the CNN example (conv 8x5x5, relu, pool, conv 16x5x5, relu, pool, dense 10, softmax, cross-entropy)',
    rows: [
      ['x', 'samples', { size: 784, shape: [1, 28, 28] }], ['c1', 'conv2d', { filters: 8, kernel: 5 }], ['r1', 'relu'], ['p1', 'maxpool', { size: 2 }],
      ['c2', 'conv2d', { filters: 16, kernel: 5 }], ['r2', 'relu'], ['p2', 'maxpool'], ['d', 'dense', { units: 10 }], ['s', 'softmax'], ['C', 'cross_entropy'],
    ],
    inputSize: 784, classes: 10, end: 7,
  },
  {
    name: 'two input channels, stride 2 and same padding on both convs, 3 and 5 filters, a flatten',
    rows: [
      ['x', 'samples', { size: 2 * 9 * 11, shape: [2, 9, 11] }], ['c1', 'conv2d', { filters: 3, kernel: 3, stride: 2, padding: 'same' }], ['r1', 'relu'],
      ['c2', 'conv2d', { filters: 5, kernel: 3, stride: 2, padding: 'same' }], ['r2', 'relu'], ['f', 'flatten'], ['d', 'dense', { units: 4 }], ['s', 'softmax'], ['C', 'cross_entropy'],
    ],
    inputSize: 198, classes: 4, end: 6,
  },
  {
    name: 'same padding with stride 1, a 3x3 pool of stride 1, stride 2 valid conv, and no pool at the end',
    rows: [
      ['x', 'samples', { size: 3 * 10 * 10, shape: [3, 10, 10] }], ['c1', 'conv2d', { filters: 6, kernel: 4, padding: 'same' }], ['r1', 'relu'],
      ['p1', 'maxpool', { size: 3, stride: 1 }], ['c2', 'conv2d', { filters: 7, kernel: 2, stride: 2 }], ['d', 'dense', { units: 3 }], ['C', 'svm'],
    ],
    inputSize: 300, classes: 3, end: 5,
  },
  {
    name: 'a tanh after the first conv: the float32 run stops there and the float64 engine does the rest',
    rows: [
      ['x', 'samples', { size: 64, shape: [1, 8, 8] }], ['c1', 'conv2d', { filters: 4, kernel: 3, stride: 2 }], ['t', 'tanh'],
      ['c2', 'conv2d', { filters: 2, kernel: 2 }], ['r', 'relu'], ['d', 'dense', { units: 3 }], ['s', 'softmax'], ['C', 'cross_entropy'],
    ],
    inputSize: 64, classes: 3, end: 1,
  },
];

describe.skipIf(!convF32Available())('float32 WebAssembly SIMD conv kernels against the float64 reference', () => {
  it('the committed module is exactly what convKernels.wat assembles to', async () => {
    const committed = Uint8Array.from(atob(CONV_KERNELS_BASE64), (c) => c.charCodeAt(0));
    expect(Array.from(await assembleKernels())).toEqual(Array.from(committed));
  });

  for (const shape of shapes) {
    for (const count of [1, 7, 32]) {
      it(`${shape.name}: a batch of ${count} gives the float64 gradients to float32 precision`, () => {
        const graph = chain(shape.rows);
        const network = createNetwork(compileNetwork(graph), createRng(count + shape.inputSize));
        // Biases away from zero, so that a wrong bias path shows.
        for (const d of network.dense) for (let j = 0; j < d.units; j++) d.biases[j] = 0.05 * ((j % 3) - 1);
        const data = randomData(11 * count + shape.inputSize, count, shape.inputSize, shape.classes);
        const reference = backpropBatch(network, data, Array.from({ length: count }, (_, i) => i), 'js');
        const ours = f32Gradients(network, data);
        expect(ours.end).toBe(shape.end);
        expect(Math.abs(ours.loss - reference.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(reference.loss)));
        // Float32 carries 24 bits (6e-8 relative); sums of a few hundred products stay within 1e-5 of the layer's largest gradient.
        expect(worstRelativeGap(ours.weightGrads, reference.weightGrads)).toBeLessThan(1e-5);
        expect(worstRelativeGap(ours.biasGrads, reference.biasGrads)).toBeLessThan(1e-5);
        // And they are not all zero: the comparison means something.
        for (const g of reference.weightGrads) expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-6);
      });
    }
  }

  it('a second batch starts from zero: gradients are handed over once and cleared', () => {
    const graph = chain(shapes[1].rows);
    const network = createNetwork(compileNetwork(graph), createRng(5));
    const data = randomData(3, 5, shapes[1].inputSize, shapes[1].classes);
    const first = f32Gradients(network, data);
    const e = createEngine(network, 'js');
    const f32 = createConvF32(e, 'simd')!;
    for (let round = 0; round < 2; round++) {
      resetGrads(e);
      f32.loadWeights();
      for (let i = 0; i < data.count; i++) {
        loadSample(e, data, i);
        f32.trainSample(data.labels[i]);
      }
      f32.addGradients();
      expect(worstRelativeGap(e.gW.map((g) => g.map((v) => v / data.count)), first.weightGrads)).toBe(0);
    }
  });

  it('kernel "js" and networks that do not start with a convolution keep the float64 engine', () => {
    const conv = createNetwork(compileNetwork(chain(shapes[1].rows)), createRng(1));
    expect(createConvF32(createEngine(conv, 'js'), 'js')).toBeNull();
    const mlp = createNetwork(compileNetwork(chain([['x', 'samples', { size: 4 }], ['d', 'dense', { units: 2 }], ['C', 'svm']])), createRng(1));
    expect(createConvF32(createEngine(mlp, 'js'), 'simd')).toBeNull();
  });

  it('a trainer scores a CNN on its float32 forward pass as evaluateNetwork does in float64 (loss to 1e-5), and an MLP exactly as evaluateNetwork', () => {
    const split = loadEmbeddedSplit();
    const train = split.train;
    const cnn = createNetwork(compileNetwork(chain(shapes[0].rows)), createRng(1));
    const trainer = createTrainer(cnn, train, { epochs: 1, batchSize: 32, learningRate: 0.003, seed: 1, optimizer: { kind: 'adam' } });
    while (!trainer.step(1e9).done);
    const ours = trainer.evaluate(split.test);
    const reference = evaluateNetwork(cnn, split.test);
    expect(ours.total).toBe(2000);
    expect(reference.correct / reference.total).toBeGreaterThan(0.85);
    expect(Math.abs(ours.loss - reference.loss)).toBeLessThan(1e-5);
    expect(Math.abs(ours.correct - reference.correct)).toBeLessThanOrEqual(2);
    const mlp = createNetwork(compileNetwork(chain([['x', 'samples', { size: 784 }], ['d', 'dense', { units: 10 }], ['s', 'softmax'], ['C', 'cross_entropy']])), createRng(1));
    const mlpTrainer = createTrainer(mlp, train, { epochs: 1, batchSize: 10, learningRate: 0.5, seed: 1 });
    while (!mlpTrainer.step(1e9).done);
    expect(mlpTrainer.evaluate(split.test)).toEqual(evaluateNetwork(mlp, split.test));
  });

  it('training the CNN example for 20 batches: the float32 path stays within 1e-5 of float64 training', () => {
    const graph = chain(shapes[0].rows);
    const spec = compileNetwork(graph);
    const data = randomData(9, 640, 784, 10, 0.8);
    const options: TrainOptions = { epochs: 1, batchSize: 32, learningRate: 0.003, seed: 1, optimizer: { kind: 'adam' } };
    const run = (kernel: 'js' | 'simd') => {
      const network = createNetwork(spec, createRng(1));
      const progress = createTrainer(network, data, { ...options, kernel }).step(640);
      return { network, loss: progress.trainLoss };
    };
    const js = run('js');
    const simd = run('simd');
    expect(Math.abs(js.loss - simd.loss)).toBeLessThan(1e-5);
    const initial = createNetwork(spec, createRng(1));
    let gap = 0;
    let moved = 0;
    js.network.dense.forEach((d, k) => {
      for (let i = 0; i < d.weights.length; i++) {
        gap = Math.max(gap, Math.abs(d.weights[i] - simd.network.dense[k].weights[i]));
        moved = Math.max(moved, Math.abs(d.weights[i] - initial.dense[k].weights[i]));
      }
    });
    expect(gap).toBeLessThan(1e-5);
    // Adam moved the weights by far more than the gap allowed.
    expect(moved).toBeGreaterThan(1e-2);
  });
});
