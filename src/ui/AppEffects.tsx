import { useEffect } from 'react';
import { i18n } from './i18n';
import { useEditor } from './store';
import { SHARE_PREFIX } from './store/persistence';

/** Side effects of the app: dropping a share link from the address after an edit, and reporting stray errors. */
export function AppEffects() {
  useEffect(() => {
    const unsubscribe = useEditor.subscribe((state, prev) => {
      if (state.graph === prev.graph) return;
      // The link in the address bar would bring back an older graph on reload: drop it after an edit.
      if (location.hash.startsWith(SHARE_PREFIX) && state.dragOrigin === undefined) history.replaceState(null, '', location.pathname + location.search);
    });
    const onRejection = (e: PromiseRejectionEvent) => {
      useEditor.getState().say('error', i18n.t('crash.failed', { detail: e.reason instanceof Error ? e.reason.message : String(e.reason) }));
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => { unsubscribe(); window.removeEventListener('unhandledrejection', onRejection); };
  }, []);
  return null;
}
