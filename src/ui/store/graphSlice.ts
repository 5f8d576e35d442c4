import {
  addNode, connect, extractSubgraph, moveNodes, pasteSubgraph, removeEdges, removeNodes, setLabel, setOutput, setParam, setValue, type Graph,
} from '../core';
import { t } from '../../i18n';
import { errorLine } from '../../i18n/refusals';
import { status } from './derive';
import { recordEdit, redo, undo } from './history';
import { withGraph, type Slice } from './slice';

const PASTE_OFFSET = { x: 40, y: 40 };

/** The graph and its history: every edit goes through the core's graph operations and is undoable. */
export const graphSlice: Slice<
  'commit' | 'loadGraph' | 'addNode' | 'connect' | 'remove' | 'removeSelection' | 'setValue' | 'setParam' | 'setLabel' | 'setOutput'
  | 'dragNodes' | 'copy' | 'paste' | 'duplicate' | 'undo' | 'redo' | 'newGraph'
> = (set, get) => {
  const commit = (next: Graph, key?: string): void => {
    const { graph, history } = get();
    if (next === graph) return;
    set(withGraph(get, next, recordEdit(history, graph, key)));
  };
  /** Runs an edit that may throw (a value on a non-leaf); the message goes to the status line. */
  const attempt = (edit: () => void): void => {
    try {
      edit();
    } catch (error) {
      set({ status: status('error', errorLine(error)) });
    }
  };
  return {
    commit,
    loadGraph(next, message) {
      commit(structuredClone(next));
      set({ selectedNodes: [], selectedEdges: [], fitRequest: get().fitRequest + 1, ...(message === undefined ? {} : { status: status('info', message) }) });
    },
    addNode(op, position) {
      const result = addNode(get().graph, op, { position });
      commit(result.graph);
      set({ selectedNodes: [result.id], selectedEdges: [] });
      return result.id;
    },
    connect(source, target, port) {
      const result = connect(get().graph, source, target, port);
      if (!result.ok) {
        set({ status: status('error', t('status.connectionRefused', { detail: result.message })) });
        return false;
      }
      commit(result.graph);
      return true;
    },
    remove(nodeIds, edgeIds) {
      commit(removeNodes(removeEdges(get().graph, edgeIds), nodeIds));
    },
    removeSelection() {
      const { selectedNodes, selectedEdges } = get();
      get().remove(selectedNodes, selectedEdges);
    },
    setValue(id, value) {
      attempt(() => commit(setValue(get().graph, id, value), `value:${id}`));
    },
    setParam(id, name, value) {
      attempt(() => commit(setParam(get().graph, id, name, value), `param:${id}:${name}`));
    },
    setLabel(id, label) {
      attempt(() => commit(setLabel(get().graph, id, label), `label:${id}`));
    },
    setOutput(id) {
      commit(setOutput(get().graph, id));
    },
    dragNodes(positions, done) {
      const { graph, dragOrigin, history } = get();
      const moved = moveNodes(graph, positions);
      const origin = dragOrigin ?? graph;
      if (done && dragOrigin === undefined && positions.size === 0) return;
      if (!done) {
        // Positions do not change values: keep the evaluation and the pass.
        set({ graph: moved, dragOrigin: origin });
        return;
      }
      set({ graph: moved, dragOrigin: undefined, history: recordEdit(history, origin) });
    },
    copy() {
      const { graph, selectedNodes } = get();
      if (selectedNodes.length === 0) return;
      set({ clipboard: extractSubgraph(graph, selectedNodes), status: status('info', t('status.copied', { count: selectedNodes.length })) });
    },
    paste() {
      const { clipboard, graph } = get();
      if (clipboard === undefined) return;
      const pasted = pasteSubgraph(graph, clipboard, PASTE_OFFSET);
      commit(pasted.graph);
      // Pasting again offsets again, so copies do not stack exactly on top of each other.
      set({ selectedNodes: pasted.nodeIds, selectedEdges: pasted.edgeIds, clipboard: pasteSubgraph({ nodes: [], edges: [] }, clipboard, PASTE_OFFSET).graph });
    },
    duplicate() {
      const { graph, selectedNodes } = get();
      if (selectedNodes.length === 0) return;
      const pasted = pasteSubgraph(graph, extractSubgraph(graph, selectedNodes), PASTE_OFFSET);
      commit(pasted.graph);
      set({ selectedNodes: pasted.nodeIds, selectedEdges: pasted.edgeIds });
    },
    undo() {
      const { history, graph } = get();
      const back = undo(history, graph);
      if (back !== undefined) set(withGraph(get, back.graph, back.history));
    },
    redo() {
      const { history, graph } = get();
      const again = redo(history, graph);
      if (again !== undefined) set(withGraph(get, again.graph, again.history));
    },
    newGraph() {
      commit({ nodes: [], edges: [] });
      set({ status: status('info', t('status.newGraph')) });
    },
  };
};
