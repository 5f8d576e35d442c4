import { AUTOSAVE_KEY } from '../store/persistence';
import type { Library } from './library';

/** localStorage key of the id of the entry open last, so the next start opens it again. */
export const LAST_OPEN_KEY = 'gradflow.library.open';

/** The browser's side of the library options: the old autosave to migrate and the last open entry. */
export const browserOptions = {
  legacy: {
    read: (): string | null => { try { return globalThis.localStorage?.getItem(AUTOSAVE_KEY) ?? null; } catch { return null; } },
    clear: (): void => { try { globalThis.localStorage?.removeItem(AUTOSAVE_KEY); } catch { /* blocked storage: the copy stays, harmlessly */ } },
  },
  lastOpen: {
    read: (): string | null => { try { return globalThis.localStorage?.getItem(LAST_OPEN_KEY) ?? null; } catch { return null; } },
    write: (id: string): void => { try { globalThis.localStorage?.setItem(LAST_OPEN_KEY, id); } catch { /* only a convenience */ } },
  },
};

/** Drops a share link from the address bar: once opened it lives in the library, and a reload must not open it again. */
export function dropLinkFromAddress(): void {
  if (location.hash.startsWith('#graph=')) history.replaceState(null, '', location.pathname + location.search);
}

/** Starts the library for this page: opens the last graph and any share link, follows later links and saves on leaving. */
export async function startInBrowser(library: Library): Promise<void> {
  await library.start(location.hash);
  dropLinkFromAddress();
  window.addEventListener('hashchange', () => {
    if (library.openLink(location.hash)) dropLinkFromAddress();
  });
  // Leaving the page writes what the autosave delay still holds.
  window.addEventListener('pagehide', () => { void library.flush(); });
}
