import { createStore, del, entries as allEntries, set, update, type UseStore } from 'idb-keyval';
import { isEntry, type LibraryEntry } from './entries';

/**
 * Where the library's entries live. In the browser this is IndexedDB through idb-keyval (one object
 * store, entries keyed by id); when IndexedDB cannot be opened, an in-memory store keeps the session
 * going and the library says that nothing is being saved.
 */
export interface LibraryStorage {
  /** Every stored value with its key; values are checked by the caller (a damaged one becomes a backup). */
  list(): Promise<[string, unknown][]>;
  put(entry: LibraryEntry): Promise<void>;
  /** Rewrites entry `id` from what is stored now, in one transaction (another tab may have written it since). */
  update(id: string, change: (stored: LibraryEntry | undefined) => LibraryEntry): Promise<void>;
  remove(id: string): Promise<void>;
  /** True when entries outlive the page. */
  readonly persistent: boolean;
}

/** IndexedDB database and object store names. */
export const DB_NAME = 'gradflow';
export const STORE_NAME = 'library';

/** The IndexedDB storage (idb-keyval): small, promise-based, one transaction per call. */
export function indexedDbStorage(given?: UseStore): LibraryStorage {
  // Opened on first use, so a browser without IndexedDB fails in list(), where the library falls back.
  let store = given;
  const db = (): UseStore => (store ??= createStore(DB_NAME, STORE_NAME));
  return {
    persistent: true,
    list: async () => (await allEntries<IDBValidKey, unknown>(db())).map(([k, v]) => [String(k), v]),
    put: (entry) => set(entry.id, entry, db()),
    update: (id, change) => update<unknown>(id, (stored) => change(isEntry(stored) ? stored : undefined), db()),
    remove: (id) => del(id, db()),
  };
}

/** Storage in memory only: for a browser without IndexedDB (nothing survives a reload, and the UI says so). */
export function memoryStorage(): LibraryStorage {
  const map = new Map<string, LibraryEntry>();
  return {
    persistent: false,
    list: () => Promise.resolve([...map.entries()]),
    put: (entry) => { map.set(entry.id, structuredClone(entry)); return Promise.resolve(); },
    update: (id, change) => { map.set(id, structuredClone(change(map.get(id)))); return Promise.resolve(); },
    remove: (id) => { map.delete(id); return Promise.resolve(); },
  };
}
