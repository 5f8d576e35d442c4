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
  /** Dense parameter index for each layer, -1 for parameter-free layers. */
  denseOf: Int32Array;
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
  /** Softmax followed by cross-entropy: backward starts from p − y, which never divides by a tiny p_y. */
  fused: boolean;
  /** Whether layer l must pass a gradient down (some dense layer lies below it). */
  passDown: Uint8Array;
  /** The WebAssembly SIMD kernels for the first layer, with byte offsets of w0T, its gradient, nz, nzv, z^1 and dC/dz^1 in their memory. */
  simd: SimdKernels | null;
  ptr: { w: number; gw: number; nz: number; nzv: number; z: number; g: number };
  /** log Σ exp(z − max) and max of the last softmax, for a stable cross-entropy. */
  logSum: number;
  zMax: number;
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
  let k = 0;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const size = layer.kind === 'dense' ? layer.units : layer.size;
    if (l === 0 && simd) {
      acts.push(new Float64Array(simd.memory.buffer, ptr.z, size));
      grads.push(new Float64Array(simd.memory.buffer, ptr.g, size));
    } else {
      acts.push(new Float64Array(size));
      grads.push(new Float64Array(size));
    }
    if (layer.kind === 'dense') denseOf[l] = k++;
  }
  const passDown = new Uint8Array(layers.length);
  let denseBelow = false;
  for (let l = 0; l < layers.length; l++) {
    passDown[l] = denseBelow ? 1 : 0;
    if (layers[l].kind === 'dense') denseBelow = true;
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
    gW,
    gB: network.dense.map((d) => new Float64Array(d.biases.length)),
    nz: new Int32Array(0),
    nzv: new Float64Array(0),
    nz0: 0,
    nnz: 0,
    nzBuf: buffer ? new Int32Array(buffer, ptr.nz, n) : new Int32Array(n),
    nzvBuf: buffer ? new Float64Array(buffer, ptr.nzv, n) : new Float64Array(n),
    fused: network.spec.loss === 'cross_entropy' && last?.kind === 'softmax',
    passDown,
    logSum: 0,
    zMax: 0,
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
  const n = data.inputSize;
  const x = e.acts[0];
  const images = data.images;
  const scale = images instanceof Uint8Array ? 1 / 255 : 1;
  const base = i * n;
  const nz = (e.nz = e.nzBuf);
  const nzv = (e.nzv = e.nzvBuf);
  let nnz = 0;
  for (let p = 0; p < n; p++) {
    const v = images[base + p] * scale;
    x[p] = v;
    if (v !== 0) {
      nz[nnz] = p;
      nzv[nnz++] = v;
    }
  }
  e.nz0 = 0;
  e.nnz = nnz;
}

/** Loads an input vector (values already 0..1). */
export function loadInput(e: Engine, input: ArrayLike<number>): void {
  const x = e.acts[0];
  const nz = (e.nz = e.nzBuf);
  const nzv = (e.nzv = e.nzvBuf);
  let nnz = 0;
  for (let p = 0; p < x.length; p++) {
    const v = input[p];
    x[p] = v;
    if (v !== 0) {
      nz[nnz] = p;
      nzv[nnz++] = v;
    }
  }
  e.nz0 = 0;
  e.nnz = nnz;
}

/** Moves non-zero inputs that live elsewhere (a trainer's cache) into the engine's buffers, where the SIMD kernels read them. */
function useOwnBuffers(e: Engine): void {
  if (e.nz === e.nzBuf && e.nz0 === 0) return;
  const { nz, nzv, nz0, nnz, nzBuf, nzvBuf } = e;
  for (let k = 0; k < nnz; k++) {
    nzBuf[k] = nz[nz0 + k];
    nzvBuf[k] = nzv[nz0 + k];
  }
  e.nz = nzBuf;
  e.nzv = nzvBuf;
  e.nz0 = 0;
}

/** Forward pass of the loaded input through every layer. */
export function forward(e: Engine): void {
  const { layers, acts } = e;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const a = acts[l];
    const out = acts[l + 1];
    switch (layer.kind) {
      case 'dense': {
        const d = e.network.dense[e.denseOf[l]];
        const w = d.weights;
        const b = d.biases;
        const n = d.inputSize;
        if (l === 0 && e.w0T) {
          // z = b + Σ over non-zero pixels i of x_i · column i of W.
          const units = d.units;
          for (let j = 0; j < units; j++) out[j] = b[j];
          if (e.simd) {
            useOwnBuffers(e);
            e.simd.fwd(e.ptr.w, e.ptr.nz, e.ptr.nzv, e.nnz, e.ptr.z, units);
            break;
          }
          const { nz, nzv, w0T } = e;
          const end = e.nz0 + e.nnz;
          let k = e.nz0;
          // Four pixels per pass: one load and store of z_j per four multiply-adds.
          for (; k + 3 < end; k += 4) {
            const x0 = nzv[k], x1 = nzv[k + 1], x2 = nzv[k + 2], x3 = nzv[k + 3];
            const c0 = nz[k] * units, c1 = nz[k + 1] * units, c2 = nz[k + 2] * units, c3 = nz[k + 3] * units;
            for (let j = 0; j < units; j++) out[j] += w0T[c0 + j] * x0 + w0T[c1 + j] * x1 + w0T[c2 + j] * x2 + w0T[c3 + j] * x3;
          }
          for (; k < end; k++) {
            const x = nzv[k];
            const col = nz[k] * units;
            for (let j = 0; j < units; j++) out[j] += w0T[col + j] * x;
          }
        } else {
          for (let j = 0; j < d.units; j++) {
            const row = j * n;
            let s = b[j];
            for (let i = 0; i < n; i++) s += w[row + i] * a[i];
            out[j] = s;
          }
        }
        break;
      }
      case 'activation': {
        const m = layer.size;
        if (layer.activation === 'sigmoid') for (let i = 0; i < m; i++) out[i] = 1 / (1 + Math.exp(-a[i]));
        else if (layer.activation === 'relu') for (let i = 0; i < m; i++) out[i] = a[i] > 0 ? a[i] : 0;
        else for (let i = 0; i < m; i++) out[i] = Math.tanh(a[i]);
        break;
      }
      case 'softmax': {
        const m = layer.size;
        let max = -Infinity;
        for (let i = 0; i < m; i++) if (a[i] > max) max = a[i];
        let sum = 0;
        for (let i = 0; i < m; i++) {
          const v = Math.exp(a[i] - max);
          out[i] = v;
          sum += v;
        }
        for (let i = 0; i < m; i++) out[i] /= sum;
        e.zMax = max;
        e.logSum = Math.log(sum);
        break;
      }
      default: {
        const never: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Index of the largest output. */
export function argmaxOutput(e: Engine): number {
  const out = e.acts[e.acts.length - 1];
  let best = 0;
  for (let i = 1; i < out.length; i++) if (out[i] > out[best]) best = i;
  return best;
}

/**
 * The loss of the forward-passed sample for `label`; with `withGrad`, also sets dC/d(output)
 * in the last grads buffer (or, fused, dC/dz of the softmax input, p − y).
 */
export function loss(e: Engine, label: number, withGrad: boolean): number {
  const L = e.layers.length;
  const a = e.acts[L];
  const g = e.grads[L];
  const m = a.length;
  switch (e.network.spec.loss) {
    case 'mse': {
      let c = 0;
      for (let i = 0; i < m; i++) {
        const diff = a[i] - (i === label ? 1 : 0);
        c += diff * diff;
        if (withGrad) g[i] = diff;
      }
      return 0.5 * c;
    }
    case 'cross_entropy': {
      if (e.fused) {
        if (withGrad) {
          const gz = e.grads[L - 1];
          for (let i = 0; i < m; i++) gz[i] = a[i] - (i === label ? 1 : 0);
        }
        // −ln p_y = −(z_y − max − ln Σ exp(z − max)), finite even when p_y underflows.
        return -(e.acts[L - 1][label] - e.zMax - e.logSum);
      }
      if (withGrad) {
        for (let i = 0; i < m; i++) g[i] = 0;
        g[label] = -1 / a[label];
      }
      return -Math.log(a[label]);
    }
    case 'svm': {
      // Multiclass hinge, margin 1: each violating class j pushes s_j up and s_y down (topic 13).
      const sy = a[label];
      let c = 0;
      let violations = 0;
      for (let j = 0; j < m; j++) {
        if (j === label) continue;
        const margin = a[j] - sy + 1;
        if (margin > 0) {
          c += margin;
          violations++;
          if (withGrad) g[j] = 1;
        } else if (withGrad) g[j] = 0;
      }
      if (withGrad) g[label] = -violations;
      return c;
    }
    default: {
      const never: never = e.network.spec.loss;
      throw new Error(`unknown loss ${String(never)}`);
    }
  }
}

/**
 * Backward pass after loss(…, true): accumulates dC/dW and dC/db into gW, gB (BP3, BP4) and,
 * when `deltas` is given, writes each dense layer's delta (BP1, BP2) at row `row` of it.
 */
export function backward(e: Engine, deltas?: Float64Array[], row = 0): void {
  const { layers, acts, grads } = e;
  const top = e.fused ? layers.length - 2 : layers.length - 1;
  for (let l = top; l >= 0; l--) {
    const layer = layers[l];
    const g = grads[l + 1];
    const out = acts[l + 1];
    const a = acts[l];
    const gIn = grads[l];
    const pass = e.passDown[l] === 1;
    switch (layer.kind) {
      case 'activation': {
        const m = layer.size;
        if (layer.activation === 'sigmoid') for (let i = 0; i < m; i++) gIn[i] = g[i] * out[i] * (1 - out[i]);
        else if (layer.activation === 'relu') for (let i = 0; i < m; i++) gIn[i] = a[i] > 0 ? g[i] : 0;
        else for (let i = 0; i < m; i++) gIn[i] = g[i] * (1 - out[i] * out[i]);
        break;
      }
      case 'softmax': {
        const m = layer.size;
        let dot = 0;
        for (let i = 0; i < m; i++) dot += g[i] * out[i];
        for (let i = 0; i < m; i++) gIn[i] = out[i] * (g[i] - dot);
        break;
      }
      case 'dense': {
        const k = e.denseOf[l];
        const d = e.network.dense[k];
        const w = d.weights;
        const gW = e.gW[k];
        const gB = e.gB[k];
        const n = d.inputSize;
        const units = d.units;
        if (deltas) deltas[k].set(g.subarray(0, units), row * units);
        for (let j = 0; j < units; j++) gB[j] += g[j];
        if (l === 0 && e.w0T) {
          // dC/dw = x delta, only where x is non-zero; nothing below the first layer needs a gradient.
          if (e.simd) {
            e.simd.bwd(e.ptr.gw, e.ptr.nz, e.ptr.nzv, e.nnz, e.ptr.g, units);
            break;
          }
          const { nz, nzv } = e;
          const end = e.nz0 + e.nnz;
          let q = e.nz0;
          for (; q + 1 < end; q += 2) {
            const x0 = nzv[q], x1 = nzv[q + 1];
            const c0 = nz[q] * units, c1 = nz[q + 1] * units;
            for (let j = 0; j < units; j++) {
              const delta = g[j];
              gW[c0 + j] += delta * x0;
              gW[c1 + j] += delta * x1;
            }
          }
          for (; q < end; q++) {
            const x = nzv[q];
            const col = nz[q] * units;
            for (let j = 0; j < units; j++) gW[col + j] += g[j] * x;
          }
          break;
        }
        if (pass) for (let i = 0; i < n; i++) gIn[i] = 0;
        for (let j = 0; j < units; j++) {
          const delta = g[j];
          if (delta === 0) continue;
          const rowW = j * n;
          for (let i = 0; i < n; i++) gW[rowW + i] += delta * a[i];
          if (pass) for (let i = 0; i < n; i++) gIn[i] += w[rowW + i] * delta;
        }
        break;
      }
      default: {
        const never: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Zeroes the gradient accumulators. */
export function resetGrads(e: Engine): void {
  for (const g of e.gW) g.fill(0);
  for (const g of e.gB) g.fill(0);
}
