import { reason, ReasonedError, type Reason } from '../graph/errors';
import { createRng, shuffleInPlace } from '../random';
import type { Problem, StrategyMethod, StrategyOptions, StrategyRun } from './types';

/*
 * Budget accounting, the same for every strategy so their curves share one x axis:
 * one loss evaluation = one forward pass over all of the problem's data (or of the whole graph).
 * A full gradient costs 2 (forward + backward, which costs about as much again); a mini-batch
 * gradient on B of N samples costs 2·B/N. Gradient methods keep 1 evaluation to measure where
 * they end. Losses sgd shows between steps are measured on the side and not charged.
 */

/** Keeps at most about `max` W of a path, evenly thinned, always with the first and the last. */
class PathRecorder {
  readonly path: Float64Array[] = [];
  readonly points: number[] = [];
  private stride = 1;
  private seen = 0;
  constructor(private readonly max: number) {}
  add(w: Float64Array, point: number): void {
    if (this.seen++ % this.stride !== 0) return;
    this.path.push(w.slice());
    this.points.push(point);
    if (this.path.length > 2 * this.max) {
      // Drop every other entry and halve the rate from now on; the first survives.
      for (let k = 1, keep = 1; k < this.path.length; k++) {
        if (k % 2 === 0) {
          this.path[keep] = this.path[k];
          this.points[keep++] = this.points[k];
        }
      }
      this.path.length = Math.ceil(this.path.length / 2);
      this.points.length = this.path.length;
      this.stride *= 2;
    }
  }
  finish(w: Float64Array, point: number): void {
    if (this.points[this.points.length - 1] !== point) {
      this.path.push(w.slice());
      this.points.push(point);
    }
  }
}

/** A loss curve under construction. */
class Curve {
  private readonly evals: number[] = [];
  private readonly values: number[] = [];
  constructor(readonly recorder: PathRecorder) {}
  last(): number {
    return this.values[this.values.length - 1];
  }
  add(evaluations: number, loss: number): number {
    this.evals.push(evaluations);
    this.values.push(loss);
    return this.values.length - 1;
  }
  run(method: StrategyMethod, final: Float64Array, finalLoss: number, steps: number, divergedAt?: number): StrategyRun {
    this.recorder.finish(final, this.values.length - 1);
    return {
      method,
      evaluations: Float64Array.from(this.evals),
      losses: Float64Array.from(this.values),
      path: this.recorder.path,
      pathPoints: this.recorder.points,
      final,
      finalLoss,
      steps,
      ...(divergedAt === undefined ? {} : { divergedAt }),
    };
  }
}

function settings(problem: Problem, options: StrategyOptions) {
  const budget = options.budget ?? 100;
  if (!(budget >= 1) || !Number.isFinite(budget)) throw new ReasonedError(`budget must be at least 1 evaluation, got ${budget}`, reason('options.budget', { budget }));
  const positive = (name: string, why: Reason, value: number): number => {
    if (!(value > 0) || !Number.isFinite(value)) throw new ReasonedError(`${name} must be a positive number, got ${value}`, reason('options.positive', { name: why, value }));
    return value;
  };
  const batchSize = Math.min(options.batchSize ?? (problem.samples <= 10 ? 1 : 10), Math.max(problem.samples, 1));
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ReasonedError(`batch size must be a positive integer, got ${options.batchSize}`, reason('options.batchSize', { batchSize: String(options.batchSize) }));
  return {
    budget,
    rng: createRng(options.seed ?? 1),
    learningRate: positive('learning rate', reason('options.name.learningRate'), options.learningRate ?? 0.1),
    stepSize: positive('step size', reason('options.name.stepSize'), options.stepSize ?? 0.1),
    scale: positive('scale', reason('options.name.scale'), options.scale ?? 1),
    batchSize,
    maxPath: Math.max(2, options.maxPath ?? 200),
  };
}

/** Strategy 1 (topic 6): try W ~ N(0, scale²·I) at random and keep the best; one evaluation each. */
export function randomSearch(problem: Problem, options: StrategyOptions = {}): StrategyRun {
  return keepBest(problem, options, 'random', (w, _best, s) => {
    for (let k = 0; k < w.length; k++) w[k] = s.scale * s.rng.normal();
  });
}

/** Strategy 2 (topic 7): perturb the best W by stepSize·N(0, I), keep the change when the loss drops. */
export function randomLocalSearch(problem: Problem, options: StrategyOptions = {}): StrategyRun {
  return keepBest(problem, options, 'local', (w, best, s) => {
    for (let k = 0; k < w.length; k++) w[k] = best[k] + s.stepSize * s.rng.normal();
  });
}

/** The loop both random strategies share: propose a W (one evaluation), keep it when its loss is lower. */
function keepBest(
  problem: Problem, options: StrategyOptions, method: StrategyMethod,
  propose: (w: Float64Array, best: Float64Array, s: ReturnType<typeof settings>) => void,
): StrategyRun {
  const s = settings(problem, options);
  const curve = new Curve(new PathRecorder(s.maxPath));
  const best = problem.initial.slice();
  let bestLoss = problem.loss(best);
  let spent = 1;
  curve.recorder.add(best, curve.add(spent, bestLoss));
  const w = new Float64Array(problem.size);
  let steps = 0;
  while (spent + 1 <= s.budget) {
    propose(w, best, s);
    const loss = problem.loss(w);
    spent++;
    steps++;
    const improved = loss < bestLoss;
    if (improved) {
      best.set(w);
      bestLoss = loss;
    }
    const point = curve.add(spent, bestLoss);
    if (improved) curve.recorder.add(best, point);
  }
  return curve.run(method, best, bestLoss, steps);
}

/** Strategy 3 (topics 8, 14): full-batch gradient descent, W −= learningRate · dL/dW. */
export function gradientDescent(problem: Problem, options: StrategyOptions = {}): StrategyRun {
  return descend(problem, options, false);
}

/**
 * Mini-batch SGD (topic 15): each step follows the gradient of batchSize shuffled samples. A problem
 * without samples (a scalar graph) has no mini-batches: this is then gradient descent.
 */
export function sgd(problem: Problem, options: StrategyOptions = {}): StrategyRun {
  return descend(problem, options, problem.samples > 0 && problem.batchLossAndGrad !== undefined);
}

function descend(problem: Problem, options: StrategyOptions, batched: boolean): StrategyRun {
  const s = settings(problem, options);
  const curve = new Curve(new PathRecorder(s.maxPath));
  const w = problem.initial.slice();
  const grad = new Float64Array(problem.size);
  const n = problem.samples;
  // Costs are counted in whole units so sums stay exact: a unit is one sample-pass (batched) or one evaluation.
  const unitsPerEvaluation = batched ? n : 1;
  const cost = batched ? 2 * s.batchSize : 2;
  const budgetUnits = Math.floor(s.budget * unitsPerEvaluation);
  const order = Int32Array.from({ length: Math.max(n, 0) }, (_x, i) => i);
  const batch = new Int32Array(s.batchSize);
  let cursor = n;
  let spent = 0;
  let steps = 0;
  let monitoredAt = -1;
  let divergedAt: number | undefined;
  if (batched) curve.recorder.add(w, curve.add(0, problem.loss(w)));
  // One evaluation is kept back to measure where the descent ends.
  while (spent + cost <= budgetUnits - unitsPerEvaluation) {
    let loss: number;
    if (batched) {
      for (let b = 0; b < s.batchSize; b++) {
        if (cursor >= n) {
          shuffleInPlace(order, s.rng);
          cursor = 0;
        }
        batch[b] = order[cursor++];
      }
      loss = problem.batchLossAndGrad!(w, batch, grad);
    } else {
      loss = problem.lossAndGrad(w, grad);
    }
    const before = spent;
    spent += cost;
    if (!batched) curve.recorder.add(w, curve.add(spent, loss));
    if (!Number.isFinite(loss) || !allFinite(grad)) {
      divergedAt = steps;
      break;
    }
    for (let k = 0; k < w.length; k++) w[k] -= s.learningRate * grad[k];
    steps++;
    if (batched && Math.floor(spent / n) > Math.floor(before / n)) {
      // Measured on the side at each whole evaluation spent, for the chart; not charged.
      const full = problem.loss(w);
      curve.recorder.add(w, curve.add(spent / n, full));
      monitoredAt = steps;
      if (!Number.isFinite(full)) {
        divergedAt = steps;
        break;
      }
    }
  }
  let finalLoss: number;
  if (monitoredAt === steps) {
    finalLoss = curve.last();
  } else {
    finalLoss = problem.loss(w);
    if (divergedAt === undefined || Number.isFinite(finalLoss)) {
      spent += unitsPerEvaluation;
      curve.add(spent / unitsPerEvaluation, finalLoss);
    }
  }
  return curve.run(batched ? 'sgd' : 'gd', w, finalLoss, steps, divergedAt);
}

const allFinite = (v: Float64Array): boolean => {
  for (let k = 0; k < v.length; k++) if (!Number.isFinite(v[k])) return false;
  return true;
};

/** Runs one of the four strategies by name. */
export function runStrategy(problem: Problem, method: StrategyMethod, options: StrategyOptions = {}): StrategyRun {
  switch (method) {
    case 'random': return randomSearch(problem, options);
    case 'local': return randomLocalSearch(problem, options);
    case 'gd': return gradientDescent(problem, options);
    case 'sgd': return sgd(problem, options);
    default: {
      const never: never = method;
      throw new RangeError(`unknown method '${String(never)}'`);
    }
  }
}

/** The strategy names, for pickers and `--method`. */
export const STRATEGY_METHODS: readonly StrategyMethod[] = ['random', 'local', 'gd', 'sgd'];

/** Runs several strategies on one problem with the same options, for one chart. */
export function compareStrategies(problem: Problem, methods: readonly StrategyMethod[] = STRATEGY_METHODS, options: StrategyOptions = {}): StrategyRun[] {
  return methods.map((method) => runStrategy(problem, method, options));
}
