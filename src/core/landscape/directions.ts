import type { Rng } from '../random';
import type { Problem } from './types';

const dot = (a: Float64Array, b: Float64Array, start = 0, end = a.length): number => {
  let s = 0;
  for (let k = start; k < end; k++) s += a[k] * b[k];
  return s;
};

/**
 * One seeded Gaussian direction, shaped for `problem`'s landscape:
 * - with blocks (networks), filter-wise normalisation as Li et al. 2018: each block (a neuron's
 *   incoming weights) is rescaled to the norm of the same block of `center`, so every neuron is
 *   moved in proportion to its own scale; frozen ranges (biases) are zero, as in their code's
 *   default, because a bias's own "norm" (one number) would make its step arbitrary;
 * - without blocks (scalar graphs, the SVM), the direction has unit length, so a step a moves W
 *   by exactly |a|; `against` directions are projected out first (Gram–Schmidt), so the two axes
 *   of a 2-D map are orthogonal even in a handful of dimensions.
 */
export function randomDirection(problem: Problem, center: Float64Array, rng: Rng, against: readonly Float64Array[] = []): Float64Array {
  const d = new Float64Array(problem.size);
  for (let k = 0; k < d.length; k++) d[k] = rng.normal();
  for (const range of problem.frozen ?? []) d.fill(0, range.start, range.start + range.length);
  if (problem.blocks !== undefined) {
    for (const { start, length } of problem.blocks) {
      const end = start + length;
      const wNorm = Math.sqrt(dot(center, center, start, end));
      const dNorm = Math.sqrt(dot(d, d, start, end));
      // A block of W that is all zeros keeps its raw Gaussian entries rather than vanishing.
      if (wNorm === 0 || dNorm === 0) continue;
      const f = wNorm / dNorm;
      for (let k = start; k < end; k++) d[k] *= f;
    }
    return d;
  }
  for (const u of against) {
    const uu = dot(u, u);
    if (uu === 0) continue;
    const f = dot(d, u) / uu;
    for (let k = 0; k < d.length; k++) d[k] -= f * u[k];
  }
  const norm = Math.sqrt(dot(d, d));
  if (norm > 0) for (let k = 0; k < d.length; k++) d[k] /= norm;
  return d;
}

/** `count` directions from one seeded generator, each shaped as randomDirection describes. */
export function randomDirections(problem: Problem, center: Float64Array, count: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < count; i++) out.push(randomDirection(problem, center, rng, out));
  return out;
}
