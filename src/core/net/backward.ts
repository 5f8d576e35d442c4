import { activationOf } from '../ops/table';
import { convBackwardPatches, convBackwardSparse, poolBackward } from './conv';
import { denseKernelOf } from './denseKernels';
import type { Engine } from './engine';

/**
 * Backward pass after loss(…, true): accumulates dC/dW and dC/db into gW, gB (BP3, BP4) and,
 * when `deltas` is given, writes each dense layer's delta (BP1, BP2) at row `row` of it. Layers below
 * `stop` are left out (grads[stop] then holds dC/d acts[stop]).
 */
export function backward(e: Engine, deltas?: Float64Array[], row = 0, stop = 0): void {
  const { layers, acts, grads } = e;
  const top = e.fused ? layers.length - 2 : layers.length - 1;
  for (let l = top; l >= stop; l--) {
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
        if (deltas) deltas[k].set(g.subarray(0, d.units), row * d.units);
        const gB = e.gB[k];
        for (let j = 0; j < d.units; j++) gB[j] += g[j];
        denseKernelOf(e, l).backward(e, d, a, g, e.gW[k], pass ? gIn : null);
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
