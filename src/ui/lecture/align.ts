/** Puts curves with different x values on one shared x axis, as uPlot draws several series. */

/** One curve: y[k] at x[k], x non-decreasing. */
export interface Curve {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** The shared x (every x of every curve, sorted, once) and each curve's y on it (null where it has no point or a non-finite one). */
export function alignCurves(curves: readonly Curve[]): { x: number[]; ys: (number | null)[][] } {
  const all = new Set<number>();
  for (const c of curves) for (let k = 0; k < c.x.length; k++) all.add(c.x[k]);
  const x = [...all].sort((a, b) => a - b);
  const at = new Map(x.map((v, k) => [v, k]));
  const ys = curves.map((c) => {
    const y: (number | null)[] = new Array<number | null>(x.length).fill(null);
    // A repeated x keeps its last point: the curve's value once that step is done.
    for (let k = 0; k < c.x.length; k++) y[at.get(c.x[k])!] = Number.isFinite(c.y[k]) ? c.y[k] : null;
    return y;
  });
  return { x, ys };
}

/**
 * The y range that shows the converging curves well: from 0 (or the lowest loss, if negative) to a
 * little above the highest loss of the curves that did not diverge; diverged curves are clipped by it.
 */
export function clippedRange(curves: readonly { y: ArrayLike<number>; diverged: boolean }[]): [number, number] {
  let lo = 0;
  let hi = -Infinity;
  const kept = curves.some((c) => !c.diverged) ? curves.filter((c) => !c.diverged) : curves;
  for (const c of kept) {
    for (let k = 0; k < c.y.length; k++) {
      const v = c.y[k];
      if (!Number.isFinite(v)) continue;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  return [lo, hi + (hi - lo) * 0.08];
}
