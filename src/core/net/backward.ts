import { activationOf } from '../ops/table';
import { convBackwardPatches, convBackwardSparse, poolBackward } from './conv';
import type { Engine } from './engine';

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
      case 'activation':
        activationOf(layer.activation).der(a, out, g, gIn, 0, layer.size);
        break;
      case 'conv2d': {
        const k = e.denseOf[l];
        const d = e.network.dense[k];
        if (deltas) deltas[k].set(g.subarray(0, layer.size), row * layer.size);
        if (l === 0 && e.sparseInput) convBackwardSparse(layer.geometry, e.nz, e.nzv, e.nz0, e.nnz, g, e.gW[k], e.gB[k]);
        else convBackwardPatches(layer.geometry, e.patches[l] as Float64Array, d.weights, g, e.gW[k], e.gB[k], pass ? gIn : null, e.gradPatches[l] as Float64Array);
        break;
      }
      case 'maxpool':
        if (pass) poolBackward(a.length, g, e.argmax[l] as Int32Array, layer.size, gIn);
        break;
      case 'flatten':
        gIn.set(g);
        break;
      case 'dropout': {
        if (e.dropout === 'off') {
          gIn.set(g);
          break;
        }
        const mask = e.masks[l] as Float64Array;
        for (let i = 0; i < layer.size; i++) gIn[i] = g[i] * mask[i];
        break;
      }
      case 'softmax':
        activationOf('softmax').der(a, out, g, gIn, 0, layer.size);
        break;
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
