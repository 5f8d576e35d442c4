import { reason, type Who } from '../graph/errors';
import type { TrainingDefaults } from '../graph/types';

/**
 * Parameter updates after a mini-batch, each the textbook rule on the batch-mean gradient g
 * (L2 adds λ/n · w to the weights' gradient, the derivative of Nielsen's λ/(2n) Σ w²):
 *   sgd       w ← w − η g
 *   momentum  v ← μ v − η g;  w ← w + v                                   (Sutskever et al. 2013, classical)
 *   adam      m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²;
 *             w ← w − η m̂ / (√v̂ + ε),  m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)   (Kingma & Ba 2015)
 */

/** The update rules a trainer can use. */
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

/** Every optimiser name, in the order the panel and `--help` list them. */
export const OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];

/** An optimiser and its hyper-parameters (defaults: μ 0.9; β1 0.9, β2 0.999, ε 1e-8). */
export interface OptimizerSettings {
  kind: OptimizerKind;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** True for the names of the update rules. */
export function isOptimizerKind(value: unknown): value is OptimizerKind {
  return value === 'sgd' || value === 'momentum' || value === 'adam';
}

/** The first problem with optimiser settings, or null. */
export function optimizerProblem(settings: OptimizerSettings): string | null {
  return optimizerRefusal(settings)?.text ?? null;
}

/** The first problem with optimiser settings in English words and as a Reason (for the panel and the trainer), or null. */
export function optimizerRefusal(settings: OptimizerSettings): Who | null {
  const kind: unknown = settings.kind;
  if (!isOptimizerKind(kind)) return { text: `unknown optimizer ${JSON.stringify(kind)} (sgd, momentum or adam)`, reason: reason('options.optimizerKind', { kind: JSON.stringify(kind) }) };
  const unit = (name: string, v: number | undefined): Who | null => {
    if (v === undefined) return null;
    if (!Number.isFinite(v) || v >= 1 || v < 0) return { text: `${name} must be in [0, 1), got ${v}`, reason: reason('options.optimizerUnit', { name, value: v }) };
    return null;
  };
  const { epsilon } = settings;
  return unit('momentum', settings.momentum) ?? unit('beta1', settings.beta1) ?? unit('beta2', settings.beta2)
    ?? (epsilon !== undefined && !(Number.isFinite(epsilon) && epsilon > 0) ? { text: `epsilon must be a positive number, got ${epsilon}`, reason: reason('options.optimizerEpsilon', { value: epsilon }) } : null);
}

/** State of one optimiser over a list of parameter arrays (velocity or Adam's moments, one per array). */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /**
   * Moves parameter array `k` by its summed gradient `gradSum` over a batch of `m` samples, and zeroes
   * `gradSum`. `weights` says whether L2 applies (weights yes, biases no). When `only` is given
   * (its first `count` block numbers, each `block` entries long), plain SGD without L2 visits just
   * those blocks: the parameters elsewhere have a zero gradient.
   */
  apply(k: number, params: Float64Array, gradSum: Float64Array, m: number, weights: boolean, only?: { list: Int32Array; count: number; block: number }): void;
  /** Starts the next step (Adam's t). Call once per batch before `apply`. */
  nextStep(): void;
  /** True when parameters with a zero gradient may be skipped (plain SGD). */
  readonly sparse: boolean;
}

/** Creates optimiser state for parameter arrays of the given lengths; L2 λ over a training set of n samples. */
export function createOptimizer(settings: OptimizerSettings, learningRate: number, sizes: readonly number[], l2 = 0, n = 1): Optimizer {
  const eta = learningRate;
  const lambdaPerN = l2 / n;
  switch (settings.kind) {
    case 'sgd':
      return {
        kind: 'sgd',
        sparse: true,
        nextStep() {},
        apply(_k, w, g, m, weights, only) {
          const step = eta / m;
          if (only && (l2 === 0 || !weights)) {
            for (let t = 0; t < only.count; t++) {
              const base = only.list[t] * only.block;
              for (let i = base; i < base + only.block; i++) {
                w[i] -= step * g[i];
                g[i] = 0;
              }
            }
            return;
          }
          // (1 − ηλ/n) w − η g/m: Nielsen's weight decay form of the same rule.
          const keep = weights ? 1 - (eta * l2) / n : 1;
          for (let i = 0; i < w.length; i++) {
            w[i] = keep * w[i] - step * g[i];
            g[i] = 0;
          }
        },
      };
    case 'momentum': {
      const mu = settings.momentum ?? 0.9;
      const velocity = sizes.map((n) => new Float64Array(n));
      return {
        kind: 'momentum',
        sparse: false,
        nextStep() {},
        apply(k, w, g, m, weights) {
          const decay = weights ? lambdaPerN : 0;
          const v = velocity[k];
          const inv = 1 / m;
          for (let i = 0; i < w.length; i++) {
            const grad = g[i] * inv + decay * w[i];
            v[i] = mu * v[i] - eta * grad;
            w[i] += v[i];
            g[i] = 0;
          }
        },
      };
    }
    case 'adam': {
      const beta1 = settings.beta1 ?? 0.9;
      const beta2 = settings.beta2 ?? 0.999;
      const epsilon = settings.epsilon ?? 1e-8;
      const first = sizes.map((n) => new Float64Array(n));
      const second = sizes.map((n) => new Float64Array(n));
      let t = 0;
      let c1 = 1;
      let c2 = 1;
      return {
        kind: 'adam',
        sparse: false,
        nextStep() {
          t++;
          c1 = 1 - Math.pow(beta1, t);
          c2 = 1 - Math.pow(beta2, t);
        },
        apply(k, w, g, m, weights) {
          const decay = weights ? lambdaPerN : 0;
          const mo = first[k];
          const ve = second[k];
          const inv = 1 / m;
          for (let i = 0; i < w.length; i++) {
            const grad = g[i] * inv + decay * w[i];
            const mi = beta1 * mo[i] + (1 - beta1) * grad;
            const vi = beta2 * ve[i] + (1 - beta2) * grad * grad;
            mo[i] = mi;
            ve[i] = vi;
            w[i] -= (eta * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
            g[i] = 0;
          }
        },
      };
    }
    default: {
      const never: never = settings.kind;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}

/** The optimiser a file's training block names (plain SGD when it names none), with its hyper-parameters. */
export function optimizerFromTraining(training: TrainingDefaults | undefined): OptimizerSettings {
  const kind = training?.optimizer ?? 'sgd';
  if (kind === 'momentum') return { kind, momentum: training?.momentum ?? 0.9 };
  if (kind === 'adam') return { kind, beta1: training?.beta1 ?? 0.9, beta2: training?.beta2 ?? 0.999, epsilon: training?.epsilon ?? 1e-8 };
  return { kind };
}
