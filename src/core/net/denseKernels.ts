import type { Engine } from './engine';
import type { DenseParams } from './types';

/**
 * One way to compute a dense layer for one sample: z = W a + b forward, and backward dC/dW += δ aᵀ
 * (BP4) and, when `gIn` is given, dC/da = Wᵀ δ (BP2). The bias gradient (BP3) is the caller's.
 */
export interface DenseKernel {
  forward(e: Engine, d: DenseParams, a: Float64Array, z: Float64Array): void;
  backward(e: Engine, d: DenseParams, a: Float64Array, delta: Float64Array, gW: Float64Array, gIn: Float64Array | null): void;
}

/** Any dense layer: W row-major [units][inputs], the input read in full. */
export const denseJs: DenseKernel = {
  forward(_e, d, a, z) {
    const { weights: w, biases: b, inputSize: n } = d;
    for (let j = 0; j < d.units; j++) {
      const row = j * n;
      let s = b[j];
      for (let i = 0; i < n; i++) s += w[row + i] * a[i];
      z[j] = s;
    }
  },
  backward(_e, d, a, delta, gW, gIn) {
    const { weights: w, inputSize: n } = d;
    if (gIn !== null) for (let i = 0; i < n; i++) gIn[i] = 0;
    for (let j = 0; j < d.units; j++) {
      const dj = delta[j];
      if (dj === 0) continue;
      const row = j * n;
      for (let i = 0; i < n; i++) gW[row + i] += dj * a[i];
      if (gIn !== null) for (let i = 0; i < n; i++) gIn[i] += w[row + i] * dj;
    }
  },
};

/**
 * The first layer over the input's non-zero values only (about 19% of an MNIST digit): W transposed
 * ([input][unit], the engine's w0T and its gradient) so each non-zero pixel adds one contiguous
 * column. Nothing lies below the first layer, so no gradient passes down.
 */
export const sparseFirstJs: DenseKernel = {
  forward(e, d, _a, z) {
    const units = d.units;
    const b = d.biases;
    for (let j = 0; j < units; j++) z[j] = b[j];
    const { nz, nzv } = e;
    const w0T = e.w0T as Float64Array;
    const end = e.nz0 + e.nnz;
    let k = e.nz0;
    // Four pixels per pass: one load and store of z_j per four multiply-adds.
    for (; k + 3 < end; k += 4) {
      const x0 = nzv[k], x1 = nzv[k + 1], x2 = nzv[k + 2], x3 = nzv[k + 3];
      const c0 = nz[k] * units, c1 = nz[k + 1] * units, c2 = nz[k + 2] * units, c3 = nz[k + 3] * units;
      for (let j = 0; j < units; j++) z[j] += w0T[c0 + j] * x0 + w0T[c1 + j] * x1 + w0T[c2 + j] * x2 + w0T[c3 + j] * x3;
    }
    for (; k < end; k++) {
      const x = nzv[k];
      const col = nz[k] * units;
      for (let j = 0; j < units; j++) z[j] += w0T[col + j] * x;
    }
  },
  backward(e, d, _a, delta, gW) {
    const units = d.units;
    const { nz, nzv } = e;
    const end = e.nz0 + e.nnz;
    let q = e.nz0;
    for (; q + 1 < end; q += 2) {
      const x0 = nzv[q], x1 = nzv[q + 1];
      const c0 = nz[q] * units, c1 = nz[q + 1] * units;
      for (let j = 0; j < units; j++) {
        const dj = delta[j];
        gW[c0 + j] += dj * x0;
        gW[c1 + j] += dj * x1;
      }
    }
    for (; q < end; q++) {
      const x = nzv[q];
      const col = nz[q] * units;
      for (let j = 0; j < units; j++) gW[col + j] += delta[j] * x;
    }
  },
};

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

/** The sparse first layer in WebAssembly SIMD (simd.ts): the same sums, two units per instruction, in the kernels' own memory. */
export const sparseFirstSimd: DenseKernel = {
  forward(e, d, _a, z) {
    const b = d.biases;
    for (let j = 0; j < d.units; j++) z[j] = b[j];
    useOwnBuffers(e);
    e.simd!.fwd(e.ptr.w, e.ptr.nz, e.ptr.nzv, e.nnz, e.ptr.z, d.units);
  },
  backward(e, d) {
    e.simd!.bwd(e.ptr.gw, e.ptr.nz, e.ptr.nzv, e.nnz, e.ptr.g, d.units);
  },
};

/** The kernel for dense layer `l` of an engine: the first layer's sparse one (SIMD where loaded), else plain JS. */
export function denseKernelOf(e: Engine, l: number): DenseKernel {
  if (l === 0 && e.w0T !== null) return e.simd !== null ? sparseFirstSimd : sparseFirstJs;
  return denseJs;
}
