import { reason, ReasonedError } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import type { Problem } from './types';

/** The lecture's worked example (topic 4): one-dimensional samples, each with its class. */
export interface SvmData {
  /** The samples' single feature; each sample is used as x_i = [x, 1] (a bias feature, as CS231n). */
  x: readonly number[];
  /** Class of each sample, 0 .. classes−1. */
  labels: readonly number[];
  classes: number;
  /** Starting weights, row-major [classes][2]: w_j = [slope, bias]. */
  weights: readonly number[];
}

/** Three samples in three classes, and a starting W that gets two of them wrong. */
export const SVM_LECTURE_DATA: SvmData = {
  x: [-1.5, 0.5, 2],
  labels: [0, 1, 2],
  classes: 3,
  weights: [0.2, 0.1, -0.3, 0.4, 0.5, -0.2],
};

/** The top-level field of an example graph that carries its SVM data (kept on round trip). */
export const SVM_DATA_FIELD = 'svmData';

/** Node id of weight w_{j,k} (k = 0 slope, 1 bias) in the SVM example graph. */
export const svmWeightId = (j: number, k: number): string => `w${j}${k}`;

/** Throws a readable error unless `data` is a usable SvmData. */
export function checkSvmData(data: unknown): SvmData {
  const d = data as Partial<SvmData> | null;
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (d === null || typeof d !== 'object') throw new ReasonedError('svm data must be an object', reason('svm.object'));
  if (!numbers(d.x) || d.x.length === 0) throw new ReasonedError('svm data: x must be a non-empty list of numbers', reason('svm.x'));
  if (typeof d.classes !== 'number' || !Number.isInteger(d.classes) || d.classes < 2) throw new ReasonedError('svm data: classes must be an integer >= 2', reason('svm.classes'));
  const classes = d.classes;
  if (!numbers(d.labels) || d.labels.length !== d.x.length || d.labels.some((y) => !Number.isInteger(y) || y < 0 || y >= classes)) {
    throw new ReasonedError(`svm data: labels must be one integer in 0..${classes - 1} per sample`, reason('svm.labels', { max: classes - 1 }));
  }
  if (!numbers(d.weights) || d.weights.length !== classes * 2) throw new ReasonedError(`svm data: weights must hold ${classes * 2} numbers`, reason('svm.weights', { count: classes * 2 }));
  return { x: d.x, labels: d.labels, classes, weights: d.weights };
}

/**
 * Mean multiclass hinge loss over `batch`, L_i = Σ_{j≠y_i} max(0, w_j·x_i − w_{y_i}·x_i + 1), and,
 * when `grad` is given, the analytic gradient of topic 13: each violated margin adds x_i to dW_j
 * and subtracts it from dW_{y_i}. A margin of exactly 0 counts as not violated.
 */
function hinge(data: SvmData, w: Float64Array, batch: ArrayLike<number>, grad: Float64Array | undefined): number {
  const c = data.classes;
  if (grad) grad.fill(0);
  let total = 0;
  for (let b = 0; b < batch.length; b++) {
    const i = batch[b];
    const x = data.x[i];
    const y = data.labels[i];
    const correct = w[2 * y] * x + w[2 * y + 1];
    for (let j = 0; j < c; j++) {
      if (j === y) continue;
      const margin = w[2 * j] * x + w[2 * j + 1] - correct + 1;
      if (margin <= 0) continue;
      total += margin;
      if (grad) {
        grad[2 * j] += x;
        grad[2 * j + 1] += 1;
        grad[2 * y] -= x;
        grad[2 * y + 1] -= 1;
      }
    }
  }
  const n = batch.length;
  if (grad) for (let k = 0; k < grad.length; k++) grad[k] /= n;
  return total / n;
}

/** The SVM example as a Problem: W = the classes×2 weights, L = mean hinge loss, topic 13's gradient. */
export function svmProblem(data: SvmData = SVM_LECTURE_DATA, initial?: ArrayLike<number>): Problem {
  const all = Int32Array.from(data.x, (_x, i) => i);
  return {
    kind: 'svm',
    size: data.classes * 2,
    names: (k) => svmWeightId(Math.floor(k / 2), k % 2),
    initial: Float64Array.from(initial ?? data.weights),
    loss: (w) => hinge(data, w, all, undefined),
    lossAndGrad: (w, grad) => hinge(data, w, all, grad),
    samples: data.x.length,
    batchLossAndGrad: (w, batch, grad) => hinge(data, w, batch, grad),
  };
}

/**
 * The same loss drawn with the scalar operator table, so it opens in the editor: weights are
 * `input` nodes, data `const`; score s = w_j0·x + w_j1; hinge = max(0, s_j − s_y + 1); L = mean.
 */
export function svmLectureGraph(data: SvmData = SVM_LECTURE_DATA): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Column 0 holds the weights; x counts columns from the data's.
  const node = (id: string, op: GraphNode['op'], x: number, y: number, more: Partial<GraphNode> = {}): string => {
    nodes.push({ id, op, ...more, position: { x: x + 220, y } });
    return id;
  };
  const wire = (source: string, target: string, targetPort: number): void => {
    edges.push({ id: `e${edges.length + 1}`, source, target, targetPort });
  };
  const c = data.classes;
  const n = data.x.length;
  // One block of rows per sample, one row per class; columns follow the computation left to right.
  const row = 120;
  const col = 220;
  const blockTop = (i: number): number => i * (c * row + row / 2);
  const height = blockTop(n) - row / 2;
  for (let j = 0; j < c; j++) {
    for (let k = 0; k < 2; k++) {
      const id = svmWeightId(j, k);
      node(id, 'input', -col, ((2 * j + k) * (height - row)) / Math.max(2 * c - 1, 1), { value: data.weights[2 * j + k], label: id });
    }
  }
  for (let i = 0; i < n; i++) node(`x${i}`, 'const', 0, blockTop(i) + ((c - 1) * row) / 2, { value: data.x[i], label: `x${i}` });
  const zero = node('zero', 'const', 3 * col, height + row / 2, { value: 0, label: '0' });

  const losses: string[] = [];
  for (let i = 0; i < n; i++) {
    const top = blockTop(i);
    const scores: string[] = [];
    for (let j = 0; j < c; j++) {
      const y = top + j * row;
      const m = node(`m${i}${j}`, 'mul', col, y, { label: `w${j}0·x${i}` });
      wire(svmWeightId(j, 0), m, 0);
      wire(`x${i}`, m, 1);
      const s = node(`s${i}${j}`, 'add', 2 * col, y, { label: `s${i}${j}` });
      wire(m, s, 0);
      wire(svmWeightId(j, 1), s, 1);
      scores.push(s);
    }
    const hinges: string[] = [];
    for (let j = 0; j < c; j++) {
      if (j === data.labels[i]) continue;
      const y = top + j * row;
      const d = node(`d${i}${j}`, 'sub', 3 * col, y);
      wire(scores[j], d, 0);
      wire(scores[data.labels[i]], d, 1);
      const g = node(`g${i}${j}`, 'offset', 4 * col, y, { params: { c: 1 }, label: 'margin' });
      wire(d, g, 0);
      // The constant 0 takes port 0, so at a tie (margin exactly 0) the gradient goes to it:
      // the same convention as the analytic gradient, which counts only margins > 0.
      const h = node(`h${i}${j}`, 'max', 5 * col, y);
      wire(zero, h, 0);
      wire(g, h, 1);
      hinges.push(h);
    }
    const li = node(`L${i}`, 'add', 6 * col, top + ((c - 1) * row) / 2, { label: `L${i}` });
    hinges.forEach((h, k) => wire(h, li, k));
    losses.push(li);
  }
  const total = node('sum', 'add', 7 * col, (height - row) / 2);
  losses.forEach((l, k) => wire(l, total, k));
  const mean = node('L', 'scale', 8 * col, (height - row) / 2, { params: { a: 1 / n }, label: 'L', output: true });
  wire(total, mean, 0);
  return { nodes, edges, extra: { [SVM_DATA_FIELD]: { x: [...data.x], labels: [...data.labels], classes: c, weights: [...data.weights] } } };
}
