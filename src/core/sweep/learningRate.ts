import { reason, ReasonedError } from '../graph/errors';
import type { Problem } from '../landscape/types';
import { createRng, shuffleInPlace } from '../random';

/** Options of a learning-rate sweep. */
export interface SweepOptions {
  /** Gradient steps per rate; default 100. */
  steps?: number;
  /** Mini-batch size; 0 or absent: full batch. */
  batchSize?: number;
  seed?: number;
  /** A loss above factor × the initial loss counts as divergence; default 4 (see hasDiverged in sweep.ts). */
  divergenceFactor?: number;
}

/** One learning rate's loss curve. */
export interface SweepRun {
  learningRate: number;
  /** Full loss before step 0 and after each step, until divergence (inclusive) or the end. */
  losses: Float64Array;
  diverged: boolean;
  /** The step after which the loss was non-finite or above the divergence limit. */
  atStep?: number;
  finalLoss: number;
}

/**
 * True when a loss counts as diverged: non-finite, or risen above the start by more than
 * (factor − 1)·|initial| (for a positive initial loss: above factor × initial). Only a rise counts,
 * so an output that may go negative (a scalar graph) is not flagged for falling.
 */
export function hasDiverged(loss: number, initial: number, factor: number): boolean {
  if (!Number.isFinite(loss)) return true;
  return loss - initial > (factor - 1) * Math.max(Math.abs(initial), 1e-12);
}

/**
 * Trains the same start point with each learning rate side by side (topic 12): per rate the full
 * loss before and after every step, stopping at divergence, which is marked rather than thrown.
 * Mini-batches (batchSize > 0 on a problem with samples) are drawn from one seed per rate, so every
 * rate sees the same batches.
 */
export function learningRateSweep(problem: Problem, rates: readonly number[], options: SweepOptions = {}): SweepRun[] {
  const steps = options.steps ?? 100;
  if (!Number.isInteger(steps) || steps < 1) throw new ReasonedError(`steps must be a positive integer, got ${steps}`, reason('options.sweepSteps', { steps }));
  const factor = options.divergenceFactor ?? 4;
  if (!(factor > 1)) throw new ReasonedError(`divergence factor must be above 1, got ${factor}`, reason('options.divergenceFactor', { factor }));
  const batched = (options.batchSize ?? 0) > 0 && problem.samples > 0 && problem.batchLossAndGrad !== undefined;
  const batchSize = batched ? Math.min(options.batchSize!, problem.samples) : 0;
  const initialLoss = problem.loss(problem.initial);
  return rates.map((learningRate) => {
    if (!Number.isFinite(learningRate)) throw new ReasonedError(`learning rate must be a number, got ${learningRate}`, reason('options.sweepRate', { learningRate }));
    const rng = createRng(options.seed ?? 1);
    const w = problem.initial.slice();
    const grad = new Float64Array(problem.size);
    const order = Int32Array.from({ length: problem.samples }, (_x, i) => i);
    const batch = new Int32Array(batchSize);
    let cursor = problem.samples;
    const losses = [initialLoss];
    let atStep: number | undefined = hasDiverged(initialLoss, initialLoss, factor) ? 0 : undefined;
    for (let step = 1; step <= steps && atStep === undefined; step++) {
      if (batched) {
        for (let b = 0; b < batchSize; b++) {
          if (cursor >= problem.samples) {
            shuffleInPlace(order, rng);
            cursor = 0;
          }
          batch[b] = order[cursor++];
        }
        problem.batchLossAndGrad!(w, batch, grad);
      } else {
        problem.lossAndGrad(w, grad);
      }
      for (let k = 0; k < w.length; k++) w[k] -= learningRate * grad[k];
      const loss = problem.loss(w);
      losses.push(loss);
      if (hasDiverged(loss, initialLoss, factor)) atStep = step;
    }
    const run: SweepRun = {
      learningRate,
      losses: Float64Array.from(losses),
      diverged: atStep !== undefined,
      finalLoss: losses[losses.length - 1],
    };
    if (atStep !== undefined) run.atStep = atStep;
    return run;
  });
}
