import type { StoreApi } from 'zustand';
import type { Graph } from '../core';
import { derive, evaluateSafely } from './derive';
import type { History } from './history';
import type { StepPhase } from './phase';
import type { EditorActions, EditorState } from './types';

/** The whole editor store's state and actions. */
export type Editor = EditorState & EditorActions;

/** A slice of the editor store: its actions, given the store's set and get (zustand's slices pattern). */
export type Slice<A extends keyof EditorActions> = (set: StoreApi<Editor>['setState'], get: StoreApi<Editor>['getState']) => Pick<EditorActions, A>;

/**
 * The state after the graph changed, which every slice agrees on: re-evaluated, the stepping back at
 * "values", the numbers derived anew, the selection pruned to what still exists, no drag in progress.
 */
export function withGraph(get: StoreApi<Editor>['getState'], graph: Graph, history: History): Partial<EditorState> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const { selectedNodes, selectedEdges, annotations } = get();
  const evaluated = evaluateSafely(graph);
  const phase: StepPhase = { kind: 'values' };
  return {
    graph,
    history,
    ...evaluated,
    phase,
    ...derive(graph, evaluated.evaluation, phase, annotations),
    selectedNodes: selectedNodes.every((id) => ids.has(id)) ? selectedNodes : selectedNodes.filter((id) => ids.has(id)),
    selectedEdges: selectedEdges.every((id) => edgeIds.has(id)) ? selectedEdges : selectedEdges.filter((id) => edgeIds.has(id)),
    dragOrigin: undefined,
  };
}
