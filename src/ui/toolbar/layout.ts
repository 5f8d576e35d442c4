import { create } from 'zustand';
import { withPlacements, type Graph, type Layout } from '../core';
import { rememberRoutes } from '../canvas/routes';
import { createLayoutRunner, LayoutCancelled, type LayoutWorker } from '../../worker/layoutClient';
import type { LayoutStage } from '../../worker/layoutProtocol';

/**
 * Room the editor's nodes and edge labels need in a layered layout. The boxes are at least the drawn
 * nodes' (124 px wide; 84 px tall, 101 with a value or parameter field, taller with many ports: see
 * nodeBoxHeight), so a wire routed around the boxes never passes behind a drawn node.
 */
const SIZES = { nodeWidth: 130, nodeHeight: 104, layerGap: 110, nodeGap: 48 };

/** The layout running now: what it is for, how big, where it is, since when (performance.now()). */
export interface LayoutJob {
  what: string;
  nodes: number;
  stage: LayoutStage | 'sending';
  started: number;
}

/** The running layout, for its progress line and Cancel button. */
export const useLayoutJob = create<{ job: LayoutJob | undefined }>(() => ({ job: undefined }));

// One worker for the page, started on the first layout and kept for the next.
const runner = createLayoutRunner(() => new Worker(new URL('../../worker/layout.worker.ts', import.meta.url), { type: 'module', name: 'gradflow-layout' }) as unknown as LayoutWorker);

export { LayoutCancelled };

/**
 * A left-to-right layout of `graph` at the editor's node sizes (positions and wire routes), computed in
 * the layout worker while the progress line shows `what`. Rejects with LayoutCancelled when the user
 * cancels it (or a newer layout replaces it).
 */
export async function runLayout(graph: Graph, what: string): Promise<Layout> {
  if (graph.nodes.length === 0) return { positions: {}, routes: {} };
  const mine: LayoutJob = { what, nodes: graph.nodes.length, stage: 'sending', started: performance.now() };
  useLayoutJob.setState({ job: mine });
  let current = mine;
  try {
    const layout = await runner.run(graph, SIZES, (stage) => {
      if (useLayoutJob.getState().job !== current) return;
      current = { ...current, stage };
      useLayoutJob.setState({ job: current });
    });
    return layout;
  } finally {
    if (useLayoutJob.getState().job === current) useLayoutJob.setState({ job: undefined });
  }
}

/**
 * Starts the layout worker (loading elk) when a layout is likely soon: the Expression box gets focus,
 * the pointer reaches Tidy layout, the file picker opens. The first layout then need not wait for it,
 * and a page that never lays out never starts it.
 */
export const warmLayout = (): void => runner.warm();

/** Stops the running layout; its caller hears LayoutCancelled. */
export const cancelLayout = (): void => runner.cancel();

/** A copy of `graph` laid out by runLayout; the canvas draws its wires as the layout routed them. */
export async function tidy(graph: Graph, what: string): Promise<Graph> {
  const layout = await runLayout(graph, what);
  rememberRoutes(graph, layout);
  return withPlacements(graph, layout.positions);
}
