import { backpropBatch, checkData } from './backprop';
import { meanLayerOutputs } from './evaluate';
import { layerSize } from './network';
import type { Dataset, Network } from './types';

/** Which of the lecture's equations gives a layer's delta: BP1 at the output layer, BP2 below it. */
export type DeltaEquation = 'BP1' | 'BP2';

/**
 * One dense or conv2d layer's part in the four equations, for one mini-batch. A conv2d layer's units
 * are its filters: delta is summed over each filter's positions (so BP3 still reads dC/db = delta)
 * and z, a are averaged over them.
 */
export interface LayerEquations {
  /** The dense node this layer came from. */
  nodeId: string;
  /** Index among the network's dense layers. */
  dense: number;
  inputSize: number;
  units: number;
  /** BP1 for the last dense layer, BP2 for the others. */
  equation: DeltaEquation;
  /** delta^l = dC/dz^l averaged over the batch. */
  delta: Float64Array;
  /** delta^l per sample, batch-major: deltas[s * units + j]. */
  deltas: Float64Array;
  /** BP3: dC/db^l (batch mean; equals `delta`). */
  biasGrad: Float64Array;
  /** BP4: dC/dw^l = a^(l−1) delta^l, row-major like the weights, batch mean. */
  weightGrad: Float64Array;
  /** Euclidean norm of weightGrad. */
  weightGradNorm: number;
  /** z^l = w^l a^(l−1) + b^l, batch mean. */
  z: Float64Array;
  /** The layer's output after the activations that follow it (z itself when none does), batch mean. */
  a: Float64Array;
}

/** The four equations of one mini-batch, layer by layer (forward order), with the batch's mean loss. */
export interface FourEquations {
  loss: number;
  layers: LayerEquations[];
}

/**
 * BP1–BP4 for a mini-batch (samples `batch` of `data`), shaped for display: per dense layer its
 * delta (mean and per sample), bias gradient, weight gradient and its norm, and the mean z and a.
 * The gradients come from the network engine's backprop; z and a from its forward pass.
 */
export function fourEquations(network: Network, data: Dataset, batch: ArrayLike<number>): FourEquations {
  if (batch.length === 0) throw new RangeError('the mini-batch is empty');
  checkData(network, data);
  for (let s = 0; s < batch.length; s++) {
    const i = batch[s];
    if (!Number.isInteger(i) || i < 0 || i >= data.count) throw new RangeError(`sample ${i} is not in the data (0..${data.count - 1})`);
  }
  const result = backpropBatch(network, data, batch);
  const layers = network.spec.layers;
  // The last layer before the next dense layer (or the end): its output is this layer's a.
  const outputOf = network.dense.map((d, k) => {
    const nextDense = k + 1 < network.dense.length ? network.dense[k + 1].layer : layers.length;
    let last = d.layer;
    for (let l = d.layer + 1; l < nextDense; l++) if (layers[l].kind !== 'dense' && layers[l].kind !== 'conv2d') last = l;
    return last;
  });
  const means = meanLayerOutputs(network, data, batch);
  // Values per unit: 1 for dense layers, a filter's positions for conv2d (and the layers after it).
  const perUnit = (values: Float64Array, units: number, group: number): Float64Array => {
    if (group === 1) return values;
    const out = new Float64Array(units);
    for (let j = 0; j < units; j++) for (let p = j * group; p < (j + 1) * group; p++) out[j] += values[p] / group;
    return out;
  };
  const m = batch.length;
  return {
    loss: result.loss,
    layers: network.dense.map((d, k) => {
      const deltas = perUnitDeltas(result.deltas[k], m, d.units, layerSize(layers[d.layer]) / d.units);
      const delta = new Float64Array(d.units);
      for (let s = 0; s < m; s++) for (let j = 0; j < d.units; j++) delta[j] += deltas[s * d.units + j] / m;
      const weightGrad = result.weightGrads[k];
      let norm = 0;
      for (const g of weightGrad) norm += g * g;
      return {
        nodeId: d.nodeId,
        dense: k,
        inputSize: d.inputSize,
        units: d.units,
        equation: k === network.dense.length - 1 ? 'BP1' : 'BP2',
        delta,
        deltas,
        biasGrad: result.biasGrads[k],
        weightGrad,
        weightGradNorm: Math.sqrt(norm),
        z: perUnit(means[d.layer + 1], d.units, layerSize(layers[d.layer]) / d.units),
        a: perUnit(means[outputOf[k] + 1], d.units, layerSize(layers[outputOf[k]]) / d.units),
      };
    }),
  };
}

/** Per-sample deltas with one value per unit: a conv2d filter's positions summed (its bias gradient per sample). */
function perUnitDeltas(deltas: Float64Array, samples: number, units: number, group: number): Float64Array {
  if (group === 1) return deltas;
  const out = new Float64Array(samples * units);
  for (let s = 0; s < samples; s++) {
    for (let j = 0; j < units; j++) {
      let sum = 0;
      const base = (s * units + j) * group;
      for (let p = 0; p < group; p++) sum += deltas[base + p];
      out[s * units + j] = sum;
    }
  }
  return out;
}
