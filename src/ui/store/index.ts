import { createEditorStore } from './store';
import { initialGraph } from './persistence';
import { i18n } from '../i18n';

export * from './store';

/** Where the first graph came from (share link, autosave or the default example). */
export const initial = initialGraph();

/** The app's one editor store: other panels read `graph` and call `loadGraph` / `commit` on it. */
export const useEditor = createEditorStore(initial.graph);

if (initial.linkError !== undefined) useEditor.getState().say('error', initial.linkError);
else if (initial.source === 'link') useEditor.getState().say('info', i18n.t('files.loadedLink'));
