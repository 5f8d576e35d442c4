/** What the library keeps, and the small pure rules about it (names, order, checking what storage hands back). */

/** A readable graph, or text that could not be read as one and is kept as it was. */
export type EntryKind = 'graph' | 'backup';

/** One saved graph of the library. */
export interface LibraryEntry {
  id: string;
  name: string;
  kind: EntryKind;
  /** The gradflow.graph file text (a graph), or the unreadable text exactly as it was found (a backup). */
  text: string;
  /** Milliseconds since 1970, when it was made and when its graph last changed. */
  created: number;
  updated: number;
  /** Number of nodes, shown in the list (graphs only). */
  nodes?: number;
  /** Why a backup could not be opened: the reader's message. */
  note?: string;
  /** When it was moved to the trash; absent while it is in the library. */
  trashed?: number;
  /** Counts the writes of `text`, so a page notices when another tab saved the entry since it read it. */
  revision?: number;
}

/** True for a value storage returned that has every field of an entry, typed right. */
export function isEntry(value: unknown): value is LibraryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.name === 'string' && (e.kind === 'graph' || e.kind === 'backup')
    && typeof e.text === 'string' && typeof e.created === 'number' && typeof e.updated === 'number'
    && (e.trashed === undefined || typeof e.trashed === 'number') && (e.note === undefined || typeof e.note === 'string')
    && (e.nodes === undefined || typeof e.nodes === 'number') && (e.revision === undefined || typeof e.revision === 'number');
}

/** `base`, or `base 2`, `base 3`, ... : the first name no live entry uses. */
export function uniqueName(base: string, entries: readonly LibraryEntry[]): string {
  const taken = new Set(entries.filter((e) => e.trashed === undefined).map((e) => e.name));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base} ${k}`)) k++;
  return `${base} ${k}`;
}

let counter = 0;
/** A fresh entry id: time and a counter, unique within a browser profile for practical purposes. */
export function newEntryId(now: number): string {
  counter = (counter + 1) % 1_000_000;
  return `g${now.toString(36)}-${counter.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** Most recently changed first; ties by name so the order is stable. */
export function byRecent(a: LibraryEntry, b: LibraryEntry): number {
  return b.updated - a.updated || a.name.localeCompare(b.name);
}

/** The live (not trashed) entries, most recent first. */
export const liveEntries = (entries: readonly LibraryEntry[]): LibraryEntry[] => entries.filter((e) => e.trashed === undefined).sort(byRecent);

/** The trashed entries, most recently trashed first. */
export const trashedEntries = (entries: readonly LibraryEntry[]): LibraryEntry[] =>
  entries.filter((e) => e.trashed !== undefined).sort((a, b) => (b.trashed ?? 0) - (a.trashed ?? 0));
