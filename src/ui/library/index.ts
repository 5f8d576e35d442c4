import { useEditor } from '../store';
import { browserOptions } from './browser';
import { createLibrary } from './library';
import { indexedDbStorage } from './storage';

export type { LibraryEntry } from './entries';
export type { Library, LibraryState, SaveState } from './library';

/** The app's library of saved graphs, bound to the app's editor store (IndexedDB through idb-keyval). */
export const library = createLibrary(useEditor, { storage: indexedDbStorage(), ...browserOptions });

/** The library's state as a React hook. */
export const useLibrary = library.state;
