import { loadSample, syncIn, type Engine } from './engine';
import { argmaxOutput, forward } from './forward';
import { loss } from './loss';
import { checkData, engineFor } from './backprop';
import type { Kernel } from './simd';
import type { Dataset, Network, NetworkEvaluation } from './types';

/** Scores a network on a dataset: correct predictions (largest output), mean loss, 10 × 10 confusion counts. */
export function evaluateNetwork(network: Network, data: Dataset, kernel: Kernel = 'auto'): NetworkEvaluation {
  checkData(network, data);
  const e = engineFor(network, kernel);
  syncIn(e);
  return scoreSamples(e, data, () => forward(e));
}

/** evaluateNetwork's score, with `forwardSample` running the forward pass of the sample loaded into `e`. */
export function scoreSamples(e: Engine, data: Dataset, forwardSample: () => void): NetworkEvaluation {
  const confusion = new Uint32Array(100);
  let correct = 0;
  let total = 0;
  for (let i = 0; i < data.count; i++) {
    loadSample(e, data, i);
    forwardSample();
    const label = data.labels[i];
    const guess = argmaxOutput(e);
    if (guess === label) correct++;
    if (label < 10 && guess < 10) confusion[label * 10 + guess]++;
    total += loss(e, label, false);
  }
  return { correct, total: data.count, loss: data.count > 0 ? total / data.count : 0, confusion };
}

/** The mean loss (without L2) of a network on a dataset: what a landscape plots. */
export function meanLoss(network: Network, data: Dataset, kernel: Kernel = 'auto'): number {
  checkData(network, data);
  const e = engineFor(network, kernel);
  syncIn(e);
  let total = 0;
  for (let i = 0; i < data.count; i++) {
    loadSample(e, data, i);
    forward(e);
    total += loss(e, data.labels[i], false);
  }
  return data.count > 0 ? total / data.count : 0;
}

/**
 * The mean output of every layer over samples `batch` of `data`: index l + 1 holds layer l's (z for a
 * dense layer, a for an activation), index 0 the input. The lecture's equations panel shows these.
 */
export function meanLayerOutputs(network: Network, data: Dataset, batch: ArrayLike<number>): Float64Array[] {
  checkData(network, data);
  const e = engineFor(network);
  syncIn(e);
  const sums = e.acts.map((a) => new Float64Array(a.length));
  for (let s = 0; s < batch.length; s++) {
    loadSample(e, data, batch[s]);
    forward(e);
    e.acts.forEach((a, l) => {
      const sum = sums[l];
      for (let j = 0; j < a.length; j++) sum[j] += a[j];
    });
  }
  const m = Math.max(batch.length, 1);
  return sums.map((sum) => sum.map((v) => v / m));
}

/** The predicted class of every sample (largest output), e.g. for a grid of test digits. */
export function predictAll(network: Network, data: Dataset): Uint8Array {
  checkData(network, data);
  const e = engineFor(network);
  syncIn(e);
  const out = new Uint8Array(data.count);
  for (let i = 0; i < data.count; i++) {
    loadSample(e, data, i);
    forward(e);
    out[i] = argmaxOutput(e);
  }
  return out;
}
