/**
 * The page's side of the layout worker: one job at a time, with its stage reported and a cancel that
 * really stops the work (elk cannot be interrupted, so cancelling ends the worker; the next job starts
 * a fresh one).
 */
import type { Layout, LayoutOptions } from '../core/graph/layout';
import type { Graph } from '../core/graph/types';
import type { LayoutRequest, LayoutResponse, LayoutStage } from './layoutProtocol';
import { reason, ReasonedError } from '../core/graph/errors';

/** The part of a Worker the client uses (a fake one in tests). */
export interface LayoutWorker {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Thrown (as the rejection) when a job is cancelled, by the user or by a newer job. */
export class LayoutCancelled extends Error {
  constructor() {
    // Never shown: the UI says a layout was cancelled in its own words.
    super('LayoutCancelled');
    this.name = 'LayoutCancelled';
  }
}

/** Runs layouts in a worker. */
export interface LayoutRunner {
  /** Lays out `graph`; `onStage` hears what the worker is doing. A running job is cancelled first. */
  run(graph: Graph, options: LayoutOptions, onStage?: (stage: LayoutStage) => void): Promise<Layout>;
  /** Stops the running job (its promise rejects with LayoutCancelled); nothing happens when none runs. */
  cancel(): void;
  /** True while a job runs. */
  busy(): boolean;
  /** Starts the worker and has it load elk now, so the first real layout does not wait for that. */
  warm(): void;
}

/** A runner that starts workers with `spawn` when it needs one. */
export function createLayoutRunner(spawn: () => LayoutWorker): LayoutRunner {
  let worker: LayoutWorker | undefined;
  let job = 0;
  let pending: { job: number; resolve: (layout: Layout) => void; reject: (error: Error) => void; onStage?: (stage: LayoutStage) => void } | undefined;

  const stop = (error: Error): void => {
    const current = pending;
    pending = undefined;
    worker?.terminate();
    worker = undefined;
    current?.reject(error);
  };

  const ensureWorker = (): LayoutWorker => {
    if (worker !== undefined) return worker;
    const started = spawn();
    started.onmessage = (event) => {
      const response = event.data;
      if (pending === undefined || response.job !== pending.job) return; // an answer to a cancelled job
      if (response.type === 'progress') pending.onStage?.(response.stage);
      else if (response.type === 'done') {
        const { resolve } = pending;
        pending = undefined;
        resolve(response.layout);
      } else {
        const { reject } = pending;
        pending = undefined;
        reject(new Error(response.message));
      }
    };
    started.onerror = (event) => {
      event.preventDefault?.();
      stop(event.message === '' || event.message === undefined ? new ReasonedError('the layout worker failed', reason('worker.layoutFailed')) : new Error(event.message));
    };
    worker = started;
    return started;
  };

  return {
    run(graph, options, onStage) {
      if (pending !== undefined) stop(new LayoutCancelled());
      return new Promise<Layout>((resolve, reject) => {
        pending = { job: ++job, resolve, reject, onStage };
        ensureWorker().postMessage({ job, graph, options });
      });
    },
    cancel() {
      if (pending !== undefined) stop(new LayoutCancelled());
    },
    busy: () => pending !== undefined,
    warm() {
      // Job 0 is never a real job's number, so its answers are dropped; a real job queues behind it.
      if (worker === undefined) ensureWorker().postMessage({ job: 0, graph: { nodes: [], edges: [] }, options: {} });
    },
  };
}
