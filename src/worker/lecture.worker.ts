/// <reference lib="webworker" />
/** The lecture Web Worker: landscapes, strategy comparisons, sweeps and the four equations, off the page's thread. */
import type { LectureRequest, LectureResponse } from './lectureProtocol';
import { LectureSession } from './lectureSession';
import { reason, ReasonedError } from '../core/graph/errors';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const session = new LectureSession({
  now: () => performance.now(),
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new ReasonedError(`could not load ${url}: HTTP ${response.status}`, reason('worker.http', { url, status: response.status }));
    return response.arrayBuffer();
  },
});

// One request at a time, in order: a later request waits for the one before it.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<LectureRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    const response: LectureResponse = await session.handle(request);
    scope.postMessage(response);
  });
};
