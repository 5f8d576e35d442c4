import type { Graph } from '../../core/graph/types';
import type { LectureResponse } from '../../worker/lectureProtocol';
import { i18n, problemText } from '../i18n';
import { ask, type LectureAsk } from './client';
import { useLecture, type Job, type LectureState } from './store';

/** The lecture tabs' jobs: the lecture store's keys that hold a Job. */
export type JobName = 'landscape' | 'strategies' | 'sweep' | 'equations';

/** What a job holds when done. */
type ResultOf<K extends JobName> = LectureState[K] extends Job<infer T> ? T : never;

/** The worker's response of one type. */
type ResponseOf<T extends LectureResponse['type']> = Extract<LectureResponse, { type: T }>;

/** The latest request of each job; an answer to an older one is dropped. */
const latest: Record<JobName, number> = { landscape: 0, strategies: 0, sweep: 0, equations: 0 };

/** Writes one job's state into the lecture store. */
function setJob<K extends JobName>(name: K, job: LectureState[K]): void {
  useLecture.setState({ [name]: job } as Pick<LectureState, K>);
}

/**
 * Runs a lecture job in the worker: the job turns busy; an answer of an expected type becomes its result
 * (through `done`, with the graph it was computed from), any other answer its error. A request superseded
 * by a newer one of the same job leaves the job to the newer one.
 */
export async function runJob<K extends JobName, T extends LectureResponse['type']>(
  name: K,
  request: LectureAsk,
  expected: readonly T[],
  done: (response: ResponseOf<T>) => { result: ResultOf<K>; graph: Graph | null },
): Promise<void> {
  const token = ++latest[name];
  setJob(name, { kind: 'busy' } as LectureState[K]);
  const response = await ask(request);
  if (token !== latest[name]) return;
  const answered = (expected as readonly string[]).includes(response.type);
  setJob(name, (answered
    ? { kind: 'done', ...done(response as ResponseOf<T>) }
    : { kind: 'error', message: response.type === 'error' ? problemText(response) : i18n.t('lecture.unexpected', { type: response.type }) }) as LectureState[K]);
}
