/** The page's side of the training worker: typed requests out, typed responses to one listener. */
import type { Request, Response } from './protocol';

/** A running training worker. */
export interface TrainingClient {
  send(request: Request, transfer?: Transferable[]): void;
  /** Ends the worker; the client is unusable afterwards. */
  terminate(): void;
}

/** Starts the training worker and routes its responses to `onResponse`. */
export function startTrainingWorker(onResponse: (response: Response) => void, onCrash: (message: string | undefined) => void): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'gradflow-training' });
  worker.onmessage = (event: MessageEvent<Response>) => onResponse(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    // The browser's own words when it gives any; the UI words a crash without them.
    onCrash(event.message === '' ? undefined : event.message);
  };
  return {
    send: (request, transfer = []) => worker.postMessage(request, transfer),
    terminate: () => worker.terminate(),
  };
}
