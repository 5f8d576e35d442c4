import { createEditorStore } from './store';
import { DEFAULT_GRAPH } from './defaultGraph';

export * from './store';

/** The app's one editor store: other panels read `graph` and call `loadGraph` / `commit` on it. The library (src/ui/library) loads the first graph into it. */
export const useEditor = createEditorStore(DEFAULT_GRAPH);
