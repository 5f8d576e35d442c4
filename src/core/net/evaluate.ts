import { loadSample, syncIn } from './engine';
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
  const confusion = new Uint32Array(100);
  let correct = 0;
  let total = 0;
  for (let i = 0; i < data.count; i++) {
    loadSample(e, data, i);
    forward(e);
    const label = data.labels[i];
    const guess = argmaxOutput(e);
    if (guess === label) correct++;
    if (label < 10 && guess < 10) confusion[label * 10 + guess]++;
    total += loss(e, label, false);
  }
  return { correct, total: data.count, loss: data.count > 0 ? total / data.count : 0, confusion };
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
