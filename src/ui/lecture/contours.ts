/** Contour lines of a grid by marching squares, and the levels and colour scale a heat map uses. */

/**
 * Segments where a grid crosses `level`, in grid coordinates (x = column i, y = row j, fractional):
 * [x1, y1, x2, y2, ...]. values[j * nx + i] is at (i, j). Cells with a non-finite corner are skipped;
 * a saddle cell is resolved by its centre's mean.
 */
export function contourSegments(values: ArrayLike<number>, nx: number, ny: number, level: number): number[] {
  const out: number[] = [];
  // Where the level crosses the edge between two corners, as a fraction from the first.
  const t = (a: number, b: number): number => (a === b ? 0.5 : (level - a) / (b - a));
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = values[j * nx + i]; // (i, j)
      const b = values[j * nx + i + 1]; // (i+1, j)
      const c = values[(j + 1) * nx + i + 1]; // (i+1, j+1)
      const d = values[(j + 1) * nx + i]; // (i, j+1)
      if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(d)) continue;
      const code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // The four edge crossings: bottom (a-b), right (b-c), top (d-c), left (a-d).
      const bottom = (): [number, number] => [i + t(a, b), j];
      const right = (): [number, number] => [i + 1, j + t(b, c)];
      const top = (): [number, number] => [i + t(d, c), j + 1];
      const left = (): [number, number] => [i, j + t(a, d)];
      const seg = (p: [number, number], q: [number, number]): void => {
        out.push(p[0], p[1], q[0], q[1]);
      };
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(right(), top()); break;
        case 6: case 9: seg(bottom(), top()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          const centreAbove = (a + b + c + d) / 4 >= level;
          // Corners a and c on one side, b and d on the other: the centre says which pair is joined.
          if ((code === 5) === centreAbove) { seg(left(), top()); seg(bottom(), right()); } else { seg(left(), bottom()); seg(right(), top()); }
          break;
        }
        default: break;
      }
    }
  }
  return out;
}

/** How losses map to colour: linear, or logarithmic when they span orders of magnitude. */
export interface ColourScale {
  kind: 'linear' | 'log';
  min: number;
  max: number;
  /** A loss as 0..1 along the scale (clamped; NaN for non-finite losses). */
  at(v: number): number;
  /** The loss at a position 0..1 of the scale. */
  value(f: number): number;
}

/** A scale over [min, max]; logarithmic when min > 0 and max / min > 50. */
export function colourScale(min: number, max: number): ColourScale {
  const clamp = (f: number): number => (f < 0 ? 0 : f > 1 ? 1 : f);
  if (min > 0 && max / min > 50) {
    const lo = Math.log(min);
    const span = Math.log(max) - lo;
    return { kind: 'log', min, max, at: (v) => (Number.isFinite(v) && v > 0 ? clamp((Math.log(v) - lo) / span) : Number.isFinite(v) ? 0 : NaN), value: (f) => Math.exp(lo + f * span) };
  }
  const span = max - min;
  return { kind: 'linear', min, max, at: (v) => (Number.isFinite(v) ? (span > 0 ? clamp((v - min) / span) : 0.5) : NaN), value: (f) => min + f * span };
}

/** `count` contour levels evenly spaced along a scale, strictly inside it. */
export function contourLevels(scale: ColourScale, count: number): number[] {
  if (!(scale.max > scale.min)) return [];
  return Array.from({ length: count }, (_x, k) => scale.value((k + 1) / (count + 1)));
}

// Viridis at 9 stops: dark blue (low loss) to yellow (high loss), readable in print and for colour-blind readers.
const STOPS: [number, number, number][] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** The colour at 0..1 along the scale, as [r, g, b] 0..255. */
export function viridis(f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, f)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x));
  const u = x - k;
  const [p, q] = [STOPS[k], STOPS[k + 1]];
  return [Math.round(p[0] + (q[0] - p[0]) * u), Math.round(p[1] + (q[1] - p[1]) * u), Math.round(p[2] + (q[2] - p[2]) * u)];
}
