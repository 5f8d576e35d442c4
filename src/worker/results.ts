/** What the training panel draws from a network and the test set: digits, confusion matrix, first-layer weights. */
import { predictAll } from '../core/net/evaluate';
import { decisionGrid, layerOutputs } from '../core/net/inspect';
import { activationOf } from '../core/ops/table';
import type { Dataset, LossKind, Network } from '../core/net/types';
import type { Boundary, Digits, FilterView, LayerView, LayerViews, Results } from './protocol';

/** Digits in the grid, spread evenly over the test set. */
export const GRID_SIZE = 48;
/** Misclassified digits collected for the "mistakes" view. */
export const MISTAKES_SIZE = 48;
/** Side of the square images the grid and the weight pictures draw. */
export const SIDE = 28;

/** Cells per side of the decision-boundary grid. */
export const BOUNDARY_SIZE = 64;

/** Scores the network on `test` and gathers the pictures the panel shows; `inspect` picks the test image whose layers are shown. */
export function collectResults(network: Network, test: Dataset, inspect = 0): Results {
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
    layers: hasImageLayers(network) && test.count > 0 ? layerViews(network, test, Math.min(Math.max(0, inspect), test.count - 1), guesses) : null,
    boundary: network.spec.inputSize === 2 ? boundary(network, test) : null,
  };
}

/** True for networks whose samples are images with conv or pool layers: those have feature maps to show. */
function hasImageLayers(network: Network): boolean {
  return network.spec.inputDims.length === 3 && network.spec.layers.some((l) => l.kind === 'conv2d' || l.kind === 'maxpool');
}

/** A layer output as channels x height x width (vectors as 1 x 1 x n). */
function view(nodeId: string, op: string, dims: readonly number[], values: ArrayLike<number>): LayerView {
  const [channels, height, width] = dims.length === 3 ? dims : [1, 1, dims[0]];
  return { nodeId, op, channels, height, width, values: Float32Array.from(values) };
}

/** Test image `index` through every layer, and the filters of every conv layer. */
function layerViews(network: Network, test: Dataset, index: number, guesses: Uint8Array): LayerViews {
  const { spec } = network;
  const input = sample(test, index);
  const outputs = layerOutputs(network, input);
  const filters: FilterView[] = [];
  spec.layers.forEach((layer) => {
    if (layer.kind !== 'conv2d') return;
    const d = network.dense.find((p) => p.nodeId === layer.nodeId);
    if (d === undefined) return;
    filters.push({ nodeId: layer.nodeId, filters: layer.units, channels: layer.geometry.channels, kernel: layer.geometry.kernel, weights: Float32Array.from(d.weights) });
  });
  return {
    index,
    label: test.labels[index],
    predicted: guesses[index],
    input: view(spec.samplesNodeId, 'samples', spec.inputDims, input),
    outputs: spec.layers.map((layer, l) => view(layer.nodeId, layer.kind === 'activation' ? layer.activation : layer.kind, spec.layerDims[l], outputs[l])),
    filters,
  };
}

/** The plane the test points span (with a margin), the network's outputs over it, and the points. */
function boundary(network: Network, test: Dataset): Boundary {
  const images = test.images;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < test.count; i++) {
    const x = images[2 * i];
    const y = images[2 * i + 1];
    x0 = Math.min(x0, x); x1 = Math.max(x1, x);
    y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  if (!(x1 > x0)) { x0 = -1; x1 = 1; }
  if (!(y1 > y0)) { y0 = -1; y1 = 1; }
  // A square plane centred on the points, 10% wider than they spread.
  const half = 0.55 * Math.max(x1 - x0, y1 - y0);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const extent = { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
  const scale = images instanceof Uint8Array ? 1 / 255 : 1;
  return {
    size: BOUNDARY_SIZE,
    classes: network.spec.outputSize,
    extent,
    outputs: decisionGrid(network, extent, BOUNDARY_SIZE),
    points: Float32Array.from({ length: test.count * 2 }, (_, k) => images[k] * scale),
    labels: test.labels.slice(0, test.count),
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
