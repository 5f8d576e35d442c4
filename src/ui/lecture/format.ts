/** Number formatting for the lecture tabs. */

/** A loss or gradient in a few significant digits; exponent form for very small or large magnitudes. */
export function fmtLoss(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}
