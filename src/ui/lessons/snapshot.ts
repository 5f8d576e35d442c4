/** What the app holds, summarised for the engine's task checks (core/lessons/check.ts). */
import type { LessonSnapshot } from '../../core/lessons';
import { useEditor } from '../store';
import { useLecture, type LectureState } from '../lecture/store';
import { useTraining, type TrainingState } from '../training/store';

/** The results that existed when a lesson opened: a task counts only what the learner does after. */
export interface Baseline {
  landscape: LectureState['landscape'];
  strategies: LectureState['strategies'];
  sweep: LectureState['sweep'];
  equations: LectureState['equations'];
  curves: TrainingState['curves'];
}

/** The current results, to compare later ones with. */
export function baseline(): Baseline {
  const { landscape, strategies, sweep, equations } = useLecture.getState();
  return { landscape, strategies, sweep, equations, curves: useTraining.getState().curves };
}

/** A summary of the editor, the lecture panels and the trainer, leaving out results from before `since`. */
export function snapshot(since: Baseline | undefined, answer: string | undefined): Omit<LessonSnapshot, 'lessonGraph'> {
  const { graph, phase } = useEditor.getState();
  const lecture = useLecture.getState();
  const training = useTraining.getState();
  const fresh = <K extends keyof Baseline>(key: K, value: Baseline[K]): boolean => since === undefined || since[key] !== value;
  const out: Omit<LessonSnapshot, 'lessonGraph'> = { graph, phase, gradCheck: lecture.gradCheck };
  if (answer !== undefined) out.answer = answer;
  const { landscape, strategies, sweep, equations } = lecture;
  if (landscape.kind === 'done' && fresh('landscape', landscape)) {
    out.landscape = { dims: landscape.result.type === 'slice1d' ? 1 : 2, problem: landscape.result.problem.kind };
  }
  if (strategies.kind === 'done' && fresh('strategies', strategies)) {
    out.strategies = strategies.result.curves.map((c) => ({ method: c.method, finalLoss: c.finalLoss, diverged: c.divergedAt !== undefined }));
  }
  if (sweep.kind === 'done' && fresh('sweep', sweep)) out.sweep = sweep.result.curves.map((c) => ({ learningRate: c.learningRate, diverged: c.diverged }));
  if (equations.kind === 'done' && fresh('equations', equations)) {
    out.equations = { layers: equations.result.response.equations.layers.length, current: lecture.equationsSettings.current };
  }
  if (training.curves.accuracy.length > 0 && fresh('curves', training.curves)) {
    out.training = { accuracy: Math.max(...training.curves.accuracy), batchSize: training.settings.batchSize };
  }
  return out;
}
