import { create } from 'zustand';
import { parseGraph, serializeGraph, type Graph } from '../core';
import { LayoutCancelled, tidy } from '../toolbar/layout';
import { t } from '../../i18n';
import { errorText as message } from '../files/errorText';
import { DEFAULT_GRAPH } from '../store/defaultGraph';
import { emptyHistory } from '../store/history';
import { graphFromHash } from '../store/persistence';
import type { EditorState, EditorStore } from '../store/store';
import { isEntry, liveEntries, newEntryId, uniqueName, type LibraryEntry } from './entries';
import { memoryStorage, type LibraryStorage } from './storage';

/** Whether the open graph is safely stored. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  /** The last write failed; `text` says why. Shown until a write succeeds. */
  | { kind: 'failed'; text: string }
  /** No persistent storage in this browser: graphs last only as long as the page. */
  | { kind: 'memory'; text: string };

/** The library as the UI reads it. */
export interface LibraryState {
  ready: boolean;
  /** Every entry, trashed ones included, in no particular order (see liveEntries / trashedEntries). */
  entries: LibraryEntry[];
  /** The entry the editor's graph is saved into. */
  openId: string | undefined;
  save: SaveState;
  /** The entry the last Delete moved to the trash, for "Undo delete". */
  lastDeleted: { id: string; wasOpen: boolean } | undefined;
}

/** What the library needs from its surroundings (the browser's, or a test's). */
export interface LibraryOptions {
  storage: LibraryStorage;
  now?: () => number;
  /** Autosave delay after the last edit, in ms. */
  delayMs?: number;
  /** The graph of a very first start. */
  firstGraph?: Graph;
  /** The localStorage autosave of earlier versions, moved into the library on the first start. */
  legacy?: { read(): string | null; clear(): void };
  /** Which entry was open, so the next start opens it again. */
  lastOpen?: { read(): string | null; write(id: string): void };
}

/** The name a very first start gives the lecture's example. */
export const FIRST_NAME = '(x+y)·z';

const quote = (name: string): string => `“${name.length > 60 ? `${name.slice(0, 59)}…` : name}”`;

/** A graph with positions for every node: files without them are laid out first. */
async function positioned(graph: Graph, name: string): Promise<Graph> {
  // Laid out in the layout worker, with progress and Cancel: a big file never freezes the page.
  return graph.nodes.every((n) => n.position !== undefined) ? graph : tidy(graph, t('layoutJob.whatFile', { name }));
}

/**
 * Why the editor could not hold `graph`, or undefined when it can. The editor copies every graph it
 * loads (structuredClone), which a file nested thousands of levels deep in a kept extra field overflows.
 */
function unloadable(graph: Graph): string | undefined {
  try {
    structuredClone(graph);
    return undefined;
  } catch (error) {
    return t('library.tooDeep', { detail: message(error) });
  }
}

/**
 * The library of saved graphs, tied to one editor store. Every graph the editor shows belongs to one
 * entry: graphs are immutable, so a WeakMap from graph object to entry id follows the editor's undo
 * history across entries. Opening an entry, a link, an example or a file is an ordinary undoable load;
 * undoing it brings back the previous graph and, with it, the previous entry, which is never written
 * with another entry's graph.
 */
export function createLibrary(editor: EditorStore, options: LibraryOptions) {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 300;
  let storage = options.storage;
  const state = create<LibraryState>(() => ({ ready: false, entries: [], openId: undefined, save: { kind: 'saved' }, lastDeleted: undefined }));
  const owners = new WeakMap<Graph, string>();
  /** Entries re-created under a new id (their old one became a backup or vanished), old id to new. */
  const moved = new Map<string, string>();
  /** Names of entries ever seen, to re-create one the history still holds after it was deleted for good. */
  const names = new Map<string, string>();
  let pending: { id: string; graph: Graph } | undefined;
  /** The revision of each entry's text as this page last read or wrote it in storage. */
  const known = new Map<string, number>();
  /** Entries whose last write failed: the state holds text that storage may not. */
  const unstored = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | undefined;

  const say = (kind: 'info' | 'error', text: string): void => editor.getState().say(kind, text);
  const find = (id: string | undefined): LibraryEntry | undefined => state.getState().entries.find((e) => e.id === id);
  const openName = (): string => find(state.getState().openId)?.name ?? t('library.previous');

  /** Queues a storage write; writes run one after another, in order. A failure is shown until a write succeeds. */
  const write = (what: string, op: () => Promise<void>, id?: string): Promise<void> => {
    queue = queue.then(op).then(
      () => {
        if (id !== undefined) unstored.delete(id);
        if (pending === undefined && unstored.size === 0 && state.getState().save.kind !== 'memory') state.setState({ save: { kind: 'saved' } });
      },
      (error: unknown) => {
        if (id !== undefined) unstored.add(id);
        const text = t('library.notStored', { name: what, detail: message(error) });
        state.setState({ save: { kind: 'failed', text } });
        say('error', text);
      },
    );
    return queue;
  };

  /** Replaces entry `entry.id` in the list this page shows. */
  const setLocal = (entry: LibraryEntry): void => {
    names.set(entry.id, entry.name);
    const others = state.getState().entries.filter((e) => e.id !== entry.id);
    state.setState({ entries: [...others, entry] });
  };

  /** Stores a new entry. */
  const putEntry = (entry: LibraryEntry): Promise<void> => {
    setLocal(entry);
    return write(quote(entry.name), async () => {
      await storage.put(entry);
      known.set(entry.id, entry.revision ?? 0);
    }, entry.id);
  };

  /** Changes an entry's name, kind or trash mark, applied to what storage holds now (another tab may have saved its text since). */
  const changeEntry = (entry: LibraryEntry, change: (e: LibraryEntry) => LibraryEntry): void => {
    setLocal(change(entry));
    void write(quote(entry.name), () => storage.update(entry.id, (stored) => change(stored ?? entry)), entry.id);
  };

  /**
   * Writes a new text into an entry unless another tab wrote one since this page read it (its revision
   * moved on): then that text stays, and this page's goes into a new entry that the editor follows.
   */
  const saveText = (entry: LibraryEntry, text: string, nodes: number): void => {
    const next: LibraryEntry = { ...entry, text, nodes, updated: now() };
    setLocal(next);
    let theirs: LibraryEntry | undefined;
    void write(quote(entry.name), async () => {
      // Read when the write runs: the writes before it in the queue have moved the revision on.
      const expected = known.get(entry.id) ?? entry.revision ?? 0;
      await storage.update(entry.id, (stored) => {
        if (stored !== undefined && (stored.revision ?? 0) !== expected) {
          theirs = stored;
          return stored;
        }
        return { ...(stored ?? next), text, nodes, updated: next.updated, revision: expected + 1 };
      });
      if (theirs !== undefined) fork(theirs, next);
      else known.set(entry.id, expected + 1);
    }, entry.id);
  };

  /** Keeps both versions of an entry two tabs saved: theirs in the entry, this page's in a new one it now edits. */
  const fork = (theirs: LibraryEntry, mine: LibraryEntry): void => {
    const at = now();
    const copy: LibraryEntry = { ...mine, id: newEntryId(at), name: uniqueName(t('library.thisTab', { name: mine.name }), state.getState().entries), created: at, updated: at, revision: 0, trashed: undefined };
    setLocal(theirs);
    known.set(theirs.id, theirs.revision ?? 0);
    moved.set(theirs.id, copy.id);
    void putEntry(copy);
    if (state.getState().openId === theirs.id) setOpen(copy.id);
    say('info', t('library.conflict', { name: quote(theirs.name), copy: quote(copy.name) }));
  };

  const setOpen = (id: string): void => {
    state.setState({ openId: id });
    options.lastOpen?.write(id);
  };

  /** Turns an entry whose text cannot be read into a backup: the text stays exactly as it was. */
  const toBackup = (entry: LibraryEntry, why: string): LibraryEntry => {
    const toKept = (e: LibraryEntry): LibraryEntry => ({ ...e, kind: 'backup', note: why, nodes: undefined });
    changeEntry(entry, toKept);
    return toKept(entry);
  };

  /** Writes `graph` into entry `id` when its text changed; an unwritable graph is reported, never dropped silently. */
  const saveGraph = (id: string, graph: Graph): void => {
    const entry = find(resolve(id));
    if (entry === undefined || entry.kind !== 'graph') return;
    let text: string;
    try {
      text = serializeGraph(graph);
      // A text the reader would refuse must not replace a readable one: the next start could not open it.
      if (text !== entry.text) parseGraph(text, { lenient: true });
    } catch (error) {
      const why = t('library.notWritable', { name: quote(entry.name), detail: message(error) });
      state.setState({ save: { kind: 'failed', text: why } });
      say('error', why);
      return;
    }
    if (text === entry.text && !unstored.has(entry.id)) {
      const { kind } = state.getState().save;
      if ((kind === 'pending' || kind === 'failed') && unstored.size === 0) state.setState({ save: { kind: 'saved' } });
      return;
    }
    saveText(entry, text, graph.nodes.length);
  };

  const flushPending = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const job = pending;
    pending = undefined;
    if (job !== undefined) saveGraph(job.id, job.graph);
  };

  const schedule = (id: string, graph: Graph): void => {
    pending = { id, graph };
    if (state.getState().save.kind === 'saved') state.setState({ save: { kind: 'pending' } });
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flushPending, delay);
  };

  const resolve = (id: string): string => {
    let at = id;
    for (let hops = 0; moved.has(at) && hops < 100; hops++) at = moved.get(at)!;
    return at;
  };

  /** Makes entry `id` a live graph entry again (undo reached a graph of a trashed or deleted entry); returns its id. */
  const revive = (id: string): string => {
    const entry = find(id);
    if (entry !== undefined && entry.kind === 'graph') {
      if (entry.trashed !== undefined) changeEntry(entry, (e) => ({ ...e, trashed: undefined }));
      return id;
    }
    // Gone for good, or turned into a backup that must not be overwritten: the graph gets a new entry.
    const at = now();
    const fresh: LibraryEntry = { id: newEntryId(at), name: uniqueName(t('library.recovered', { name: names.get(id) ?? t('library.untitled') }), state.getState().entries), kind: 'graph', text: '', created: at, updated: at };
    moved.set(id, fresh.id);
    void putEntry(fresh);
    return fresh.id;
  };

  /** Follows the editor: each new graph belongs to the open entry; a graph from the history reopens its own entry. */
  const onEditor = (s: EditorState, prev: EditorState): void => {
    if (s.graph === prev.graph) return;
    const open = state.getState().openId;
    let owner = owners.get(s.graph);
    if (owner === undefined) {
      if (open === undefined) return;
      owner = open;
      owners.set(s.graph, owner);
    }
    owner = resolve(owner);
    if (owner !== open) {
      flushPending();
      owner = revive(owner);
      setOpen(owner);
    }
    schedule(owner, s.graph);
  };

  /** Shows `graph` as entry `id`'s, undoably: the graph shown before stays in its own entry. */
  const show = (id: string, graph: Graph, text: string): void => {
    flushPending();
    setOpen(id);
    if (graph.nodes.length > 0) {
      editor.getState().loadGraph(graph, text);
      return;
    }
    // An empty graph has nothing to fit: a queued fit would move the view when the first node is dropped.
    editor.getState().commit(structuredClone(graph));
    say('info', text);
  };

  const makeEntry = (name: string, graph: Graph, at = now()): LibraryEntry => {
    let text = '';
    // A graph that cannot be written still opens; its first autosave reports why it is not saved.
    try { text = serializeGraph(graph); } catch { text = ''; }
    return { id: newEntryId(at), name: uniqueName(name, state.getState().entries), kind: 'graph', text, created: at, updated: at, nodes: graph.nodes.length };
  };

  /** Opens `graph` as a new entry named `name` (links, examples, files, New); Undo returns to the previous graph. */
  const openAsNew = (graph: Graph, name: string, what: (entryName: string, previous: string) => string, reuse = true): LibraryEntry | string => {
    const why = unloadable(graph);
    if (why !== undefined) return why;
    const previous = openName();
    flushPending();
    const entry = makeEntry(name, graph);
    // The same example, lesson or file opened again, unedited: its entry opens instead of a copy piling up.
    const same = reuse && entry.text !== '' ? liveEntries(state.getState().entries).find((e) => e.kind === 'graph' && e.text === entry.text) : undefined;
    if (same !== undefined) {
      if (same.id === state.getState().openId) say('info', t('library.alreadyOpen', { name: quote(same.name) }));
      else show(same.id, graph, what(same.name, previous));
      return same;
    }
    void putEntry(entry);
    show(entry.id, graph, what(entry.name, previous));
    return entry;
  };

  /** Reads stored values; a value that is not an entry is kept as a backup of its JSON text. */
  const readStored = (raw: [string, unknown][]): LibraryEntry[] => raw.map(([key, value]) => {
    if (isEntry(value) && value.id === key) return value;
    let text: string;
    try { text = JSON.stringify(value) ?? String(value); } catch { text = String(value); }
    const at = now();
    const backup: LibraryEntry = { id: key, name: t('library.damagedEntry'), kind: 'backup', text, created: at, updated: at, note: t('library.notEntry') };
    void write(t('library.aDamagedEntry'), () => storage.put(backup));
    return backup;
  });

  /** Moves the pre-library autosave into the library; an unreadable one becomes a backup. Returns a notice for the user. */
  const migrateLegacy = async (): Promise<string | undefined> => {
    const text = options.legacy?.read();
    if (text === null || text === undefined) return undefined;
    const at = now();
    let entry: LibraryEntry;
    let notice: string | undefined;
    let graph: Graph | undefined;
    let why: string | undefined;
    try {
      graph = parseGraph(text, { lenient: true });
      why = unloadable(graph);
    } catch (error) {
      why = message(error);
    }
    if (graph !== undefined && why === undefined) {
      entry = { id: newEntryId(at), name: uniqueName(t('library.autosaved'), state.getState().entries), kind: 'graph', text, created: at, updated: at, nodes: graph.nodes.length };
    } else {
      why ??= 'unreadable';
      entry = { id: newEntryId(at), name: uniqueName(t('library.autosaveBackup'), state.getState().entries), kind: 'backup', text, created: at, updated: at, note: why };
      notice = t('library.legacyBackup', { detail: why.length > 160 ? `${why.slice(0, 159)}…` : why, name: quote(entry.name) });
    }
    await putEntry(entry);
    // Forget the old copy only once the library holds it.
    if (state.getState().save.kind !== 'failed') options.legacy?.clear();
    return notice;
  };

  /** The entry to open at start and its graph; unreadable entries on the way become backups (with a notice). */
  const pickStart = (notices: string[]): { id: string; graph: Graph } => {
    const last = options.lastOpen?.read() ?? undefined;
    for (;;) {
      const live = liveEntries(state.getState().entries).filter((e) => e.kind === 'graph');
      const entry = live.find((e) => e.id === last) ?? live[0];
      if (entry === undefined) {
        const graph = options.firstGraph ?? DEFAULT_GRAPH;
        const first = makeEntry(FIRST_NAME, graph);
        void putEntry(first);
        return { id: first.id, graph };
      }
      let why: string | undefined;
      try {
        const graph = parseGraph(entry.text, { lenient: true });
        why = unloadable(graph);
        if (why === undefined) return { id: entry.id, graph };
      } catch (error) {
        why = message(error);
      }
      toBackup(entry, why);
      notices.push(t('library.entryBackup', { name: quote(entry.name), detail: why }));
    }
  };

  const api = {
    /** The library's state, as a zustand hook. */
    state,

    /** Loads the library (migrating the old autosave), opens the last graph, then the share link in `hash` if any. */
    async start(hash = ''): Promise<void> {
      const notices: string[] = [];
      let raw: [string, unknown][];
      try {
        raw = await storage.list();
      } catch (error) {
        storage = memoryStorage();
        raw = [];
        const text = t('library.noStorage', { detail: message(error) });
        state.setState({ save: { kind: 'memory', text } });
        notices.push(text);
      }
      const entries = readStored(raw);
      for (const e of entries) {
        names.set(e.id, e.name);
        known.set(e.id, e.revision ?? 0);
      }
      state.setState({ entries });
      const legacyNotice = await migrateLegacy();
      if (legacyNotice !== undefined) notices.push(legacyNotice);
      const start = pickStart(notices);
      setOpen(start.id);
      // The first graph is no edit: nothing to undo.
      editor.getState().loadGraph(start.graph);
      editor.setState({ history: emptyHistory(), status: undefined });
      owners.set(editor.getState().graph, start.id);
      unsubscribe = editor.subscribe(onEditor);
      state.setState({ ready: true });
      if (hash !== '') api.openLink(hash);
      if (notices.length > 0) say('error', [...notices, ...(hash !== '' && editor.getState().status?.kind === 'info' ? [editor.getState().status!.text] : [])].join(' '));
    },

    /** Stops following the editor and writes what is pending. */
    async stop(): Promise<void> {
      unsubscribe?.();
      await api.flush();
    },

    /** Writes the pending autosave now and waits for every queued write. */
    async flush(): Promise<void> {
      flushPending();
      await queue;
    },

    /** Opens a saved graph (undoable: Undo returns to the graph that was open). */
    open(id: string): void {
      const entry = find(id);
      if (entry === undefined || entry.kind !== 'graph' || id === state.getState().openId) return;
      let graph: Graph | undefined;
      let why: string | undefined;
      try {
        graph = parseGraph(entry.text, { lenient: true });
        why = unloadable(graph);
      } catch (error) {
        why = message(error);
      }
      if (graph === undefined || why !== undefined) {
        toBackup(entry, why ?? 'unreadable');
        say('error', t('library.openFailed', { name: quote(entry.name), detail: why }));
        return;
      }
      const previous = openName();
      if (entry.trashed !== undefined) changeEntry(entry, (e) => ({ ...e, trashed: undefined }));
      show(id, graph, t('library.opened', { name: quote(entry.name), previous: quote(previous) }));
    },

    /** A new, empty graph in its own entry. */
    newEntry(): LibraryEntry {
      return openAsNew({ nodes: [], edges: [] }, t('library.untitled'), (name, previous) => t('library.created', { name: quote(name), previous: quote(previous) }), false) as LibraryEntry;
    },

    /** Opens a graph from elsewhere (an example) as a new entry; returns why not when the editor cannot hold it. */
    openGraph(graph: Graph, name: string, text: string): LibraryEntry | string {
      return openAsNew(graph, name, (entryName, previous) => t('library.savedAsNew', { text, name: quote(entryName), previous: quote(previous) }));
    },

    /** Validates a file's text and opens it as a new entry; returns the reader's message when it refuses. */
    async importText(text: string, fileName: string): Promise<string | undefined> {
      let graph: Graph;
      try {
        graph = await positioned(parseGraph(text), fileName);
      } catch (error) {
        if (error instanceof LayoutCancelled) throw error;
        return message(error);
      }
      const opened = openAsNew(graph, fileName.replace(/(\.gradflow)?\.json$/i, '') || fileName, (name, previous) => t('library.imported', { file: fileName, name: quote(name), previous: quote(previous) }));
      return typeof opened === 'string' ? opened : undefined;
    },

    /** Opens a share link's graph as a new entry; a broken link says so and changes nothing. Returns false when `hash` is no link. */
    openLink(hash: string): boolean {
      const found = graphFromHash(hash);
      if (found === undefined) return false;
      if ('error' in found) {
        say('error', found.error);
        return true;
      }
      let same = false;
      try { same = serializeGraph(found.graph) === serializeGraph(editor.getState().graph); } catch { same = false; }
      if (same) say('info', t('library.linkSame'));
      else {
        const opened = openAsNew(found.graph, t('library.shared'), (name, previous) => t('library.linkOpened', { name: quote(name), previous: quote(previous) }));
        if (typeof opened === 'string') say('error', t('library.linkFailed', { detail: opened }));
      }
      return true;
    },

    /** Renames an entry; an empty name is refused. */
    rename(id: string, name: string): void {
      const entry = find(id);
      const clean = name.replace(/\s+/g, ' ').trim().slice(0, 120);
      if (entry === undefined || clean === '' || clean === entry.name) return;
      changeEntry(entry, (e) => ({ ...e, name: clean }));
      say('info', t('library.renamed', { from: quote(entry.name), to: quote(clean) }));
    },

    /** Copies an entry under a new name; the copy is not opened. */
    duplicate(id: string): LibraryEntry | undefined {
      if (id === state.getState().openId) flushPending();
      const entry = find(id);
      if (entry === undefined) return undefined;
      const at = now();
      const copy: LibraryEntry = { ...entry, id: newEntryId(at), name: uniqueName(t('library.copyName', { name: entry.name }), state.getState().entries), created: at, updated: at, trashed: undefined, revision: 0 };
      void putEntry(copy);
      say('info', t('library.duplicated', { from: quote(entry.name), to: quote(copy.name) }));
      return copy;
    },

    /** Moves an entry to the trash; deleting the open one opens the most recent other graph (or a new one). */
    remove(id: string): void {
      const entry = find(id);
      if (entry === undefined || entry.trashed !== undefined) return;
      const wasOpen = id === state.getState().openId;
      if (wasOpen) flushPending();
      const at = now();
      changeEntry(entry, (e) => ({ ...e, trashed: at }));
      state.setState({ lastDeleted: { id, wasOpen } });
      const text = t('library.trashed', { name: quote(entry.name) });
      if (!wasOpen) {
        say('info', text);
        return;
      }
      const next = liveEntries(state.getState().entries).find((e) => e.kind === 'graph');
      let graph: Graph | undefined;
      try { graph = next === undefined ? undefined : parseGraph(next.text, { lenient: true }); } catch { graph = undefined; }
      if (next !== undefined && graph !== undefined) show(next.id, graph, t('library.trashedOpened', { text, name: quote(next.name) }));
      else openAsNew({ nodes: [], edges: [] }, t('library.untitled'), () => text, false);
    },

    /** Brings back what the last Delete moved to the trash (and opens it again when it was open). */
    undoDelete(): void {
      const last = state.getState().lastDeleted;
      if (last === undefined) return;
      state.setState({ lastDeleted: undefined });
      api.restore(last.id);
      if (last.wasOpen) api.open(last.id);
    },

    /** Takes an entry out of the trash. */
    restore(id: string): void {
      const entry = find(id);
      if (entry === undefined || entry.trashed === undefined) return;
      changeEntry(entry, (e) => ({ ...e, trashed: undefined }));
      say('info', t('library.restored', { name: quote(entry.name) }));
    },

    /** Deletes a trashed entry for good. */
    purge(id: string): Promise<void> {
      const entry = find(id);
      if (entry === undefined || entry.trashed === undefined) return Promise.resolve();
      state.setState({ entries: state.getState().entries.filter((e) => e.id !== id) });
      if (state.getState().lastDeleted?.id === id) state.setState({ lastDeleted: undefined });
      say('info', t('library.purged', { name: quote(entry.name) }));
      return write(quote(entry.name), () => storage.remove(id));
    },

    /** Every live entry, with the open one's latest graph written first (for Export all). */
    async snapshot(): Promise<LibraryEntry[]> {
      await api.flush();
      return liveEntries(state.getState().entries);
    },
  };
  return api;
}

/** A library bound to an editor store. */
export type Library = ReturnType<typeof createLibrary>;
