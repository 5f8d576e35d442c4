// Central differences over every parameter of a compiled network, against the gradients backprop gave.
import { evaluateNetwork, type Dataset, type Network } from '../../src/core';

/** Backprop's gradients of the mean loss, one array per dense or conv layer (as backpropBatch returns them). */
export interface LayerGrads {
  weightGrads: ArrayLike<number>[];
  biasGrads: ArrayLike<number>[];
}

/**
 * The largest relative error between `analytic` and (L(p + h) − L(p − h)) / 2h over every weight and
 * bias, L being the float64 mean loss on `data`; an absolute 1e-9 is allowed for the round-off in a
 * difference of two losses.
 */
export function worstParamError(network: Network, data: Dataset, analytic: LayerGrads, h = 1e-5): number {
  const loss = (): number => evaluateNetwork(network, data, 'js').loss;
  let worst = 0;
  network.dense.forEach((d, k) => {
    for (const [params, grads] of [[d.weights, analytic.weightGrads[k]], [d.biases, analytic.biasGrads[k]]] as const) {
      for (let c = 0; c < params.length; c++) {
        const v = params[c];
        params[c] = v + h;
        const plus = loss();
        params[c] = v - h;
        const minus = loss();
        params[c] = v;
        const numerical = (plus - minus) / (2 * h);
        const rel = Math.max(0, Math.abs(numerical - grads[c]) - 1e-9) / Math.max(Math.abs(numerical), Math.abs(grads[c]), 1e-12);
        worst = Math.max(worst, rel);
      }
    }
  });
  return worst;
}
