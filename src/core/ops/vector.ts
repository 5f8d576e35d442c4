import type { LogitsLoss, VectorActivation, VectorLoss } from './types';

// The vector forms of activations and losses (TF Playground's { output, der } pairs), which the
// compiled network, the landscape and the worker read from the operator table.

/** The vector form of an elementwise activation, from the same f and f' as its scalar form. */
export function elementwise(f: (x: number) => number, df: (x: number, out: number) => number): VectorActivation {
  return {
    output(z, a, at, n) {
      for (let i = at; i < at + n; i++) a[i] = f(z[i]);
    },
    der(z, a, gA, gZ, at, n) {
      for (let i = at; i < at + n; i++) gZ[i] = gA[i] * df(z[i], a[i]);
    },
  };
}

/** Softmax: p_i = e^(z_i − max) / Σ_j e^(z_j − max); dC/dz_i = p_i (dC/dp_i − Σ_j dC/dp_j p_j). */
export const softmaxVector: VectorActivation = {
  output(z, a, at, n) {
    let max = -Infinity;
    for (let i = at; i < at + n; i++) if (z[i] > max) max = z[i];
    let sum = 0;
    for (let i = at; i < at + n; i++) {
      const v = Math.exp(z[i] - max);
      a[i] = v;
      sum += v;
    }
    for (let i = at; i < at + n; i++) a[i] /= sum;
  },
  der(_z, a, gA, gZ, at, n) {
    let dot = 0;
    for (let i = at; i < at + n; i++) dot += gA[i] * a[i];
    for (let i = at; i < at + n; i++) gZ[i] = a[i] * (gA[i] - dot);
  },
};

/** Nielsen's quadratic cost C = ½‖a − y‖², y one-hot; dC/da = a − y. */
export const mseVector: VectorLoss = {
  output(a, at, n, label) {
    let c = 0;
    for (let i = 0; i < n; i++) {
      const diff = a[at + i] - (i === label ? 1 : 0);
      c += diff * diff;
    }
    return 0.5 * c;
  },
  der(a, at, n, label, gA) {
    for (let i = 0; i < n; i++) gA[i] = a[at + i] - (i === label ? 1 : 0);
  },
};

/** −ln a_y read from the softmax's input z: −(z_y − max − ln Σ e^(z − max)), finite even where p_y underflows; dC/dz = p − y. */
const crossEntropyOnLogits: LogitsLoss = {
  output(z, at, n, label) {
    let max = -Infinity;
    for (let i = at; i < at + n; i++) if (z[i] > max) max = z[i];
    let sum = 0;
    for (let i = at; i < at + n; i++) sum += Math.exp(z[i] - max);
    return -(z[at + label] - max - Math.log(sum));
  },
  der(p, at, n, label, gZ) {
    for (let i = 0; i < n; i++) gZ[i] = p[at + i] - (i === label ? 1 : 0);
  },
};

/** Cross-entropy on probabilities C = −ln a_y; dC/da is −1/a_y at the label and 0 elsewhere. */
export const crossEntropyVector: VectorLoss & { logits: LogitsLoss } = {
  output: (a, at, _n, label) => -Math.log(a[at + label]),
  der(a, at, n, label, gA) {
    for (let i = 0; i < n; i++) gA[i] = 0;
    gA[label] = -1 / a[at + label];
  },
  logits: crossEntropyOnLogits,
};

/** Multiclass hinge, margin 1 (topic 13): C = Σ_{j≠y} max(0, s_j − s_y + 1); each violating class pushes s_j up and s_y down. */
export const svmVector: VectorLoss = {
  output(s, at, n, label) {
    const sy = s[at + label];
    let c = 0;
    for (let j = 0; j < n; j++) {
      if (j === label) continue;
      const margin = s[at + j] - sy + 1;
      if (margin > 0) c += margin;
    }
    return c;
  },
  der(s, at, n, label, gS) {
    const sy = s[at + label];
    let violations = 0;
    for (let j = 0; j < n; j++) {
      if (j === label) continue;
      const violated = s[at + j] - sy + 1 > 0;
      gS[j] = violated ? 1 : 0;
      if (violated) violations++;
    }
    gS[label] = -violations;
  },
};
