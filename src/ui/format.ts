/** A number as shown on the canvas: up to 4 significant digits, integers exact, non-finite spelled out. */
export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return v.toExponential(2);
  return String(Number.parseFloat(v.toPrecision(4)));
}

/** A number for a data attribute: full precision, round-trips through Number(). */
export const full = (v: number): string => String(v);
