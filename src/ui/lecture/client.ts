/** The page's side of the lecture worker: one worker, started on first use; requests answered by promise. */
import { i18n } from '../i18n';
import type { LectureRequest, LectureResponse } from '../../worker/lectureProtocol';

/** A request without its id (the client numbers requests). */
export type LectureAsk = LectureRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (response: LectureResponse) => void>();

function start(): Worker {
  const w = new Worker(new URL('../../worker/lecture.worker.ts', import.meta.url), { type: 'module', name: 'gradflow-lecture' });
  w.onmessage = (event: MessageEvent<LectureResponse>) => {
    const done = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    done?.(event.data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    // Every open request learns why; the next request starts a fresh worker.
    const message = event.message || i18n.t('lecture.workerFailed');
    for (const [id, done] of waiting) done({ type: 'error', id, message });
    waiting.clear();
    w.terminate();
    worker = null;
  };
  return w;
}

/** Sends a request to the worker and resolves with its response (an `error` response when it failed). */
export function ask(request: LectureAsk): Promise<LectureResponse> {
  worker ??= start();
  const id = nextId++;
  const message = { ...request, id } as LectureRequest;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    try {
      worker!.postMessage(message);
    } catch (error) {
      // A graph that cannot be copied to the worker is answered here, like any other failure.
      waiting.delete(id);
      resolve({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
    }
  });
}
