import { isLayeredGraph, NO_OUTPUT_CODES } from '../core';
import { t } from '../../i18n';
import { derive, status } from './derive';
import { passSteps, runBackward, stepBackward, stepForward, type StepPhase } from './phase';
import type { Slice } from './slice';

/** Stepping the passes: which steps are revealed. The core computes every step; this only moves the phase. */
export const steppingSlice: Slice<'stepForward' | 'stepBackward' | 'runBackward' | 'resetSteps'> = (set, get) => {
  const setPhase = (phase: StepPhase): void => {
    const { graph, evaluation, annotations } = get();
    set({ phase, ...derive(graph, evaluation, phase, annotations) });
  };
  const steps = () => {
    const { evaluation, graph } = get();
    return evaluation === undefined || isLayeredGraph(graph) ? undefined : passSteps(evaluation);
  };
  const explainNoBackward = (): void => {
    const { evaluation, evalError, graph } = get();
    if (isLayeredGraph(graph)) {
      set({ status: status('info', t('status.layered')) });
      return;
    }
    const issue = evaluation?.program.issues.find((i) => NO_OUTPUT_CODES.has(i.code));
    set({ status: status('error', t('status.noBackward', { detail: evalError ?? issue?.message ?? t('status.noOutput') })) });
  };
  return {
    stepForward() {
      const s = steps();
      if (s === undefined || s.forward.length === 0) return explainNoBackward();
      setPhase(stepForward(get().phase, s));
    },
    stepBackward() {
      const s = steps();
      if (s === undefined || s.backward.length === 0) return explainNoBackward();
      setPhase(stepBackward(get().phase, s));
    },
    runBackward() {
      const s = steps();
      if (s === undefined || s.backward.length === 0) return explainNoBackward();
      setPhase(runBackward(get().phase, s));
    },
    resetSteps() {
      if (get().phase.kind !== 'values') setPhase({ kind: 'values' });
    },
  };
};
