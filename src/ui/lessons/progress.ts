/** The learner's progress, kept in the browser so they can leave and come back. */

/** localStorage key of the progress record. */
export const PROGRESS_KEY = 'gradflow.lessons';

/** Which lessons are done (by id) and which one the learner was on. */
export interface Progress {
  done: string[];
  current: string | undefined;
}

/** The saved progress, or a fresh one when there is none or it cannot be read. */
export function readProgress(): Progress {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(PROGRESS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { done: [], current: undefined };
    const { done, current } = raw as Record<string, unknown>;
    return {
      done: Array.isArray(done) ? done.filter((d): d is string => typeof d === 'string') : [],
      current: typeof current === 'string' ? current : undefined,
    };
  } catch {
    // A damaged record starts the path again rather than stopping the app.
    return { done: [], current: undefined };
  }
}

/** Saves the progress; returns false when the browser refuses (private mode, full storage). */
export function writeProgress(progress: Progress): boolean {
  try {
    globalThis.localStorage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}
