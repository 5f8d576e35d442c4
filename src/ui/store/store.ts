import { create } from 'zustand';
import {
  addNode, connect, extractSubgraph, isLayeredGraph, moveNodes, NO_OUTPUT_CODES, pasteSubgraph, removeEdges, removeNodes,
  setLabel, setOutput, setParam, setValue, type Graph,
} from '../core';
import { DEFAULT_GRAPH } from './defaultGraph';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';
import { passSteps, runBackward, stepBackward, stepForward, type StepPhase } from './phase';
import { NO_ANNOTATIONS } from '../canvas/annotate';
import { derive, evaluateSafely, status } from './derive';
import type { EditorActions, EditorState } from './types';
import { t } from '../../i18n';

export type { EditorActions, EditorState, Measured, Status } from './types';

const PASTE_OFFSET = { x: 40, y: 40 };

/** Creates an editor store starting from `initial` (a fresh one per test or page). */
export function createEditorStore(initial: Graph = DEFAULT_GRAPH) {
  return create<EditorState & EditorActions>()((set, get) => {
    /** The state after the graph changed: re-evaluated, pass reset, selection pruned. */
    const withGraph = (graph: Graph, history: History): Partial<EditorState> => {
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
    };
    const commit = (next: Graph, key?: string): void => {
      const { graph, history } = get();
      if (next === graph) return;
      set(withGraph(next, recordEdit(history, graph, key)));
    };
    /** Runs an edit that may throw (a value on a non-leaf); the message goes to the status line. */
    const attempt = (edit: () => void): void => {
      try {
        edit();
      } catch (error) {
        set({ status: status('error', error instanceof Error ? error.message : String(error)) });
      }
    };
    const setPhase = (phase: StepPhase): void => {
      const { graph, evaluation, annotations } = get();
      set({ phase, ...derive(graph, evaluation, phase, annotations) });
    };
    const steps = () => {
      const { evaluation, graph } = get();
      return evaluation === undefined || isLayeredGraph(graph) ? undefined : passSteps(evaluation);
    };
    const explainNoBackward = (): void => {
      const { evaluation, evalError, graph } = get();
      if (isLayeredGraph(graph)) {
        set({ status: status('info', t('status.layered')) });
        return;
      }
      const issue = evaluation?.program.issues.find((i) => NO_OUTPUT_CODES.has(i.code));
      set({ status: status('error', t('status.noBackward', { detail: evalError ?? issue?.message ?? t('status.noOutput') })) });
    };

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
        let graph = removeEdges(get().graph, edgeIds);
        graph = removeNodes(graph, nodeIds);
        commit(graph);
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
      select(nodes, edges) {
        set({ selectedNodes: [...nodes], selectedEdges: [...edges] });
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
        if (back === undefined) return;
        set(withGraph(back.graph, back.history));
      },
      redo() {
        const { history, graph } = get();
        const again = redo(history, graph);
        if (again === undefined) return;
        set(withGraph(again.graph, again.history));
      },
      newGraph() {
        commit({ nodes: [], edges: [] });
        set({ status: status('info', t('status.newGraph')) });
      },
      stepForward() {
        const s = steps();
        if (s === undefined || s.forward.length === 0) return explainNoBackward();
        setPhase(stepForward(get().phase, s));
      },
      stepBackward() {
        const s = steps();
        if (s === undefined || s.backward.length === 0) return explainNoBackward();
        setPhase(stepBackward(get().phase, s));
      },
      runBackward() {
        const s = steps();
        if (s === undefined || s.backward.length === 0) return explainNoBackward();
        setPhase(runBackward(get().phase, s));
      },
      resetSteps() {
        if (get().phase.kind !== 'values') setPhase({ kind: 'values' });
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
    };
  });
}

/** The store type, for hooks and tests. */
export type EditorStore = ReturnType<typeof createEditorStore>;
