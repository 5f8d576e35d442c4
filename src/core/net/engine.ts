import { lossOf } from '../ops/table';
import type { Rng } from '../random';
import { layerSize } from './network';
import { createSimdKernels, type Kernel, type SimdKernels } from './simd';
import type { Dataset, LayerSpec, Network } from './types';

/**
 * Working memory and the per-sample kernels behind backprop, training and evaluation.
 * One sample at a time through plain loops over typed arrays; the first dense layer reads only the
 * input's non-zero pixels (about 19% of an MNIST digit), forward and backward.
 */
export interface Engine {
  network: Network;
  layers: LayerSpec[];
  /** acts[0] is the input x; acts[l + 1] is layer l's output (z for a dense layer, a for an activation). */
  acts: Float64Array[];
  /** grads[l + 1] is dC/d acts[l + 1] during backward. */
  grads: Float64Array[];
  /** Parameter index (into network.dense) for each dense or conv2d layer, -1 for parameter-free layers. */
  denseOf: Int32Array;
  /** The first layer reads the input's non-zero list (dense or conv2d first): the loaders fill nz, nzv. */
  sparseInput: boolean;
  /** Per max-pool layer, where each window's maximum was (input index), for backward; null elsewhere. */
  argmax: (Int32Array | null)[];
  /** Per conv2d layer on dense input, its im2col rows and their gradient; null elsewhere. */
  patches: (Float64Array | null)[];
  gradPatches: (Float64Array | null)[];
  /** Per dropout layer, the last mask (0 or 1/(1 − rate) per value); null elsewhere. */
  masks: (Float64Array | null)[];
  /** Dropout: 'off' when evaluating, 'sample' draws a new mask per sample from `rng` while training, 'fixed' reuses `masks`. */
  dropout: 'off' | 'sample' | 'fixed';
  rng: Rng | null;
  /**
   * When layer 0 is dense, its weights transposed ([input][unit]) so that each non-zero pixel adds
   * one contiguous column; kept in step with network.dense[0] by syncIn/syncOut.
   */
  w0T: Float64Array | null;
  /**
   * Gradient accumulators per dense layer (sum over the samples since the last reset); the first
   * layer's is transposed like w0T when w0T is set.
   */
  gW: Float64Array[];
  gB: Float64Array[];
  /** Non-zero inputs: positions nz[nz0 …] and values nzv[nz0 …], nnz of them (the engine's own buffers or a trainer's cache). */
  nz: Int32Array;
  nzv: Float64Array;
  nz0: number;
  nnz: number;
  nzBuf: Int32Array;
  nzvBuf: Float64Array;
  /** A softmax followed by a loss with a form on logits (cross-entropy): backward starts from p − y, which never divides by a tiny p_y. */
  fused: boolean;
  /** Whether layer l must pass a gradient down (some dense layer lies below it). */
  passDown: Uint8Array;
  /** The WebAssembly SIMD kernels for the first layer, with byte offsets of w0T, its gradient, nz, nzv, z^1 and dC/dz^1 in their memory. */
  simd: SimdKernels | null;
  ptr: { w: number; gw: number; nz: number; nzv: number; z: number; g: number };
}

/** Allocates an engine for a network; `kernel` picks the first layer's implementation ('auto': SIMD where available). */
export function createEngine(network: Network, kernel: Kernel = 'auto'): Engine {
  const layers = network.spec.layers;
  const n = network.spec.inputSize;
  const acts = [new Float64Array(n)];
  const grads = [new Float64Array(n)];
  const firstDense = layers[0]?.kind === 'dense';
  const units = firstDense ? network.dense[0].units : 0;
  // The SIMD kernels read and write their own memory: lay out w0T, its gradient, nz, nzv, z^1 and dC/dz^1 there.
  const round = (bytes: number): number => Math.ceil(bytes / 16) * 16;
  const ptr = { w: 0, gw: round(n * units * 8), nz: 0, nzv: 0, z: 0, g: 0 };
  ptr.nz = ptr.gw + round(n * units * 8);
  ptr.nzv = ptr.nz + round(n * 4);
  ptr.z = ptr.nzv + round(n * 8);
  ptr.g = ptr.z + round(units * 8);
  const simd = firstDense && kernel !== 'js' ? createSimdKernels(ptr.g + round(units * 8)) : null;
  if (kernel === 'simd' && firstDense && simd === null) throw new Error('WebAssembly SIMD is not available here');
  const denseOf = new Int32Array(layers.length).fill(-1);
  const argmax: (Int32Array | null)[] = [];
  const masks: (Float64Array | null)[] = [];
  const patches: (Float64Array | null)[] = [];
  const gradPatches: (Float64Array | null)[] = [];
  const sparseInput = firstDense || layers[0]?.kind === 'conv2d';
  let k = 0;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const size = layerSize(layer);
    argmax.push(layer.kind === 'maxpool' ? new Int32Array(size) : null);
    masks.push(layer.kind === 'dropout' ? new Float64Array(size).fill(1) : null);
    const im2col = layer.kind === 'conv2d' && !(l === 0 && sparseInput);
    const rows = im2col ? layer.geometry.outHeight * layer.geometry.outWidth * layer.inputSize : 0;
    patches.push(im2col ? new Float64Array(rows) : null);
    gradPatches.push(im2col ? new Float64Array(rows) : null);
    if (l === 0 && simd) {
      acts.push(new Float64Array(simd.memory.buffer, ptr.z, size));
      grads.push(new Float64Array(simd.memory.buffer, ptr.g, size));
    } else {
      acts.push(new Float64Array(size));
      grads.push(new Float64Array(size));
    }
    if (layer.kind === 'dense' || layer.kind === 'conv2d') denseOf[l] = k++;
  }
  const passDown = new Uint8Array(layers.length);
  let denseBelow = false;
  for (let l = 0; l < layers.length; l++) {
    passDown[l] = denseBelow ? 1 : 0;
    if (denseOf[l] >= 0) denseBelow = true;
  }
  const last = layers[layers.length - 1];
  const buffer = simd?.memory.buffer;
  const gW = network.dense.map((d) => new Float64Array(d.weights.length));
  if (buffer) gW[0] = new Float64Array(buffer, ptr.gw, n * units);
  return {
    w0T: buffer ? new Float64Array(buffer, ptr.w, n * units) : firstDense ? new Float64Array(n * units) : null,
    simd,
    ptr,
    network,
    layers,
    acts,
    grads,
    denseOf,
    sparseInput,
    argmax,
    masks,
    patches,
    gradPatches,
    dropout: 'off',
    rng: null,
    gW,
    gB: network.dense.map((d) => new Float64Array(d.biases.length)),
    nz: new Int32Array(0),
    nzv: new Float64Array(0),
    nz0: 0,
    nnz: 0,
    nzBuf: buffer ? new Int32Array(buffer, ptr.nz, n) : new Int32Array(n),
    nzvBuf: buffer ? new Float64Array(buffer, ptr.nzv, n) : new Float64Array(n),
    fused: lossOf(network.spec.loss).logits !== undefined && last?.kind === 'softmax',
    passDown,
  };
}

/** Copies the network's first-layer weights into the engine (before using it: the network is the truth). */
export function syncIn(e: Engine): void {
  if (!e.w0T) return;
  const d = e.network.dense[0];
  transpose(d.weights, e.w0T, d.units, d.inputSize);
}

/** Writes the engine's first-layer weights back to the network (after training on it). */
export function syncOut(e: Engine): void {
  if (!e.w0T) return;
  const d = e.network.dense[0];
  transpose(e.w0T, d.weights, d.inputSize, d.units);
}

/** out[c][r] = from[r][c] for a rows × cols row-major matrix. */
export function transpose(from: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = from[base + c];
  }
}

/** Loads sample i of a dataset as the input (Uint8 pixels scaled by 1/255). */
export function loadSample(e: Engine, data: Dataset, i: number): void {
  const images = data.images;
  loadValues(e, images, i * data.inputSize, images instanceof Uint8Array ? 1 / 255 : 1);
}

/** Loads an input vector (values already 0..1). */
export function loadInput(e: Engine, input: ArrayLike<number>): void {
  loadValues(e, input, 0, 1);
}

/** Copies values[base ..] times scale into the input and lists its non-zeros, which the first layer skips over. */
function loadValues(e: Engine, values: ArrayLike<number>, base: number, scale: number): void {
  const x = e.acts[0];
  const nz = (e.nz = e.nzBuf);
  const nzv = (e.nzv = e.nzvBuf);
  let nnz = 0;
  for (let p = 0; p < x.length; p++) {
    const v = values[base + p] * scale;
    x[p] = v;
    if (v !== 0) {
      nz[nnz] = p;
      nzv[nnz++] = v;
    }
  }
  e.nz0 = 0;
  e.nnz = nnz;
}
