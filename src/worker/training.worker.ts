/// <reference lib="webworker" />
/** The training Web Worker: hands every request to a TrainingSession so the page never trains. */
import { reason, reasonOf, ReasonedError } from '../core/graph/errors';
import type { Request, Response } from './protocol';
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Yielding through a MessageChannel avoids setTimeout's 4 ms clamp between slices, while the page's
// messages (pause, stop, predict) still get their turn in between.
const pending: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => pending.shift()?.();

const session = new TrainingSession({
  post: (message: Response, transfer: Transferable[] = []) => scope.postMessage(message, transfer),
  now: () => performance.now(),
  later: (fn) => {
    pending.push(fn);
    channel.port2.postMessage(null);
  },
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new ReasonedError(`could not load ${url}: HTTP ${response.status}`, reason('worker.http', { url, status: response.status }));
    return response.arrayBuffer();
  },
});

scope.onmessage = (event: MessageEvent<Request>) => {
  session.handle(event.data).catch((e: unknown) => {
    scope.postMessage({ type: 'error', scope: 'training', message: e instanceof Error ? e.message : String(e), reason: reasonOf(e) } satisfies Response);
  });
};
