/**
 * The layout worker's message protocol: the page sends a graph, the worker answers with stages while it
 * works and then the node positions (or why it could not). Every message names its job, so an answer to
 * a cancelled job is recognised and dropped.
 */
import { computeLayout, type Layout, type LayoutOptions } from '../core/graph/layout';
import type { Graph } from '../core/graph/types';

/** One layout job, page to worker. */
export interface LayoutRequest {
  job: number;
  graph: Graph;
  options: LayoutOptions;
}

/** What the worker is doing: it has the graph and started elk, or elk finished and it is sending the result. */
export type LayoutStage = 'laying out' | 'placing';

/** Worker to page. */
export type LayoutResponse =
  | { job: number; type: 'progress'; stage: LayoutStage }
  | { job: number; type: 'done'; layout: Layout }
  | { job: number; type: 'error'; message: string };

/** The worker's side of one job: reports its stage, lays the graph out, posts the positions or the error. */
export async function handleLayoutRequest(
  request: LayoutRequest, post: (response: LayoutResponse) => void, layout: typeof computeLayout = computeLayout,
): Promise<void> {
  const { job, graph, options } = request;
  post({ job, type: 'progress', stage: 'laying out' });
  try {
    const result = await layout(graph, options);
    post({ job, type: 'progress', stage: 'placing' });
    post({ job, type: 'done', layout: result });
  } catch (error) {
    post({ job, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
