import { reason, ReasonedError } from '../graph/errors';
import { backpropBatch, checkData } from '../net/backprop';
import { meanLoss } from '../net/evaluate';
import { cloneNetwork } from '../net/network';
import type { Dataset, Network } from '../net/types';
import { planeLossesOfNetwork } from './planeNetwork';
import type { ParamBlock, Problem } from './types';

/** Options of networkProblem. */
export interface NetworkProblemOptions {
  /** How many samples L averages over: the first ones of the dataset (every digit is in any prefix); default 500. */
  samples?: number;
}

/** Where each dense layer's weights and biases sit in the flat parameter vector W. */
export interface ParamLayout {
  weightsAt: number[];
  biasesAt: number[];
  size: number;
}

/** W = every dense layer's weights (row-major, as the network holds them) then its biases, layer by layer. */
export function paramLayout(network: Network): ParamLayout {
  const weightsAt: number[] = [];
  const biasesAt: number[] = [];
  let at = 0;
  for (const d of network.dense) {
    weightsAt.push(at);
    at += d.weights.length;
    biasesAt.push(at);
    at += d.biases.length;
  }
  return { weightsAt, biasesAt, size: at };
}

/** A network's parameters as one vector in the layout of paramLayout. */
export function flattenParams(network: Network): Float64Array {
  const layout = paramLayout(network);
  const w = new Float64Array(layout.size);
  network.dense.forEach((d, k) => {
    w.set(d.weights, layout.weightsAt[k]);
    w.set(d.biases, layout.biasesAt[k]);
  });
  return w;
}

/** Writes a parameter vector into a network's layers. */
export function unflattenParams(network: Network, w: Float64Array): void {
  const layout = paramLayout(network);
  network.dense.forEach((d, k) => {
    d.weights.set(w.subarray(layout.weightsAt[k], layout.weightsAt[k] + d.weights.length));
    d.biases.set(w.subarray(layout.biasesAt[k], layout.biasesAt[k] + d.biases.length));
  });
}

/** The first `count` samples of a dataset as a dataset of their own. */
export function datasetPrefix(data: Dataset, count: number): Dataset {
  const n = Math.min(count, data.count);
  return { count: n, inputSize: data.inputSize, images: data.images.slice(0, n * data.inputSize), labels: data.labels.slice(0, n) };
}

/**
 * A compiled network as a Problem: W = all its parameters, L = its mean loss (without L2) on a fixed
 * subset of the data, the gradient by backprop (the network engine's four equations). Landscape
 * directions are normalised per neuron (one block per row of each weight matrix) with biases frozen;
 * planeLosses evaluates whole grids in a batched forward pass. The network passed in is not modified.
 */
export function networkProblem(network: Network, data: Dataset, options: NetworkProblemOptions = {}): Problem {
  const count = options.samples ?? 500;
  if (!Number.isInteger(count) || count < 1) throw new ReasonedError(`samples must be a positive integer, got ${count}`, reason('options.samples', { count }));
  checkData(network, data);
  const subset = datasetPrefix(data, count);
  const net = cloneNetwork(network);
  const layout = paramLayout(net);
  const vectorOnly = net.spec.layers.every((l) => l.kind === 'dense' || l.kind === 'activation' || l.kind === 'softmax');
  const all = Int32Array.from({ length: subset.count }, (_x, i) => i);
  const blocks: ParamBlock[] = [];
  const frozen: ParamBlock[] = [];
  net.dense.forEach((d, k) => {
    for (let j = 0; j < d.units; j++) blocks.push({ start: layout.weightsAt[k] + j * d.inputSize, length: d.inputSize });
    frozen.push({ start: layout.biasesAt[k], length: d.units });
  });
  const names = (index: number): string => {
    for (let k = net.dense.length - 1; k >= 0; k--) {
      const d = net.dense[k];
      if (index >= layout.biasesAt[k]) return `${d.nodeId}.b[${index - layout.biasesAt[k]}]`;
      if (index >= layout.weightsAt[k]) {
        const r = index - layout.weightsAt[k];
        return `${d.nodeId}.W[${Math.floor(r / d.inputSize)},${r % d.inputSize}]`;
      }
    }
    return `#${index}`;
  };
  const withGrad = (w: Float64Array, batch: ArrayLike<number>, grad: Float64Array): number => {
    unflattenParams(net, w);
    const result = backpropBatch(net, subset, batch);
    net.dense.forEach((d, k) => {
      grad.set(result.weightGrads[k], layout.weightsAt[k]);
      grad.set(result.biasGrads[k], layout.biasesAt[k]);
    });
    return result.loss;
  };
  return {
    kind: 'network',
    size: layout.size,
    names,
    initial: flattenParams(net),
    loss: (w) => {
      unflattenParams(net, w);
      return meanLoss(net, subset);
    },
    lossAndGrad: (w, grad) => withGrad(w, all, grad),
    samples: subset.count,
    batchLossAndGrad: withGrad,
    // The batched plane evaluation knows dense stacks; image layers take the engine's loss() per point.
    ...(vectorOnly ? { planeLosses: (center: Float64Array, d1: Float64Array, d2: Float64Array | undefined, alphas: Float64Array, betas: Float64Array) => planeLossesOfNetwork(net, subset, layout, center, d1, d2, alphas, betas) } : {}),
    blocks,
    frozen,
  };
}
