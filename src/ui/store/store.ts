import { create } from 'zustand';
import type { Graph } from '../core';
import { NO_ANNOTATIONS } from './annotate';
import { DEFAULT_GRAPH } from './defaultGraph';
import { derive, evaluateSafely } from './derive';
import { graphSlice } from './graphSlice';
import { emptyHistory } from './history';
import type { Editor } from './slice';
import { steppingSlice } from './steppingSlice';
import type { EditorState } from './types';
import { viewSlice } from './viewSlice';

export type { EditorActions, EditorState, Measured, Status } from './types';

/** The state of a fresh editor holding `initial`: evaluated, all values shown, nothing selected. */
function initialState(initial: Graph): EditorState {
  const first = evaluateSafely(initial);
  return {
    graph: initial,
    ...first,
    history: emptyHistory(),
    phase: { kind: 'values' },
    ...derive(initial, first.evaluation, { kind: 'values' }, NO_ANNOTATIONS),
    selectedNodes: [],
    selectedEdges: [],
    measured: {},
    status: undefined,
    clipboard: undefined,
    dragOrigin: undefined,
    hoveredEdge: undefined,
    fitRequest: 0,
  };
}

/** Creates an editor store starting from `initial` (a fresh one per test or page), from its three slices. */
export function createEditorStore(initial: Graph = DEFAULT_GRAPH) {
  return create<Editor>()((set, get) => ({
    ...initialState(initial),
    ...graphSlice(set, get),
    ...steppingSlice(set, get),
    ...viewSlice(set, get),
  }));
}

/** The store type, for hooks and tests. */
export type EditorStore = ReturnType<typeof createEditorStore>;
