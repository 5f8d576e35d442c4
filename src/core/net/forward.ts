import { activationOf } from '../ops/table';
import { convForwardPatches, convForwardSparse, im2col, poolForward } from './conv';
import { denseKernelOf } from './denseKernels';
import type { Engine } from './engine';

/** Forward pass of the loaded input through every layer (from layer `from` on, when acts[from] is already set). */
export function forward(e: Engine, from = 0): void {
  const { layers, acts } = e;
  for (let l = from; l < layers.length; l++) {
    const layer = layers[l];
    const a = acts[l];
    const out = acts[l + 1];
    switch (layer.kind) {
      case 'dense':
        denseKernelOf(e, l).forward(e, e.network.dense[e.denseOf[l]], a, out);
        break;
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
