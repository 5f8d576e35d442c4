import { createEngine, loadInput, loadSample, syncIn, transpose, type Engine } from './engine';
import { backward, resetGrads } from './backward';
import { argmaxOutput, forward } from './forward';
import { loss } from './loss';
import { layerSize } from './network';
import type { Kernel } from './simd';
import type { Backprop, Dataset, Network } from './types';
import { reason, ReasonedError } from '../graph/errors';

const engines = new WeakMap<Network, Map<Kernel, Engine>>();

/** The engine cached for a network and kernel (its buffers are reused across calls). */
export function engineFor(network: Network, kernel: Kernel = 'auto'): Engine {
  let byKernel = engines.get(network);
  if (!byKernel) {
    byKernel = new Map();
    engines.set(network, byKernel);
  }
  let e = byKernel.get(kernel);
  if (!e) {
    e = createEngine(network, kernel);
    byKernel.set(kernel, e);
  }
  return e;
}

/**
 * One batched forward and backward pass over samples `batch` (indices into `data`), following
 * the lecture's four equations: delta^L = ∇_a C ⊙ σ'(z^L); delta^l = ((w^{l+1})^T delta^{l+1}) ⊙ σ'(z^l);
 * dC/db = delta; dC/dw = a^{l−1} delta. Gradients are averaged over the batch; parameters are unchanged.
 */
export function backpropBatch(network: Network, data: Dataset, batch: ArrayLike<number>, kernel: Kernel = 'auto'): Backprop {
  checkData(network, data);
  const e = engineFor(network, kernel);
  syncIn(e);
  resetGrads(e);
  const deltas = network.dense.map((d) => new Float64Array(batch.length * layerSize(network.spec.layers[d.layer])));
  let total = 0;
  let correct = 0;
  for (let s = 0; s < batch.length; s++) {
    const i = batch[s];
    loadSample(e, data, i);
    forward(e);
    if (argmaxOutput(e) === data.labels[i]) correct++;
    total += loss(e, data.labels[i], true);
    backward(e, deltas, s);
  }
  const m = Math.max(batch.length, 1);
  const biasGrads = e.gB.map((g) => g.map((v) => v / m));
  const weightGrads = e.gW.map((g) => g.map((v) => v / m));
  if (e.w0T) {
    const d = network.dense[0];
    const rowMajor = new Float64Array(weightGrads[0].length);
    transpose(weightGrads[0], rowMajor, d.inputSize, d.units);
    weightGrads[0] = rowMajor;
  }
  // A trainer sharing this engine expects clean accumulators between its batches.
  resetGrads(e);
  return { loss: total / m, correct, deltas, biasGrads, weightGrads };
}

/** The network's output for one input vector of values in 0..1 (probabilities after a softmax). */
export function predict(network: Network, input: ArrayLike<number>): Float64Array {
  if (input.length !== network.spec.inputSize) {
    throw new ReasonedError(`the input has ${input.length} values but the network takes ${network.spec.inputSize}`, reason('network.inputLength', { length: input.length, size: network.spec.inputSize }));
  }
  const e = engineFor(network);
  syncIn(e);
  loadInput(e, input);
  forward(e);
  return e.acts[e.acts.length - 1].slice();
}

/** Throws when a dataset does not fit a network (input length or a label beyond the outputs). */
export function checkData(network: Network, data: Dataset): void {
  if (data.inputSize !== network.spec.inputSize) {
    throw new ReasonedError(`the data has ${data.inputSize} values per sample but the network's samples node takes ${network.spec.inputSize}`, reason('network.dataInputs', { inputs: data.inputSize, size: network.spec.inputSize }));
  }
  const classes = network.spec.outputSize;
  for (let i = 0; i < data.count; i++) {
    if (data.labels[i] >= classes) throw new ReasonedError(`label ${data.labels[i]} of sample ${i} is beyond the network's ${classes} outputs`, reason('network.labelBeyondOutputs', { label: data.labels[i], index: i, classes }));
  }
}
