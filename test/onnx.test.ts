// ONNX export run with ONNX Runtime (onnxruntime-node's CPU binaries) on the 2,000 embedded test
// digits, ONNX import of gradflow's and hand-built models, round trips and refusals.
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddedSplit } from '../src/cli/data';
import {
  compileNetwork, createNetwork, createRng, createTrainer, parseGraph, parseGraphValue, predict, type Dataset, type Graph, type Network,
} from '../src/core';
import { cnnSameGraph } from './helpers/graphs';
import { trainOptionsFrom } from '../src/core/net/defaults';
import { networkToOnnx, ONNX_OPSET } from '../src/core/onnx/export';
import { onnxToNetwork } from '../src/core/onnx/import';
import { onnx } from '../src/core/onnx/proto';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));


/** 784 -> dense 12 -> softplus -> dense 10 -> softmax -> cross-entropy. */
const softplusGraph = (): Graph => parseGraphValue({
  format: 'gradflow.graph', version: 1,
  nodes: [
    { id: 'x', op: 'samples', params: { size: 784 } }, { id: 'h', op: 'dense', params: { units: 12, init: 'xavier' } },
    { id: 'sp', op: 'softplus' }, { id: 'o', op: 'dense', params: { units: 10, init: 'xavier' } },
    { id: 'p', op: 'softmax' }, { id: 'L', op: 'cross_entropy' },
  ],
  edges: [['x', 'h'], ['h', 'sp'], ['sp', 'o'], ['o', 'p'], ['p', 'L']].map(([source, target], k) => ({ id: `e${k}`, source, target, targetPort: 0 })),
});

let test: Dataset;
let inputs: Float32Array;
const trained: Record<string, Network> = {};

/** gradflow's seeded network trained for one epoch on the first 2,000 training digits. */
function trainedNetwork(graph: Graph, train: Dataset, count = 2000): Network {
  const spec = compileNetwork(graph);
  const options = { ...trainOptionsFrom(graph.training, spec.loss), epochs: 1 };
  const network = createNetwork(spec, createRng(options.seed));
  const trainer = createTrainer(network, { ...train, count, images: train.images.subarray(0, count * 784), labels: train.labels.subarray(0, count) }, options);
  while (!trainer.step(1e9).done);
  return network;
}

/** gradflow's outputs for every test digit (float64, pixels × 1/255). */
function gradflowOutputs(network: Network): Float64Array[] {
  return Array.from({ length: test.count }, (_, i) => predict(network, Float64Array.from(test.images.subarray(i * 784, (i + 1) * 784), (v) => v * (1 / 255))));
}

async function runtimeOutputs(model: Uint8Array, dims: number[] = [784]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  expect(session.inputNames).toEqual(['input']);
  expect(session.outputNames).toEqual(['output']);
  const result = await session.run({ input: new ort.Tensor('float32', inputs, [test.count, ...dims]) });
  expect(result.output.dims).toEqual([test.count, 10]);
  return result.output.data as Float32Array;
}

const argmax = (values: ArrayLike<number>, from: number, n: number): number => {
  let best = 0;
  for (let j = 1; j < n; j++) if (values[from + j] > values[from + best]) best = j;
  return best;
};

/** Largest |difference| and the number of digits whose argmax differs, runtime against gradflow. */
function compare(ours: Float64Array[], theirs: ArrayLike<number>): { maxDiff: number; argmaxDiffer: number } {
  let maxDiff = 0;
  let argmaxDiffer = 0;
  ours.forEach((p, i) => {
    for (let j = 0; j < 10; j++) maxDiff = Math.max(maxDiff, Math.abs(p[j] - theirs[i * 10 + j]));
    if (argmax(p, 0, 10) !== argmax(theirs, i * 10, 10)) argmaxDiffer++;
  });
  return { maxDiff, argmaxDiffer };
}

beforeAll(() => {
  const split = loadEmbeddedSplit();
  test = split.test;
  inputs = Float32Array.from(test.images, (v) => v * (1 / 255));
  for (const name of ['mnist-nielsen', 'mnist-modern']) trained[name] = trainedNetwork(example(name), split.train);
  trained.softplus = trainedNetwork(softplusGraph(), split.train);
  trained['mnist-cnn'] = trainedNetwork(example('mnist-cnn'), split.train, 500);
  trained.cnnSame = trainedNetwork(cnnSameGraph(), split.train, 500);
});

describe('ONNX export, run with ONNX Runtime on the 2,000 test digits', () => {
  for (const name of ['mnist-nielsen', 'mnist-modern']) {
    it(`${name}: the same argmax for every digit and outputs within 1e-5 of gradflow's`, async () => {
      const network = trained[name];
      const model = networkToOnnx(network, { training: example(name).training });
      const decoded = onnx.ModelProto.decode(model);
      expect(Number(decoded.opsetImport[0].version)).toBeGreaterThanOrEqual(13);
      expect(decoded.graph?.node?.map((n) => n.opType)).toEqual(name === 'mnist-nielsen' ? ['Gemm', 'Sigmoid', 'Gemm', 'Sigmoid'] : ['Gemm', 'Relu', 'Gemm', 'Softmax']);
      const { maxDiff, argmaxDiffer } = compare(gradflowOutputs(network), await runtimeOutputs(model));
      expect(argmaxDiffer).toBe(0);
      expect(maxDiff).toBeLessThan(1e-5);
      expect(maxDiff).toBeGreaterThan(0); // float32 in the runtime, float64 in gradflow: a real comparison
    });
  }
});

describe('ONNX export of every activation of the table', () => {
  it('softplus: ONNX Runtime agrees with gradflow and the model imports back', async () => {
    const network = trained.softplus;
    const model = networkToOnnx(network);
    expect(onnx.ModelProto.decode(model).graph?.node?.map((n) => n.opType)).toEqual(['Gemm', 'Softplus', 'Gemm', 'Softmax']);
    const ours = gradflowOutputs(network);
    const { maxDiff, argmaxDiffer } = compare(ours, await runtimeOutputs(model));
    expect(argmaxDiffer).toBe(0);
    expect(maxDiff).toBeLessThan(1e-5);
    const back = onnxToNetwork(model);
    expect(back.graph.nodes.map((n) => n.op)).toEqual(['samples', 'dense', 'softplus', 'dense', 'softmax', 'cross_entropy']);
    expect(compare(ours, gradflowOutputs(back.network).flatMap((p) => Array.from(p))).maxDiff).toBeLessThan(1e-5);
  });
});

describe('ONNX export and import of convolutional networks', () => {
  const cases = [
    { name: 'mnist-cnn', ops: ['Conv', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm', 'Softmax'] },
    { name: 'cnnSame', ops: ['Conv', 'Tanh', 'MaxPool', 'Flatten', 'Dropout', 'Gemm', 'Sigmoid'] },
  ];
  for (const { name, ops } of cases) {
    it(`${name}: ONNX Runtime on [N, 1, 28, 28] agrees with gradflow on every test digit, and import gives the network back`, async () => {
      const network = trained[name];
      const model = networkToOnnx(network);
      expect(onnx.ModelProto.decode(model).graph?.node?.map((n) => n.opType)).toEqual(ops);
      const ours = gradflowOutputs(network);
      const { maxDiff, argmaxDiffer } = compare(ours, await runtimeOutputs(model, [1, 28, 28]));
      expect(argmaxDiffer).toBe(0);
      expect(maxDiff).toBeLessThan(1e-5);
      const back = onnxToNetwork(model);
      expect(back.spec.summary).toEqual(network.spec.summary);
      expect(back.graph.nodes.find((n) => n.op === 'samples')?.params).toEqual({ size: 784, shape: [1, 28, 28] });
      const again = compare(ours, gradflowOutputs(back.network).flatMap((p) => Array.from(p)));
      expect(again.argmaxDiffer).toBe(0);
      expect(again.maxDiff).toBeLessThan(1e-5);
    });
  }

  it('refuses a convolution whose padding is neither valid nor same, naming the node', () => {
    const FLOAT = onnx.TensorProto.DataType.FLOAT;
    const model = onnx.ModelProto.encode({
      irVersion: 8, opsetImport: [{ domain: '', version: 13 }],
      graph: {
        node: [{ name: 'odd', opType: 'Conv', input: ['input', 'W'], output: ['y'], attribute: [{ name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [3, 0, 0, 0] }] }],
        initializer: [{ name: 'W', dims: [2, 1, 3, 3], dataType: FLOAT, floatData: new Array<number>(18).fill(0.1) }],
        input: [{ name: 'input', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }, { dimValue: 8 }, { dimValue: 8 }] } } } }],
        output: [{ name: 'y' }],
      },
    }).finish();
    expect(() => onnxToNetwork(model)).toThrow(/^node 'odd' \(Conv\) pads \[3, 0, 0, 0\]; gradflow's conv2d pads "valid" \(none\) or "same" \(SAME_UPPER\)$/);
  });
});

describe('ONNX import', () => {
  it('a round trip export -> import gives the same graph shape, losses, training settings and predictions', async () => {
    for (const name of ['mnist-nielsen', 'mnist-modern']) {
      const graph = example(name);
      const network = trained[name];
      const back = onnxToNetwork(networkToOnnx(network, { training: graph.training }));
      const original = compileNetwork(graph);
      expect(back.spec.summary).toEqual(original.summary);
      expect(back.graph.training).toEqual(graph.training);
      // Laid out left to right, one layer per column.
      const xs = back.graph.nodes.map((n) => n.position?.x ?? NaN);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(new Set(xs).size).toBe(xs.length);
      const { maxDiff, argmaxDiffer } = compare(gradflowOutputs(network), gradflowOutputs(back.network).flatMap((p) => Array.from(p)));
      expect(argmaxDiffer).toBe(0);
      expect(maxDiff).toBeLessThan(1e-5);
    }
  });

  it('reads MatMul + Add and Gemm without transB as dense layers, and an image input with its Flatten', async () => {
    const network = trained['mnist-modern'];
    const [d1, d2] = network.dense;
    const transpose = (w: Float64Array, rows: number, cols: number): number[] => {
      const out: number[] = new Array<number>(w.length);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
      return out;
    };
    const FLOAT = onnx.TensorProto.DataType.FLOAT;
    const model = onnx.ModelProto.encode({
      irVersion: 8, opsetImport: [{ domain: '', version: ONNX_OPSET }],
      graph: {
        name: 'hand-built',
        node: [
          { name: 'flat', opType: 'Flatten', input: ['image'], output: ['f'] },
          { name: 'mm', opType: 'MatMul', input: ['f', 'W1'], output: ['m'] },
          { name: 'bias', opType: 'Add', input: ['m', 'b1'], output: ['z1'] },
          { name: 'act', opType: 'Relu', input: ['z1'], output: ['a1'] },
          { name: 'g2', opType: 'Gemm', input: ['a1', 'W2', 'b2'], output: ['z2'] },
          { name: 'probs', opType: 'Softmax', input: ['z2'], output: ['p'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
        ],
        initializer: [
          { name: 'W1', dims: [784, 100], dataType: FLOAT, floatData: transpose(d1.weights, 100, 784) },
          { name: 'b1', dims: [100], dataType: FLOAT, floatData: Array.from(d1.biases) },
          { name: 'W2', dims: [100, 10], dataType: FLOAT, floatData: transpose(d2.weights, 10, 100) },
          { name: 'b2', dims: [10], dataType: FLOAT, floatData: Array.from(d2.biases) },
        ],
        input: [{ name: 'image', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }, { dimValue: 28 }, { dimValue: 28 }] } } } }],
        output: [{ name: 'p', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 10 }] } } } }],
      },
    }).finish();
    const back = onnxToNetwork(model);
    // The image input keeps its shape; the Flatten is a layer of its own.
    expect(back.graph.nodes.map((n) => n.op)).toEqual(['samples', 'flatten', 'dense', 'relu', 'dense', 'softmax', 'cross_entropy']);
    expect(back.graph.nodes.map((n) => n.id)).toEqual(['x', 'flat', 'mm', 'act', 'g2', 'probs', 'loss']);
    expect(back.spec.inputDims).toEqual([1, 28, 28]);
    const { maxDiff, argmaxDiffer } = compare(gradflowOutputs(network), gradflowOutputs(back.network).flatMap((p) => Array.from(p)));
    expect(argmaxDiffer).toBe(0);
    expect(maxDiff).toBeLessThan(1e-5);
  });

  /** A one-input model whose nodes are `nodes` (each reading the previous output), for refusals. */
  const chain = (nodes: { name: string; opType: string }[]): Uint8Array => {
    const FLOAT = onnx.TensorProto.DataType.FLOAT;
    return onnx.ModelProto.encode({
      irVersion: 8, opsetImport: [{ domain: '', version: 13 }],
      graph: {
        node: nodes.map((n, k) => ({ ...n, input: [k === 0 ? 'input' : `t${k}`], output: [`t${k + 1}`] })),
        input: [{ name: 'input', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 4 }] } } } }],
        output: [{ name: `t${nodes.length}` }],
      },
    }).finish();
  };

  it('refuses anything else with one line naming the operator and its node', () => {
    expect(() => onnxToNetwork(chain([{ name: 'act1', opType: 'Relu' }, { name: 'leaky', opType: 'LeakyRelu' }]))).toThrow(/^unsupported operator 'LeakyRelu' at node 'leaky'$/);
    expect(() => onnxToNetwork(chain([{ name: '', opType: 'Gather' }]))).toThrow("unsupported operator 'Gather' at node 'Gather #0 (output 't1')'");
    expect(() => onnxToNetwork(chain([{ name: 'a', opType: 'Add' }]))).toThrow("node 'a' (Add) does not follow a MatMul; gradflow reads Add only as a MatMul's bias");
    expect(() => onnxToNetwork(chain([{ name: 'r', opType: 'Relu' }]))).toThrow('the model has no Gemm, MatMul or Conv layer: nothing to train');
    expect(() => onnxToNetwork(new TextEncoder().encode('{"format": "gradflow.graph"}'))).toThrow(/^not an ONNX model: /);
    expect(() => onnxToNetwork(new Uint8Array(0))).toThrow('not an ONNX model: it has no graph nodes');
  });
});
