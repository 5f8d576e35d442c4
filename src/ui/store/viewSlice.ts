import { status } from './derive';
import type { Slice } from './slice';

/** What the editor shows around the graph: selection, measured sizes, fit requests, the hovered edge, the status line. */
export const viewSlice: Slice<'select' | 'setMeasured' | 'requestFit' | 'hover' | 'say'> = (set, get) => ({
  select(nodes, edges) {
    set({ selectedNodes: [...nodes], selectedEdges: [...edges] });
  },
  setMeasured(sizes) {
    set({ measured: { ...get().measured, ...sizes } });
  },
  requestFit() {
    set({ fitRequest: get().fitRequest + 1 });
  },
  hover(edgeId) {
    if (get().hoveredEdge !== edgeId) set({ hoveredEdge: edgeId });
  },
  say(kind, text) {
    set({ status: status(kind, text) });
  },
});
