/** How one kind of number is written: significant digits, and the magnitudes outside which it takes exponent form. */
interface NumberStyle {
  /** Significant digits in the plain form. */
  digits: number;
  /** Below this magnitude (other than 0) and at or above `large`, exponent form. */
  small: number;
  large: number;
  /** Digits after the point in exponent form. */
  exponentDigits: number;
  /** Whole numbers below `large` in full rather than rounded to `digits`. */
  wholeExact: boolean;
  /** ∞ and -∞ (the canvas) or Infinity and -Infinity. */
  infinity: 'symbol' | 'word';
}

/** The canvas: up to 4 significant digits, integers exact, non-finite spelled out as NaN and ∞. */
const CANVAS: NumberStyle = { digits: 4, small: 1e-4, large: 1e7, exponentDigits: 2, wholeExact: true, infinity: 'symbol' };
/** Losses and gradients in the lecture tabs. */
const LOSS: NumberStyle = { digits: 4, small: 1e-3, large: 1e5, exponentDigits: 2, wholeExact: false, infinity: 'word' };
/** Axis ticks of a chart: short. */
const TICK: NumberStyle = { digits: 3, small: 1e-3, large: 1e4, exponentDigits: 1, wholeExact: false, infinity: 'word' };

/** The one number formatter: `v` in the given style. */
function formatNumber(v: number, style: NumberStyle): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return style.infinity === 'symbol' ? '∞' : 'Infinity';
  if (v === -Infinity) return style.infinity === 'symbol' ? '-∞' : '-Infinity';
  const a = Math.abs(v);
  if (style.wholeExact && Number.isInteger(v) && a < style.large) return String(v);
  if (a !== 0 && (a < style.small || a >= style.large)) return v.toExponential(style.exponentDigits);
  return String(Number.parseFloat(v.toPrecision(style.digits)));
}

/** A number as shown on the canvas: up to 4 significant digits, integers exact, non-finite spelled out. */
export const fmt = (v: number): string => formatNumber(v, CANVAS);

/** A loss or gradient in a few significant digits; exponent form for very small or large magnitudes. */
export const fmtLoss = (v: number): string => formatNumber(v, LOSS);

/** A chart's axis tick: three significant digits. */
export const fmtTick = (v: number): string => formatNumber(v, TICK);

/** A number for a data attribute: full precision, round-trips through Number(). */
export const full = (v: number): string => String(v);
