import type { Graph } from '../core';

/** Undo/redo as two stacks of whole graphs (graphs are immutable, so this shares structure). */
export interface History {
  past: Graph[];
  future: Graph[];
  /** Key of the last edit; consecutive edits with the same key (typing into one field) undo together. */
  lastKey: string | undefined;
}

/** How many graphs undo keeps. */
export const HISTORY_LIMIT = 200;

/** An empty history. */
export const emptyHistory = (): History => ({ past: [], future: [], lastKey: undefined });

/** The history after replacing `current` by a new graph; `key` merges consecutive edits of one field. */
export function recordEdit(history: History, current: Graph, key?: string): History {
  if (key !== undefined && key === history.lastKey) return { ...history, future: [] };
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1) : history.past.slice();
  past.push(current);
  return { past, future: [], lastKey: key };
}

/** Steps back: the graph to show and the new history, or undefined when there is nothing to undo. */
export function undo(history: History, current: Graph): { graph: Graph; history: History } | undefined {
  if (history.past.length === 0) return undefined;
  const past = history.past.slice();
  const graph = past.pop()!;
  return { graph, history: { past, future: [current, ...history.future], lastKey: undefined } };
}

/** Steps forward again after an undo. */
export function redo(history: History, current: Graph): { graph: Graph; history: History } | undefined {
  if (history.future.length === 0) return undefined;
  const [graph, ...future] = history.future;
  return { graph, history: { past: [...history.past, current], future, lastKey: undefined } };
}
