/**
 * TensorFlow Playground's 2-D classification sets (circle, xor, two gaussians, spiral), generated from
 * a seed. Coordinates are the Playground's (about −6..6) halved, so points lie in about −3..3: wide
 * enough for tanh units to bend the boundary early. Label 1 is the Playground's positive class (blue),
 * 0 the negative (orange).
 */
import { reason, ReasonedError, type Reason } from '../graph/errors';
import { createRng, shuffleInPlace, type Rng } from '../random';
import type { DataSplit, Dataset } from '../net/types';

/** The built-in 2-D sets. */
export type ToyKind = 'circle' | 'xor' | 'gaussians' | 'spiral';

/** Every toy set, in the order the panel lists them. */
export const TOY_KINDS: readonly ToyKind[] = ['circle', 'xor', 'gaussians', 'spiral'];

/** How a toy set is drawn. */
export interface ToyOptions {
  /** Points in all (default 500), half per class. */
  count?: number;
  /** 0..1: how far points stray (the Playground's noise slider over 100). Default 0. */
  noise?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Fraction held out for testing (default 0.2). */
  testFraction?: number;
}

/** The Playground's coordinates are divided by this, so the inputs lie in about −3..3. */
export const TOY_SCALE = 2;

/** True for the names of the built-in 2-D sets. */
export function isToyKind(name: string): name is ToyKind {
  return (TOY_KINDS as readonly string[]).includes(name);
}

/** Each set's name as a Reason, worded by the catalogs (the literal ids keep the catalog test's list complete). */
const KIND_REASONS: Record<ToyKind, Reason> = {
  circle: reason('data.toy.circle'),
  xor: reason('data.toy.xor'),
  gaussians: reason('data.toy.gaussians'),
  spiral: reason('data.toy.spiral'),
};

const uniform = (rng: Rng, a: number, b: number): number => a + rng.next() * (b - a);

/** Points [x, y, label] of one set, in the Playground's units. */
function points(kind: ToyKind, n: number, noise: number, rng: Rng): [number, number, number][] {
  const out: [number, number, number][] = [];
  switch (kind) {
    case 'circle': {
      const radius = 5;
      const label = (x: number, y: number): number => (Math.hypot(x, y) < radius * 0.5 ? 1 : 0);
      for (let i = 0; i < n; i++) {
        const inside = i < n / 2;
        const r = inside ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
        const angle = uniform(rng, 0, 2 * Math.PI);
        const x = r * Math.sin(angle);
        const y = r * Math.cos(angle);
        const nx = uniform(rng, -radius, radius) * noise;
        const ny = uniform(rng, -radius, radius) * noise;
        // The label is the clean point's side; noise moves the point (as the Playground).
        out.push([x + nx, y + ny, label(x, y)]);
      }
      return out;
    }
    case 'xor': {
      const padding = 0.3;
      for (let i = 0; i < n; i++) {
        let x = uniform(rng, -5, 5);
        x += x > 0 ? padding : -padding;
        let y = uniform(rng, -5, 5);
        y += y > 0 ? padding : -padding;
        const label = x * y >= 0 ? 1 : 0;
        out.push([x + uniform(rng, -5, 5) * noise, y + uniform(rng, -5, 5) * noise, label]);
      }
      return out;
    }
    case 'gaussians': {
      // Variance grows from 0.5 to 4 with the noise.
      const sd = Math.sqrt(0.5 + 3.5 * noise);
      for (let i = 0; i < n; i++) {
        const label = i < n / 2 ? 1 : 0;
        const c = label === 1 ? 2 : -2;
        out.push([c + rng.normal() * sd, c + rng.normal() * sd, label]);
      }
      return out;
    }
    case 'spiral': {
      const half = Math.ceil(n / 2);
      for (const [label, delta] of [[1, 0], [0, Math.PI]] as const) {
        for (let i = 0; i < half && out.length < n; i++) {
          const r = (i / half) * 5;
          const t = ((1.75 * i) / half) * 2 * Math.PI + delta;
          out.push([r * Math.sin(t) + uniform(rng, -1, 1) * noise, r * Math.cos(t) + uniform(rng, -1, 1) * noise, label]);
        }
      }
      return out;
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown toy set ${String(never)}`);
    }
  }
}

/** A seeded toy set split into training and test points (shuffled, the test share held out). */
export function toySplit(kind: ToyKind, options: ToyOptions = {}): DataSplit {
  const count = options.count ?? 500;
  const noise = options.noise ?? 0;
  const seed = options.seed ?? 1;
  const testFraction = options.testFraction ?? 0.2;
  if (!Number.isInteger(count) || count < 4) throw new ReasonedError(`a toy set needs a whole number of at least 4 points, got ${count}`, reason('data.toyCount', { count }));
  if (!(noise >= 0 && noise <= 1)) throw new ReasonedError(`noise must be between 0 and 1, got ${noise}`, reason('data.toyNoise', { noise }));
  if (!(testFraction >= 0 && testFraction < 1)) throw new ReasonedError(`the test fraction must be in [0, 1), got ${testFraction}`, reason('data.testFraction', { testFraction }));
  const rng = createRng(seed);
  const all = points(kind, count, noise, rng);
  const order = new Uint32Array(all.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  shuffleInPlace(order, rng);
  const testCount = Math.round(all.length * testFraction);
  const take = (from: number, to: number): Dataset => {
    const images = new Float32Array((to - from) * 2);
    const labels = new Uint8Array(to - from);
    for (let s = from; s < to; s++) {
      const [x, y, label] = all[order[s]];
      images[(s - from) * 2] = x / TOY_SCALE;
      images[(s - from) * 2 + 1] = y / TOY_SCALE;
      labels[s - from] = label;
    }
    return { count: to - from, inputSize: 2, images, labels };
  };
  return { name: `${kind} (noise ${noise}, seed ${seed})`, nameReason: reason('data.toyName', { kind: KIND_REASONS[kind], noise, seed }), train: take(testCount, all.length), test: take(0, testCount) };
}
