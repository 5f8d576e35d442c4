import { backwardSteps, forwardSteps, type BackwardStep, type Evaluation, type ForwardStep } from '../core';

/** Where the user is in stepping the passes: all values shown, or k steps of a pass revealed. */
export type StepPhase =
  | { kind: 'values' }
  | { kind: 'forward'; done: number }
  | { kind: 'backward'; done: number };

/** The steps of both passes for one evaluation, computed once. */
export interface PassSteps {
  forward: ForwardStep[];
  backward: BackwardStep[];
}

const cache = new WeakMap<Evaluation, PassSteps>();

/** The forward and backward steps of an evaluation (memoised per evaluation). */
export function passSteps(evaluation: Evaluation): PassSteps {
  let steps = cache.get(evaluation);
  if (steps === undefined) {
    steps = { forward: forwardSteps(evaluation), backward: backwardSteps(evaluation) };
    cache.set(evaluation, steps);
  }
  return steps;
}

/** The phase after one more click of "Step forward". */
export function stepForward(phase: StepPhase, steps: PassSteps): StepPhase {
  const total = steps.forward.length;
  if (total === 0) return phase;
  if (phase.kind === 'forward') return { kind: 'forward', done: Math.min(total, phase.done + 1) };
  return { kind: 'forward', done: 1 };
}

/** The phase after one more click of "Step backward". */
export function stepBackward(phase: StepPhase, steps: PassSteps): StepPhase {
  const total = steps.backward.length;
  if (total === 0) return phase;
  if (phase.kind === 'backward') return { kind: 'backward', done: Math.min(total, phase.done + 1) };
  return { kind: 'backward', done: 1 };
}

/** The phase after "Run backward": every backward step done. */
export function runBackward(phase: StepPhase, steps: PassSteps): StepPhase {
  const total = steps.backward.length;
  return total === 0 ? phase : { kind: 'backward', done: total };
}
