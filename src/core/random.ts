/**
 * Seeded randomness for the core: every random choice (weight init, shuffles, searches)
 * takes an Rng, so the same seed gives the same result in Node, a worker and the browser.
 */

/** A seeded source of random numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The generator's current state, to resume it later with createRng(state). */
  state(): number;
}

/** A mulberry32 generator (32-bit state, fast, good enough for init and shuffles) seeded by `seed`. */
export function createRng(seed: number): Rng {
  let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  // A spare normal from the last Box–Muller pair.
  let spare = NaN;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = NaN;
        return z;
      }
      // 1 - u keeps the log argument in (0, 1].
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
    state() {
      return s ^ 0x9e3779b9;
    },
  };
}

/** createRng's uniform stream started from the raw generator state `state` rather than from a seed (createRng mixes its seed). */
export function uniformFromState(state: number): () => number {
  return createRng(state ^ 0x9e3779b9).next;
}

/** Fisher–Yates shuffle of `items` in place, driven by `rng`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
