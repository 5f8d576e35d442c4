import { lossOf } from '../ops/table';
import type { Engine } from './engine';

/**
 * The loss of the forward-passed sample for `label`, by the loss operator's vector form; with
 * `withGrad`, also sets dC/d(output) in the last grads buffer (or, fused, dC/dz of the softmax
 * input, p − y, from the loss's form on logits).
 */
export function loss(e: Engine, label: number, withGrad: boolean): number {
  const L = e.layers.length;
  const a = e.acts[L];
  const m = a.length;
  const vector = lossOf(e.network.spec.loss);
  if (e.fused && vector.logits !== undefined) {
    if (withGrad) vector.logits.der(a, 0, m, label, e.grads[L - 1]);
    return vector.logits.output(e.acts[L - 1], 0, m, label);
  }
  if (withGrad) vector.der(a, 0, m, label, e.grads[L]);
  return vector.output(a, 0, m, label);
}
