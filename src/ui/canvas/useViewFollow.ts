import { useEffect, useRef, type RefObject } from 'react';
import { useNodesInitialized, useReactFlow, useStoreApi, type InternalNode } from '@xyflow/react';
import { useEditor } from '../store';
import { FIT_OPTIONS } from './fit';
import { OPEN_ZOOM, type OpenZooms } from './lod';
import { readableFocus, viewportOn, type ViewNode } from './readableView';
import type { OpFlowNode } from './toFlow';

const viewNode = (n: InternalNode<OpFlowNode>): ViewNode => ({
  id: n.id, x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured.width ?? 0, height: n.measured.height ?? 0,
});

/** Margin in px the current step's node keeps from the pane's edges; the bottom one clears the minimap. */
const FOLLOW_MARGIN = { side: 24, bottom: 150 };

/**
 * Opens every new graph so that it reads: the whole graph when its fit zoom is readable, else the output
 * (or the current step) and its neighbourhood at a readable zoom, the minimap showing the rest. Then, while
 * the passes are stepped, pans so the current node stays in view. the zooms are higher in presentation mode
 * (which asks for a fit when it starts and ends).
 */
export function useViewFollow(canvas: RefObject<HTMLElement | null>, { readable, focus: focusZoom, max }: OpenZooms = OPEN_ZOOM): void {
  const fitRequest = useEditor((s) => s.fitRequest);
  const current = useEditor((s) => s.view?.currentNode);
  const { fitView, setCenter, setViewport } = useReactFlow();
  const store = useStoreApi<OpFlowNode>();
  const nodesInitialized = useNodesInitialized();
  // -1: the graph present at start (autosave, share link) opens the same way as one loaded later.
  const fitted = useRef(-1);

  useEffect(() => {
    const request = fitRequest;
    if (request === fitted.current) return;
    const { nodeLookup, edges, width, height } = store.getState();
    const internal = [...nodeLookup.values()];
    if (internal.length === 0) {
      fitted.current = request;
      canvas.current?.setAttribute('data-view', String(request));
      return;
    }
    // Fit only once every node of the new graph has its size: an unmeasured node would be fitted as a point
    // and could end up under the minimap. useNodesInitialized flips back to true when they are, re-running this.
    if (width === 0 || height === 0 || !internal.every((n) => (n.measured.width ?? 0) > 0 && (n.measured.height ?? 0) > 0)) return;
    fitted.current = request;
    const { evaluation, view, graph } = useEditor.getState();
    const start = view?.currentNode ?? evaluation?.outputId ?? graph.nodes.find((n) => n.output === true)?.id;
    const all = internal.map(viewNode);
    const pane = { width, height };
    const focus = readableFocus(all, edges, start, pane, FIT_OPTIONS.padding, readable, focusZoom);
    const duration = request <= 0 ? 0 : 250;
    const ids = new Set(focus);
    const done = focus === undefined
      ? fitView({ ...FIT_OPTIONS, maxZoom: max, duration })
      : setViewport(viewportOn(all, all.filter((n) => ids.has(n.id)), pane, FIT_OPTIONS.padding, focusZoom, view?.currentNode === undefined), { duration });
    // data-view counts the graphs opened and settled: a test hook, and a sign the view is the new graph's.
    void done.then(() => canvas.current?.setAttribute('data-view', String(request)));
  }, [fitRequest, nodesInitialized, fitView, setViewport, store, readable, focusZoom, max, canvas]);

  useEffect(() => {
    if (current === undefined) return;
    const { nodeLookup, transform: [tx, ty, zoom], width, height } = store.getState();
    const node = nodeLookup.get(current);
    if (node === undefined) return;
    const n = viewNode(node);
    const left = n.x * zoom + tx;
    const top = n.y * zoom + ty;
    const inside = left >= FOLLOW_MARGIN.side && top >= FOLLOW_MARGIN.side
      && left + n.width * zoom <= width - FOLLOW_MARGIN.side && top + n.height * zoom <= height - FOLLOW_MARGIN.bottom;
    if (inside) return;
    // Centre it a little above the middle, clear of the minimap; the zoom stays the user's.
    void setCenter(n.x + n.width / 2, n.y + n.height / 2 + (FOLLOW_MARGIN.bottom - FOLLOW_MARGIN.side) / 2 / zoom, { zoom, duration: 250 });
  }, [current, setCenter, store]);
}
