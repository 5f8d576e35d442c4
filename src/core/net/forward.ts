import { activationOf } from '../ops/table';
import { convForwardPatches, convForwardSparse, im2col, poolForward } from './conv';
import type { Engine } from './engine';

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
      case 'conv2d': {
        const d = e.network.dense[e.denseOf[l]];
        if (l === 0 && e.sparseInput) convForwardSparse(layer.geometry, e.nz, e.nzv, e.nz0, e.nnz, d.weights, d.biases, out);
        else {
          const patches = e.patches[l] as Float64Array;
          im2col(layer.geometry, a, patches);
          convForwardPatches(layer.geometry, patches, d.weights, d.biases, out);
        }
        break;
      }
      case 'maxpool':
        poolForward(layer.geometry, a, out, e.argmax[l] as Int32Array);
        break;
      case 'flatten':
        out.set(a);
        break;
      case 'dropout': {
        const mask = e.masks[l] as Float64Array;
        if (e.dropout === 'off') {
          out.set(a);
          break;
        }
        if (e.dropout === 'sample' && e.rng) {
          const keep = 1 / (1 - layer.rate);
          for (let i = 0; i < layer.size; i++) mask[i] = e.rng.next() < layer.rate ? 0 : keep;
        }
        for (let i = 0; i < layer.size; i++) out[i] = a[i] * mask[i];
        break;
      }
      case 'activation':
        activationOf(layer.activation).output(a, out, 0, layer.size);
        break;
      case 'softmax':
        activationOf('softmax').output(a, out, 0, layer.size);
        break;
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
