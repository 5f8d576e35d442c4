import type { Dataset, Network } from '../net/types';
import { activationOf, lossOf } from '../ops/table';
import type { ParamLayout } from './problemNetwork';

/*
 * Landscape grids of a network, fast: every point of a grid is a full forward pass over the data
 * subset, batched over samples in typed arrays. The first dense layer's input is the data itself,
 * so its pre-activations are linear in (a, b): Z(a, b) = X·Wcᵀ + a·X·D1ᵀ + b·X·D2ᵀ. The three
 * products are computed once per grid (reading only non-zero pixels) and each point pays only for
 * the layers above, which for 784-30-10 is about 1/80 of the work. When a sigmoid follows that
 * layer, e^(−z) = e^(−z_c)·e^(−a·z_1)·e^(−b·z_2) too, and a grid has few distinct a and b: the
 * factors are tabulated once per distinct value, so the sigmoid costs two products and no exp.
 */

/** Most distinct a (or b) values for which the sigmoid's exponential factors are tabulated. */
const MAX_TABULATED = 128;

/** Distinct values of `xs` and, per entry, the index of its value among them. */
function distinct(xs: Float64Array): { values: number[]; index: Int32Array } {
  const at = new Map<number, number>();
  const values: number[] = [];
  const index = new Int32Array(xs.length);
  xs.forEach((x, p) => {
    let k = at.get(x);
    if (k === undefined) {
      k = values.length;
      at.set(x, k);
      values.push(x);
    }
    index[p] = k;
  });
  return { values, index };
}

/** out = center + a·d1 + b·d2 over `out.length` entries from `at`. */
function pointOnPlane(at: number, center: Float64Array, d1: Float64Array, d2: Float64Array | undefined, a: number, b: number, out: Float64Array): void {
  if (d2 === undefined) for (let q = 0; q < out.length; q++) out[q] = center[at + q] + a * d1[at + q];
  else for (let q = 0; q < out.length; q++) out[q] = center[at + q] + a * d1[at + q] + b * d2[at + q];
}

/** X·Mᵀ for the rows of dense layer 0 held at `at` in `m`, reading the non-zero pixels only: [samples][units]. */
function firstLayerProduct(data: Dataset, units: number, m: Float64Array, at: number, nzStart: Int32Array, nzCol: Int32Array, nzVal: Float64Array): Float64Array {
  const n = data.inputSize;
  // Transposed ([pixel][unit]) so each non-zero pixel adds one contiguous column.
  const t = new Float64Array(n * units);
  for (let j = 0; j < units; j++) for (let i = 0; i < n; i++) t[i * units + j] = m[at + j * n + i];
  const out = new Float64Array(data.count * units);
  for (let s = 0; s < data.count; s++) {
    const row = s * units;
    for (let q = nzStart[s]; q < nzStart[s + 1]; q++) {
      const x = nzVal[q];
      const col = nzCol[q] * units;
      for (let j = 0; j < units; j++) out[row + j] += t[col + j] * x;
    }
  }
  return out;
}

/** out[s][j] = bias[j] + Σ_i w[j][i]·input[s][i] for `count` samples (row-major, `size` inputs, `units` outputs). */
function denseBatch(w: Float64Array, bias: Float64Array, input: Float64Array, size: number, out: Float64Array, units: number, count: number): void {
  for (let s = 0; s < count; s++) {
    const inRow = s * size;
    const outRow = s * units;
    for (let j = 0; j < units; j++) {
      const wRow = j * size;
      let z = bias[j];
      for (let i = 0; i < size; i++) z += w[wRow + i] * input[inRow + i];
      out[outRow + j] = z;
    }
  }
}

/**
 * out[q] = 1 / (1 + ec[q]·ea[q]·eb[q]): the sigmoid from tabulated factors of e^(−z). Returns false
 * when some product over- or underflowed (those entries are then wrong and must be recomputed).
 */
function tabulatedSigmoid(ec: Float64Array, ea: Float64Array, eb: Float64Array | undefined, out: Float64Array, m: number): boolean {
  let ok = true;
  if (eb === undefined) {
    for (let q = 0; q < m; q++) {
      const t = ec[q] * ea[q];
      if (!(t < Infinity) || t === 0) ok = false;
      out[q] = 1 / (1 + t);
    }
  } else {
    for (let q = 0; q < m; q++) {
      const t = ec[q] * ea[q] * eb[q];
      if (!(t < Infinity) || t === 0) ok = false;
      out[q] = 1 / (1 + t);
    }
  }
  return ok;
}

/** Mean loss of `net`'s architecture at center + a·d1 + b·d2 on `data`, for each (alphas[p], betas[p]). */
export function planeLossesOfNetwork(
  net: Network, data: Dataset, layout: ParamLayout,
  center: Float64Array, d1: Float64Array, d2: Float64Array | undefined,
  alphas: Float64Array, betas: Float64Array,
): Float64Array {
  const { layers, loss } = net.spec;
  const count = data.count;
  const n = data.inputSize;
  const scale = data.images instanceof Uint8Array ? 1 / 255 : 1;
  // Non-zero pixels of every sample, CSR.
  const nzStart = new Int32Array(count + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < n; i++) {
      const v = data.images[s * n + i] * scale;
      if (v !== 0) {
        cols.push(i);
        vals.push(v);
      }
    }
    nzStart[s + 1] = cols.length;
  }
  const nzCol = Int32Array.from(cols);
  const nzVal = Float64Array.from(vals);

  const firstDense = layers[0]?.kind === 'dense';
  const width = Math.max(n, ...layers.map((l) => (l.kind === 'dense' ? l.units : l.size)));
  let cur = new Float64Array(count * width);
  let next = new Float64Array(count * width);
  const denseAt = layers.map((_layer, l) => net.dense.findIndex((d) => d.layer === l));
  const weights = net.dense.map((d, k) => new Float64Array(k === 0 && firstDense ? 0 : d.weights.length));
  const biases = net.dense.map((d) => new Float64Array(d.biases.length));
  let zc: Float64Array | undefined;
  let z1: Float64Array | undefined;
  let z2: Float64Array | undefined;
  if (firstDense) {
    const units = net.dense[0].units;
    zc = firstLayerProduct(data, units, center, layout.weightsAt[0], nzStart, nzCol, nzVal);
    z1 = firstLayerProduct(data, units, d1, layout.weightsAt[0], nzStart, nzCol, nzVal);
    if (d2 !== undefined) z2 = firstLayerProduct(data, units, d2, layout.weightsAt[0], nzStart, nzCol, nzVal);
  }
  // Tabulated sigmoid factors for layer 0 (see the top of this file), when they apply.
  let table: { center: Float64Array; byAlpha: Float64Array[]; byBeta: Float64Array[] | undefined; a: Int32Array; b: Int32Array | undefined } | undefined;
  const l1 = layers[1];
  if (firstDense && l1?.kind === 'activation' && l1.activation === 'sigmoid') {
    const da = distinct(alphas);
    const db = d2 === undefined ? undefined : distinct(betas);
    if (da.values.length <= MAX_TABULATED && (db === undefined || db.values.length <= MAX_TABULATED)) {
      const units = net.dense[0].units;
      const bAt = layout.biasesAt[0];
      const factors = (z: Float64Array, d: Float64Array, scale: number): Float64Array => {
        const out = new Float64Array(z.length);
        for (let q = 0; q < z.length; q++) out[q] = Math.exp(-scale * (z[q] + d[bAt + (q % units)]));
        return out;
      };
      table = {
        center: factors(zc!, center, 1),
        byAlpha: da.values.map((a) => factors(z1!, d1, a)),
        byBeta: db === undefined ? undefined : db.values.map((b) => factors(z2!, d2!, b)),
        a: da.index,
        b: db?.index,
      };
    }
  }
  // Softmax then a loss with a form on logits (cross-entropy): the loss is computed from the softmax's input with log-sum-exp.
  const last = layers.length - 1;
  const lossVector = lossOf(loss);
  const onLogits = layers[last]?.kind === 'softmax' ? lossVector.logits : undefined;
  const fusedCe = onLogits !== undefined;
  const sigmoid = activationOf('sigmoid');
  const softmax = activationOf('softmax');
  const out = new Float64Array(alphas.length);

  for (let p = 0; p < alphas.length; p++) {
    const a = alphas[p];
    const b = betas[p];
    let size: number;
    let start: number;
    if (firstDense) {
      const units = net.dense[0].units;
      // Only the biases: the weights' part is in zc, z1, z2.
      pointOnPlane(layout.biasesAt[0], center, d1, d2, a, b, biases[0]);
      const bias = biases[0];
      const z = (q: number): number => zc![q] + a * z1![q] + (z2 === undefined ? 0 : b * z2[q]) + bias[q % units];
      size = units;
      if (table !== undefined) {
        // σ(z) = 1 / (1 + e^(−z)) from the tabulated factors; exp directly where their product over- or underflows.
        const ec = table.center;
        const ea = table.byAlpha[table.a[p]];
        const eb = table.byBeta === undefined ? undefined : table.byBeta[table.b![p]];
        if (!tabulatedSigmoid(ec, ea, eb, cur, count * units)) {
          for (let q = 0; q < count * units; q++) {
            const t = ec[q] * ea[q] * (eb === undefined ? 1 : eb[q]);
            if (!(t < Infinity) || t === 0) {
              cur[q] = z(q);
              sigmoid.output(cur, cur, q, 1);
            }
          }
        }
        start = 2;
      } else {
        for (let s = 0; s < count; s++) {
          const row = s * units;
          if (z2 === undefined) for (let j = 0; j < units; j++) cur[row + j] = zc![row + j] + a * z1![row + j] + bias[j];
          else for (let j = 0; j < units; j++) cur[row + j] = zc![row + j] + a * z1![row + j] + b * z2[row + j] + bias[j];
        }
        start = 1;
      }
    } else {
      for (let s = 0; s < count; s++) for (let i = 0; i < n; i++) cur[s * n + i] = data.images[s * n + i] * scale;
      size = n;
      start = 0;
    }
    for (let l = start; l < layers.length; l++) {
      const layer = layers[l];
      if (layer.kind === 'dense') {
        const k = denseAt[l];
        pointOnPlane(layout.weightsAt[k], center, d1, d2, a, b, weights[k]);
        pointOnPlane(layout.biasesAt[k], center, d1, d2, a, b, biases[k]);
        denseBatch(weights[k], biases[k], cur, size, next, layer.units, count);
        [cur, next] = [next, cur];
        size = layer.units;
      } else if (layer.kind === 'activation') {
        activationOf(layer.activation).output(cur, cur, 0, count * size);
      } else if (!(fusedCe && l === last)) {
        for (let s = 0; s < count; s++) softmax.output(cur, cur, s * size, size);
      }
    }
    let total = 0;
    for (let s = 0; s < count; s++) {
      const y = data.labels[s];
      total += onLogits !== undefined ? onLogits.output(cur, s * size, size, y) : lossVector.output(cur, s * size, size, y);
    }
    out[p] = total / count;
  }
  return out;
}
