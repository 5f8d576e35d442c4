import { reason, ReasonedError } from '../graph/errors';
import { createRng } from '../random';
import { randomDirections } from './directions';
import type { ProjectedPath, Problem, Slice1d, Slice2d, SliceOptions } from './types';

/** `steps` evenly spaced numbers from −range to +range (the middle one exactly 0 when steps is odd). */
export function axis(steps: number, range: number): Float64Array {
  if (!Number.isInteger(steps) || steps < 2) throw new ReasonedError(`steps must be an integer >= 2, got ${steps}`, reason('options.sliceSteps', { steps }));
  if (!(range > 0) || !Number.isFinite(range)) throw new ReasonedError(`range must be a positive number, got ${range}`, reason('options.sliceRange', { range }));
  const a = new Float64Array(steps);
  const mid = (steps - 1) / 2;
  for (let i = 0; i < steps; i++) a[i] = ((i - mid) / mid) * range;
  return a;
}

function directionsFor(problem: Problem, options: SliceOptions, count: number): Float64Array[] {
  const given = options.directions;
  if (given !== undefined) {
    if (given.length < count || given.some((d) => d.length !== problem.size)) {
      throw new ReasonedError(`need ${count} direction(s) of length ${problem.size}`, reason('options.directions', { count, size: problem.size }));
    }
    return given.slice(0, count);
  }
  return randomDirections(problem, problem.initial, count, createRng(options.seed ?? 1));
}

/** Losses on the plane center + a·d1 (+ b·d2) at the given (a, b) pairs, one loss() per point unless the problem batches. */
export function planeLosses(problem: Problem, center: Float64Array, d1: Float64Array, d2: Float64Array | undefined, alphas: Float64Array, betas: Float64Array): Float64Array {
  if (problem.planeLosses) return problem.planeLosses(center, d1, d2, alphas, betas);
  const out = new Float64Array(alphas.length);
  const w = new Float64Array(problem.size);
  for (let p = 0; p < alphas.length; p++) {
    const a = alphas[p];
    const b = betas[p];
    if (d2 === undefined) for (let k = 0; k < w.length; k++) w[k] = center[k] + a * d1[k];
    else for (let k = 0; k < w.length; k++) w[k] = center[k] + a * d1[k] + b * d2[k];
    out[p] = problem.loss(w);
  }
  return out;
}

/** The lecture's 1-D picture (topic 2): L(W + a·W1) for a from −range to +range along a seeded direction W1. */
export function slice1d(problem: Problem, options: SliceOptions = {}): Slice1d {
  const alphas = axis(options.steps ?? 101, options.range ?? 1);
  const [direction] = directionsFor(problem, options, 1);
  const losses = planeLosses(problem, problem.initial, direction, undefined, alphas, new Float64Array(alphas.length));
  return { alphas, losses, centerLoss: problem.loss(problem.initial), direction };
}

/** The lecture's 2-D picture (topic 3): L(W + a·W1 + b·W2) on a steps × steps grid, row j at betas[j]. */
export function slice2d(problem: Problem, options: SliceOptions = {}): Slice2d {
  const steps = options.steps ?? 41;
  const range = options.range ?? 1;
  // One parameter has no second direction: the β axis would be a zero vector and the map a lie.
  if (problem.size < 2) {
    throw new ReasonedError(`a 2-D map needs at least 2 parameters to vary, this problem has ${problem.size}: use a 1-D slice`, reason('parameter.mapNeedsTwo', { size: problem.size }));
  }
  const alphas = axis(steps, range);
  const betas = axis(steps, range);
  const [d1, d2] = directionsFor(problem, options, 2);
  const pa = new Float64Array(steps * steps);
  const pb = new Float64Array(steps * steps);
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < steps; i++) {
      pa[j * steps + i] = alphas[i];
      pb[j * steps + i] = betas[j];
    }
  }
  const grid = planeLosses(problem, problem.initial, d1, d2, pa, pb);
  let min = Infinity;
  let max = -Infinity;
  for (const v of grid) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) min = max = NaN;
  return { alphas, betas, grid, min, max, centerLoss: problem.loss(problem.initial), directions: [d1, d2] };
}

/**
 * Projects each W of an optimiser's path onto the plane center + a·d1 + b·d2 by least squares
 * (the 2×2 normal equations), so it can be drawn on a 2-D map; the residual says how far off it was.
 */
export function projectPath(path: readonly Float64Array[], center: Float64Array, d1: Float64Array, d2: Float64Array): ProjectedPath {
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  for (let k = 0; k < center.length; k++) {
    g11 += d1[k] * d1[k];
    g12 += d1[k] * d2[k];
    g22 += d2[k] * d2[k];
  }
  const det = g11 * g22 - g12 * g12;
  const alphas = new Float64Array(path.length);
  const betas = new Float64Array(path.length);
  const residuals = new Float64Array(path.length);
  path.forEach((w, p) => {
    let r1 = 0;
    let r2 = 0;
    for (let k = 0; k < center.length; k++) {
      const r = w[k] - center[k];
      r1 += d1[k] * r;
      r2 += d2[k] * r;
    }
    // Parallel directions (det 0) leave only d1's axis meaningful.
    const a = det > 1e-300 ? (g22 * r1 - g12 * r2) / det : g11 > 0 ? r1 / g11 : 0;
    const b = det > 1e-300 ? (g11 * r2 - g12 * r1) / det : 0;
    let rr = 0;
    for (let k = 0; k < center.length; k++) {
      const r = w[k] - center[k] - a * d1[k] - b * d2[k];
      rr += r * r;
    }
    alphas[p] = a;
    betas[p] = b;
    residuals[p] = Math.sqrt(rr);
  });
  return { alphas, betas, residuals };
}
