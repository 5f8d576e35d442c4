/** The training panel's only contact with the editor: read its graph, select a node, load a graph. */
import type { Graph } from '../../core/graph/types';
import { library } from '../library';
import { useEditor } from '../store';
import { resetSettings } from './SettingsSection';

/** The graph on the canvas (re-renders when it changes). */
export function useEditorGraph(): Graph {
  return useEditor((s) => s.graph);
}

/** Selects (highlights) a node on the canvas, e.g. the one a compile error is about. */
export function selectGraphNode(nodeId: string): void {
  const editor = useEditor.getState();
  if (editor.graph.nodes.some((n) => n.id === nodeId)) editor.select([nodeId], []);
}

/** Opens a graph as a new library entry named `name` (undoable), e.g. the graph saved beside trained weights. */
export function loadEditorGraph(graph: Graph, name: string, message: string): void {
  library.openGraph(graph, name, message);
}

/** A line in the editor's status bar. */
export function sayInEditor(text: string): void {
  useEditor.getState().say('info', text);
}

/** Undoes the last edit on the canvas. */
export function undoEditorEdit(): void {
  useEditor.getState().undo();
}

/** Follows graph changes outside React (the edit guard); returns the unsubscribe function. */
export function onEditorGraph(listener: (graph: Graph) => void): () => void {
  return useEditor.subscribe((state, previous) => {
    if (state.graph !== previous.graph) listener(state.graph);
  });
}

let followedDefaults: string | null = null;

/**
 * Keeps the settings fields on the graph's training defaults: set once from the first graph, then
 * again whenever a graph with other defaults arrives (an example, an import). Returns the unsubscribe.
 */
export function followTrainingDefaults(): () => void {
  const apply = (graph: Graph): void => {
    const key = JSON.stringify(graph.training ?? null);
    if (key === followedDefaults) return;
    followedDefaults = key;
    resetSettings(graph.training);
  };
  apply(useEditor.getState().graph);
  return onEditorGraph(apply);
}
