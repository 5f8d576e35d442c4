import type { Engine } from './engine';

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
