/** What the training panel draws from a network and the test set: digits, confusion matrix, first-layer weights. */
import { predictAll } from '../core/net/evaluate';
import { activationOf } from '../core/ops/table';
import type { Dataset, LossKind, Network } from '../core/net/types';
import type { Digits, Results } from './protocol';

/** Digits in the grid, spread evenly over the test set. */
export const GRID_SIZE = 48;
/** Misclassified digits collected for the "mistakes" view. */
export const MISTAKES_SIZE = 48;
/** Side of the square images the grid and the weight pictures draw. */
export const SIDE = 28;

/** Scores the network on `test` and gathers the pictures the panel shows. */
export function collectResults(network: Network, test: Dataset): Results {
  const step = Math.max(1, Math.floor(test.count / GRID_SIZE));
  const guesses = predictAll(network, test);
  // One pass over the test set gives the grid, the mistakes and the confusion matrix.
  const confusion = new Uint32Array(100);
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const label = test.labels[i];
    if (guesses[i] === label) correct++;
    if (label < 10 && guesses[i] < 10) confusion[label * 10 + guesses[i]]++;
  }
  const grid = digits(test, guesses, Array.from({ length: Math.min(GRID_SIZE, test.count) }, (_, k) => k * step));
  const wrong: number[] = [];
  for (let i = 0; i < test.count && wrong.length < MISTAKES_SIZE; i++) if (guesses[i] !== test.labels[i]) wrong.push(i);
  const first = network.dense[0];
  const firstLayer = first !== undefined && first.inputSize === SIDE * SIDE
    ? { units: first.units, inputs: first.inputSize, weights: Float32Array.from(first.weights) }
    : null;
  return {
    confusion,
    correct,
    total: test.count,
    grid,
    mistakes: digits(test, guesses, wrong),
    firstLayer,
  };
}

/** The chosen test samples as bytes, with labels and the network's predictions. */
function digits(test: Dataset, guesses: Uint8Array, indices: number[]): Digits {
  const size = test.inputSize;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  const predicted = new Uint8Array(indices.length);
  indices.forEach((i, k) => {
    const input = sample(test, i);
    for (let j = 0; j < size; j++) pixels[k * size + j] = Math.round(input[j] * 255);
    labels[k] = test.labels[i];
    predicted[k] = guesses[i];
  });
  return { count: indices.length, side: Math.round(Math.sqrt(size)), pixels, labels, predicted };
}

/** Sample i's input vector scaled to 0..1. */
export function sample(data: Dataset, i: number): Float32Array {
  const n = data.inputSize;
  const out = new Float32Array(n);
  const images = data.images;
  if (images instanceof Uint8Array) for (let j = 0; j < n; j++) out[j] = images[i * n + j] / 255;
  else out.set(images.subarray(i * n, (i + 1) * n));
  return out;
}

/**
 * The network's output as probabilities for the pad's bars: softmax output as it is, sigmoid
 * outputs (quadratic loss) shared out in proportion, hinge scores through a softmax.
 */
export function probabilities(output: Float64Array, loss: LossKind): Float64Array {
  const out = new Float64Array(output.length);
  const negative = output.some((v) => v < 0);
  if (loss === 'svm' || negative) {
    activationOf('softmax').output(output, out, 0, output.length);
    return out;
  }
  let sum = 0;
  for (const v of output) sum += v;
  for (let i = 0; i < output.length; i++) out[i] = sum > 0 ? output[i] / sum : 1 / output.length;
  return out;
}
