import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphFromExpression, parseGraph, serializeGraph } from '../src/core';
import { DEFAULT_GRAPH } from '../src/ui/store/defaultGraph';
import { shareHash } from '../src/ui/store/persistence';
import { liveEntries, trashedEntries, type LibraryEntry } from '../src/ui/library/entries';
import { libraryZip, zipNames } from '../src/ui/library/exportAll';
import { FIRST_NAME } from '../src/ui/library/library';
import { indexedDbStorage, memoryStorage, type LibraryStorage } from '../src/ui/library/storage';
import { freshIndexedDb, makeApp } from './helpers/library';

const stored = async (storage: LibraryStorage) => new Map((await storage.list()).map(([k, v]) => [k, v as { name: string; kind: string; text: string; trashed?: number; note?: string }]));

describe('the library of saved graphs (IndexedDB through idb-keyval)', () => {
  beforeEach(freshIndexedDb);

  it('starts with the lecture example as its one entry, with nothing to undo', async () => {
    const { editor, library } = makeApp();
    await library.start();
    await library.flush();
    const entries = library.state.getState().entries;
    expect(entries.map((e) => e.name)).toEqual([FIRST_NAME]);
    expect(parseGraph(entries[0].text)).toEqual(DEFAULT_GRAPH);
    expect(editor.getState().graph).toEqual(DEFAULT_GRAPH);
    expect(editor.getState().history.past).toHaveLength(0);
    expect(library.state.getState().save).toEqual({ kind: 'saved' });
  });

  it('autosaves every edit into the open entry, and a restart opens it again', async () => {
    const storage = indexedDbStorage();
    const first = makeApp(storage);
    await first.library.start();
    first.editor.getState().setValue('x', 0.125);
    expect(first.library.state.getState().save.kind).toBe('pending');
    await first.library.flush();
    const saved = [...(await stored(storage)).values()];
    expect(saved).toHaveLength(1);
    expect(parseGraph(saved[0].text).nodes.find((n) => n.id === 'x')!.value).toBe(0.125);
    const again = makeApp(storage, first.slots);
    await again.library.start();
    expect(again.editor.getState().graph).toEqual(first.editor.getState().graph);
    expect(again.library.state.getState().openId).toBe(first.library.state.getState().openId);
  });

  it('opens a share link as a new entry; Undo returns to the previous graph, whose entry stays as it was', async () => {
    const storage = indexedDbStorage();
    const { editor, library } = makeApp(storage);
    await library.start();
    editor.getState().setValue('x', 7);
    await library.flush();
    const before = editor.getState().graph;
    const home = library.state.getState().openId!;
    const shared = graphFromExpression('a*b', { a: 2, b: 3 });
    expect(library.openLink(shareHash(shared))).toBe(true);
    expect(editor.getState().graph).toEqual(shared);
    const link = library.state.getState().openId!;
    expect(link).not.toBe(home);
    expect(editor.getState().status?.text).toBe('Opened the share link as “Shared graph”. Undo returns to “(x+y)·z”.');
    editor.getState().undo();
    expect(editor.getState().graph).toBe(before);
    expect(library.state.getState().openId).toBe(home);
    editor.getState().redo();
    expect(library.state.getState().openId).toBe(link);
    editor.getState().undo();
    // An edit after the undo goes into the first graph's entry; the link's entry keeps the link's graph.
    editor.getState().setValue('y', -1);
    await library.flush();
    const all = await stored(storage);
    expect(parseGraph(all.get(link)!.text)).toEqual(shared);
    expect(parseGraph(all.get(home)!.text).nodes.map((n) => n.value)).toEqual([7, -1, -4, undefined, undefined]);
  });

  it('opens a link whose graph is the open one without making a copy, and a broken link loads nothing', async () => {
    const { editor, library } = makeApp();
    await library.start();
    library.openLink(shareHash(editor.getState().graph));
    expect(library.state.getState().entries).toHaveLength(1);
    expect(editor.getState().status?.text).toBe('The share link shows the graph that is open.');
    const graph = editor.getState().graph;
    library.openLink('#graph=N4Ig-broken');
    expect(editor.getState().graph).toBe(graph);
    expect(editor.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/share link is broken/) });
    expect(library.openLink('#elsewhere')).toBe(false);
  });

  it('moves a readable old autosave into the library and forgets the old copy', async () => {
    const graph = graphFromExpression('exp(a)', { a: 1 });
    const { editor, library, slots } = makeApp(indexedDbStorage(), { legacy: serializeGraph(graph), lastOpen: null });
    await library.start();
    expect(editor.getState().graph).toEqual(graph);
    expect(library.state.getState().entries.map((e) => [e.name, e.kind])).toEqual([['Autosaved graph', 'graph']]);
    expect(slots.legacy).toBeNull();
  });

  const deep = (n: number) => '{"format":"gradflow.graph","version":1,"nodes":[],"x":' + '['.repeat(n) + ']'.repeat(n) + '}';
  const damaged: [string, string, RegExp][] = [
    ['garbage', 'this is not JSON {', /invalid JSON/],
    ['a newer version', JSON.stringify({ format: 'gradflow.graph', version: 2, nodes: [] }), /newer gradflow \(format version 2/],
    ['an unknown op', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate' }] }), /unknown op "frobnicate"/],
    ['200,000-deep nesting', deep(200_000), /nested|deep|depth/i],
    ['a 4 MB string', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: 'x'.repeat(4_000_000) }), /"nodes" must be an array/],
  ];
  it.each(damaged)('keeps a damaged old autosave (%s) as a backup, byte for byte, and says so', async (_, text, why) => {
    const storage = indexedDbStorage();
    const { editor, library, slots } = makeApp(storage, { legacy: text, lastOpen: null });
    await library.start();
    await library.flush();
    const backup = library.state.getState().entries.find((e) => e.kind === 'backup')!;
    expect(backup.name).toBe('Autosave backup');
    expect(backup.text === text).toBe(true);
    expect(backup.note).toMatch(why);
    expect((await stored(storage)).get(backup.id)!.text === text).toBe(true);
    expect(editor.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/Your autosaved graph could not be opened .* kept unchanged as the backup “Autosave backup”/) });
    // The editor still starts, on a graph of its own; the old copy is dropped only now that the library holds it.
    expect(editor.getState().graph).toEqual(DEFAULT_GRAPH);
    expect(slots.legacy).toBeNull();
  });

  it('keeps an entry that stopped being readable (or a value that is no entry) as a backup', async () => {
    const storage = indexedDbStorage();
    const t = 1000;
    await storage.put({ id: 'a', name: 'From the future', kind: 'graph', text: '{"format":"gradflow.graph","version":3,"nodes":[]}', created: t, updated: t + 1 });
    const { editor, library } = makeApp(storage);
    const odd = { id: 'b', name: 42 };
    await (await import('idb-keyval')).set('b', odd, (await import('idb-keyval')).createStore('gradflow', 'library'));
    await library.start();
    await library.flush();
    const all = await stored(storage);
    expect(all.get('a')).toMatchObject({ kind: 'backup', note: expect.stringMatching(/format version 3/) });
    expect(all.get('b')).toMatchObject({ kind: 'backup', text: JSON.stringify(odd) });
    expect(editor.getState().status?.text).toMatch(/“From the future” could not be opened/);
  });

  it('stores a graph with an infinite constant, and reopens it after a restart', async () => {
    const storage = indexedDbStorage();
    const first = makeApp(storage);
    await first.library.start();
    first.editor.getState().loadGraph(graphFromExpression('1e400*x', { x: 2 }));
    await first.library.flush();
    expect(first.library.state.getState().save).toEqual({ kind: 'saved' });
    const again = makeApp(storage, first.slots);
    await again.library.start();
    expect(again.editor.getState().graph.nodes.find((n) => n.op === 'const')!.value).toBe(Infinity);
  });

  it('says so when a write fails, and keeps saying it until one succeeds', async () => {
    const inner = memoryStorage();
    let fail = false;
    const quota = () => Promise.reject(new Error('QuotaExceededError'));
    const storage: LibraryStorage = {
      persistent: true, list: () => inner.list(), remove: (id) => inner.remove(id),
      put: (e) => (fail ? quota() : inner.put(e)), update: (id, change) => (fail ? quota() : inner.update(id, change)),
    };
    const { editor, library } = makeApp(storage);
    await library.start();
    fail = true;
    editor.getState().setValue('x', 1);
    await library.flush();
    expect(library.state.getState().save).toEqual({ kind: 'failed', text: 'Not saved: could not store “(x+y)·z” (QuotaExceededError). Export it to keep it.' });
    expect(editor.getState().status).toMatchObject({ kind: 'error', text: expect.stringMatching(/^Not saved/) });
    // Undoing back to the stored graph is not "saved" while the failed text may be all storage lacks: it is written again.
    fail = false;
    editor.getState().setValue('x', 2);
    await library.flush();
    expect(library.state.getState().save).toEqual({ kind: 'saved' });
    expect(parseGraph(((await inner.list())[0][1] as { text: string }).text).nodes[0].value).toBe(2);
  });

  it('keeps the last readable graph, and says why, when an edit made one the reader would refuse', async () => {
    const storage = indexedDbStorage();
    const { editor, library } = makeApp(storage);
    await library.start();
    const dense = editor.getState().addNode('dense', { x: 0, y: 0 });
    await library.flush();
    const good = [...(await stored(storage)).values()][0].text;
    expect(parseGraph(good, { lenient: true }).nodes.some((n) => n.op === 'dense')).toBe(true);
    // A parameter the file format refuses (a layer size of 0.5), set through the store.
    editor.getState().setParam(dense, 'units', 0.5);
    await library.flush();
    expect(library.state.getState().save).toMatchObject({ kind: 'failed', text: expect.stringMatching(/^Not saved: .*units.*whole number/) });
    expect(editor.getState().status?.kind).toBe('error');
    expect([...(await stored(storage)).values()][0].text).toBe(good);
    editor.getState().setParam(dense, 'units', 3);
    await library.flush();
    expect(library.state.getState().save).toEqual({ kind: 'saved' });
  });

  it('keeps both versions when two tabs edit the same graph: theirs in the entry, this tab’s in a new one', async () => {
    const storage = indexedDbStorage();
    const one = makeApp(storage);
    await one.library.start();
    const shared = one.library.state.getState().openId!;
    const two = makeApp(storage, { legacy: null, lastOpen: shared });
    await two.library.start();
    expect(two.library.state.getState().openId).toBe(shared);
    one.editor.getState().setValue('x', 10);
    await one.library.flush();
    // The second tab read the entry before the first saved: its save must not overwrite the first tab's.
    two.editor.getState().setValue('y', 20);
    await two.library.flush();
    const all = await stored(storage);
    expect(parseGraph(all.get(shared)!.text).nodes.map((n) => n.value).slice(0, 2)).toEqual([10, 5]);
    const forked = two.library.state.getState().openId!;
    expect(forked).not.toBe(shared);
    expect(all.get(forked)!.name).toBe('(x+y)·z (this tab)');
    expect(parseGraph(all.get(forked)!.text).nodes.map((n) => n.value).slice(0, 2)).toEqual([-2, 20]);
    expect(two.editor.getState().status?.text).toBe('“(x+y)·z” was changed in another tab: that version stays there, and this tab’s is saved as “(x+y)·z (this tab)”.');
    // Further edits in the second tab go into its own entry; a rename there keeps the first tab's text.
    two.editor.getState().setValue('y', 21);
    two.library.rename(shared, 'renamed elsewhere');
    await two.library.flush();
    const after = await stored(storage);
    expect(parseGraph(after.get(forked)!.text).nodes[1].value).toBe(21);
    expect(after.get(shared)).toMatchObject({ name: 'renamed elsewhere' });
    expect(parseGraph(after.get(shared)!.text).nodes[0].value).toBe(10);
    // The first tab goes on saving into the entry it has open.
    one.editor.getState().setValue('x', 11);
    await one.library.flush();
    expect(parseGraph((await stored(storage)).get(shared)!.text).nodes[0].value).toBe(11);
  });

  it('opens an example again in its own entry while unedited, and as a new entry once edited', async () => {
    const { editor, library } = makeApp();
    await library.start();
    const example = parseGraph(readFileSync('public/examples/fan-out.json', 'utf8'));
    const first = library.openGraph(example, 'Fan-out', 'Loaded the example.') as LibraryEntry;
    library.open(library.state.getState().entries.find((e) => e.name === '(x+y)·z')!.id);
    expect(library.openGraph(example, 'Fan-out', 'Loaded the example.')).toMatchObject({ id: first.id });
    expect(library.state.getState().openId).toBe(first.id);
    expect(library.openGraph(example, 'Fan-out', 'Loaded the example.')).toMatchObject({ id: first.id });
    expect(editor.getState().status?.text).toBe('“Fan-out” is open already.');
    editor.getState().setValue('x', 4);
    await library.flush();
    const again = library.openGraph(example, 'Fan-out', 'Loaded the example.') as LibraryEntry;
    expect(again.name).toBe('Fan-out 2');
    expect(liveEntries(library.state.getState().entries).map((e) => e.name).sort()).toEqual(['(x+y)·z', 'Fan-out', 'Fan-out 2']);
  });

  it('falls back to memory, and says nothing is saved, when IndexedDB cannot be opened', async () => {
    const broken: LibraryStorage = { persistent: true, list: () => Promise.reject(new Error('IndexedDB is disabled')), put: () => Promise.resolve(), update: () => Promise.resolve(), remove: () => Promise.resolve() };
    const { editor, library } = makeApp(broken);
    await library.start();
    expect(library.state.getState().save).toMatchObject({ kind: 'memory', text: expect.stringMatching(/not being saved.*IndexedDB is disabled/) });
    expect(editor.getState().graph).toEqual(DEFAULT_GRAPH);
    editor.getState().setValue('x', 3);
    await library.flush();
    expect(library.state.getState().save.kind).toBe('memory');
  });

  it('New, Rename, Duplicate, Delete, Undo delete, Restore and Delete for good', async () => {
    const storage = indexedDbStorage();
    const { editor, library } = makeApp(storage);
    await library.start();
    const first = library.state.getState().openId!;
    const fresh = library.newEntry();
    expect(editor.getState().graph).toEqual({ nodes: [], edges: [] });
    expect(fresh.name).toBe('Untitled');
    expect(library.newEntry().name).toBe('Untitled 2');
    library.rename(fresh.id, '  my   graph ');
    library.rename(fresh.id, '   ');
    const copy = library.duplicate(first)!;
    expect(copy.name).toBe('(x+y)·z copy');
    expect(parseGraph(copy.text)).toEqual(DEFAULT_GRAPH);
    await library.flush();
    const names = () => liveEntries(library.state.getState().entries).map((e) => e.name).sort();
    expect(names()).toEqual(['(x+y)·z', '(x+y)·z copy', 'Untitled 2', 'my graph']);
    // Deleting the open entry opens the most recent other one; Undo delete brings it back, open again.
    const open = library.state.getState().openId!;
    library.remove(open);
    expect(library.state.getState().openId).not.toBe(open);
    expect(trashedEntries(library.state.getState().entries).map((e) => e.name)).toEqual(['Untitled 2']);
    library.undoDelete();
    expect(library.state.getState().openId).toBe(open);
    expect(trashedEntries(library.state.getState().entries)).toEqual([]);
    // Delete, then the editor's Undo: the graph comes back and its entry with it.
    library.remove(open);
    editor.getState().undo();
    expect(library.state.getState().openId).toBe(open);
    expect(trashedEntries(library.state.getState().entries)).toEqual([]);
    // A closed entry goes to the trash and can be restored or deleted for good.
    library.remove(copy.id);
    library.restore(copy.id);
    library.remove(copy.id);
    await library.purge(copy.id);
    await library.flush();
    expect((await stored(storage)).has(copy.id)).toBe(false);
    expect(names()).toEqual(['(x+y)·z', 'Untitled 2', 'my graph']);
    expect([...(await stored(storage)).values()].map((e) => e.name).sort()).toEqual(['(x+y)·z', 'Untitled 2', 'my graph']);
  });

  it('exports every entry in one zip with unique, safe file names', async () => {
    const { library } = makeApp(indexedDbStorage(), { legacy: 'garbage', lastOpen: null });
    await library.start();
    library.duplicate(library.state.getState().openId!);
    library.rename(library.duplicate(library.state.getState().openId!)!.id, 'a/b: c?');
    const entries = await library.snapshot();
    const files = unzipSync(libraryZip(entries));
    expect(Object.keys(files).sort()).toEqual(['(x+y)·z copy.gradflow.json', '(x+y)·z.gradflow.json', 'Autosave backup.backup.txt', 'a_b_ c_.gradflow.json']);
    expect(strFromU8(files['Autosave backup.backup.txt'])).toBe('garbage');
    expect(parseGraph(strFromU8(files['(x+y)·z.gradflow.json']))).toEqual(DEFAULT_GRAPH);
    const lecture = entries.find((e) => e.name === '(x+y)·z')!;
    expect(zipNames([lecture, lecture, { ...lecture, name: '..' }])).toEqual(['(x+y)·z.gradflow.json', '(x+y)·z (2).gradflow.json', 'graph.gradflow.json']);
  });
});
