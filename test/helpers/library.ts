import { IDBFactory } from 'fake-indexeddb';
import { createEditorStore, type EditorStore } from '../../src/ui/store/store';
import { createLibrary, type Library } from '../../src/ui/library/library';
import { indexedDbStorage, type LibraryStorage } from '../../src/ui/library/storage';

/** A fresh, empty IndexedDB (fake-indexeddb) for one test: idb-keyval opens it on first use. */
export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** localStorage-like slots the library reads: the old autosave and the last open entry. */
export interface Slots {
  legacy: string | null;
  lastOpen: string | null;
}

/** An editor and a library over `storage`, as the app makes them, with its surroundings in `slots`. */
export function makeApp(storage: LibraryStorage = indexedDbStorage(), slots: Slots = { legacy: null, lastOpen: null }): { editor: EditorStore; library: Library; slots: Slots } {
  const editor = createEditorStore();
  const library = createLibrary(editor, {
    storage,
    delayMs: 0,
    legacy: { read: () => slots.legacy, clear: () => { slots.legacy = null; } },
    lastOpen: { read: () => slots.lastOpen, write: (id) => { slots.lastOpen = id; } },
  });
  return { editor, library, slots };
}
