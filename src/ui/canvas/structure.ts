import type { Graph, GraphNode } from '../core';
import type { EditorState } from '../store';

/** True when two versions of a node differ at most in the number an input or const holds. */
function sameButValue(a: GraphNode, b: GraphNode): boolean {
  if (a === b) return true;
  if (typeof a.value !== typeof b.value) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k !== 'value' && !Object.is(a[k as keyof GraphNode], b[k as keyof GraphNode])) return false;
  }
  return true;
}

/** True when `next` is `prev` with only leaf values changed: the same edges and, node by node, the same everything else. */
export function onlyValuesChanged(prev: Graph, next: Graph): boolean {
  if (prev === next) return true;
  if (prev.edges !== next.edges || prev.nodes.length !== next.nodes.length) return false;
  for (let i = 0; i < next.nodes.length; i++) if (!sameButValue(prev.nodes[i], next.nodes[i])) return false;
  return true;
}

/**
 * A store selector for the graph as the canvas structure sees it: typing a value keeps the previous graph,
 * so the canvas (and React Flow under it) does not re-render; the numbers reach the labels live (useLive).
 * One per canvas: it remembers what it last returned.
 */
export function structureSelector(): (state: Pick<EditorState, 'graph'>) => Graph {
  let last: Graph | undefined;
  return (state) => {
    if (last === undefined || !onlyValuesChanged(last, state.graph)) last = state.graph;
    return last;
  };
}
