import { useEffect } from 'react';
import { i18n } from './i18n';
import { useEditor } from './store';
import { graphFromHash, SHARE_PREFIX, writeAutosave } from './store/persistence';

const AUTOSAVE_DELAY_MS = 300;

/** Side effects of the app: autosave, opening share links pasted into this tab, and reporting stray errors. */
export function AppEffects() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      const problem = writeAutosave(useEditor.getState().graph);
      if (problem !== undefined) useEditor.getState().say('error', problem);
    };
    const unsubscribe = useEditor.subscribe((state, prev) => {
      if (state.graph === prev.graph) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(save, AUTOSAVE_DELAY_MS);
      // The link in the address bar would bring back an older graph on reload: drop it after an edit.
      if (location.hash.startsWith(SHARE_PREFIX) && state.dragOrigin === undefined) history.replaceState(null, '', location.pathname + location.search);
    });
    const flush = () => { if (timer !== undefined) { clearTimeout(timer); save(); } };
    window.addEventListener('pagehide', flush);
    save();
    return () => { unsubscribe(); window.removeEventListener('pagehide', flush); flush(); };
  }, []);

  useEffect(() => {
    const onHash = () => {
      const found = graphFromHash(location.hash);
      if (found === undefined) return;
      if ('error' in found) useEditor.getState().say('error', found.error);
      else useEditor.getState().loadGraph(found.graph, i18n.t('files.loadedLink'));
    };
    const onRejection = (e: PromiseRejectionEvent) => {
      useEditor.getState().say('error', i18n.t('crash.failed', { detail: e.reason instanceof Error ? e.reason.message : String(e.reason) }));
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('unhandledrejection', onRejection);
    return () => { window.removeEventListener('hashchange', onHash); window.removeEventListener('unhandledrejection', onRejection); };
  }, []);
  return null;
}
