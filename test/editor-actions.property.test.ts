import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphFromExpression, parseGraph, serializeGraph, type Graph } from '../src/core';
import { newFlowCache, toFlow, type FlowCache } from '../src/ui/canvas/toFlow';
import type { Library } from '../src/ui/library/library';
import { indexedDbStorage, type LibraryStorage } from '../src/ui/library/storage';
import type { EditorStore } from '../src/ui/store/store';
import { shareHash } from '../src/ui/store/persistence';
import { freshIndexedDb, makeApp } from './helpers/library';

// Random sequences of what a user does in the editor, through the same store and library calls the UI makes.
// After every step: the graph is one the validator accepts, React Flow's nodes and edges (toFlow) are exactly
// the graph's, and every saved graph is still there, changed only where the user changed it.

const EXPRESSIONS = ['(x+y)*z', 'relu(a) + max(b, c)', 'exp(a)*b', 'a + b + c + d', 'sigmoid(w0*x0 + w1*x1 + w2)', 'max(a, b) - c', 'a^b / (c + d)', '1e400*x', 'x*x + x', 'x +', 'foo(x)'];
const EXAMPLES = ['xyz.json', 'fan-out.json', 'staged.json', 'sigmoid-neuron-gates.json', 'sigmoid-neuron.json', 'svm-lecture.json'];
const BAD_FILES = [
  'not JSON at all',
  JSON.stringify({ format: 'gradflow.graph', version: 2, nodes: [] }),
  JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate' }] }),
  JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'exp' }, { id: 'b', op: 'exp' }], edges: [{ source: 'a', target: 'b', targetPort: 0 }, { source: 'b', target: 'a', targetPort: 0 }] }),
];

type Action =
  | { kind: 'expression'; text: string }
  | { kind: 'import'; file: string }
  | { kind: 'importBad'; index: number }
  | { kind: 'link'; text: string }
  | { kind: 'brokenLink' }
  | { kind: 'paste'; pick: number }
  | { kind: 'value'; pick: number; value: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'example'; file: string }
  | { kind: 'new' }
  | { kind: 'open'; pick: number }
  | { kind: 'delete' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('expression' as const), text: fc.constantFrom(...EXPRESSIONS) }),
  fc.record({ kind: fc.constant('import' as const), file: fc.constantFrom(...EXAMPLES) }),
  fc.record({ kind: fc.constant('importBad' as const), index: fc.nat(BAD_FILES.length - 1) }),
  fc.record({ kind: fc.constant('link' as const), text: fc.constantFrom(...EXPRESSIONS.slice(0, 9)) }),
  fc.constant({ kind: 'brokenLink' as const }),
  fc.record({ kind: fc.constant('paste' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('value' as const), pick: fc.nat(), value: fc.double({ min: -10, max: 10, noNaN: true }) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
  fc.record({ kind: fc.constant('example' as const), file: fc.constantFrom(...EXAMPLES) }),
  fc.constant({ kind: 'new' as const }),
  fc.record({ kind: fc.constant('open' as const), pick: fc.nat() }),
  fc.constant({ kind: 'delete' as const }),
);

const example = (file: string): string => readFileSync(`public/examples/${file}`, 'utf8');

async function perform(a: Action, editor: EditorStore, library: Library): Promise<void> {
  const s = editor.getState();
  switch (a.kind) {
    case 'expression': {
      // As the Expression box does: a refused expression changes nothing.
      let built: Graph | undefined;
      try { built = graphFromExpression(a.text); } catch { built = undefined; }
      if (built !== undefined) s.loadGraph(built);
      return;
    }
    case 'import': expect(await library.importText(example(a.file), a.file)).toBeUndefined(); return;
    case 'importBad': expect(await library.importText(BAD_FILES[a.index], 'bad.json')).toEqual(expect.any(String)); return;
    case 'link': library.openLink(shareHash(graphFromExpression(a.text))); return;
    case 'brokenLink': library.openLink('#graph=N4Ig-broken'); return;
    case 'paste': {
      const ids = s.graph.nodes.map((n) => n.id);
      if (ids.length === 0) return;
      s.select(ids.filter((_, k) => (a.pick >> (k % 16)) & 1 || k === a.pick % ids.length), []);
      editor.getState().copy();
      editor.getState().paste();
      return;
    }
    case 'value': {
      const inputs = s.graph.nodes.filter((n) => n.op === 'input');
      if (inputs.length > 0) s.setValue(inputs[a.pick % inputs.length].id, a.value);
      return;
    }
    case 'undo': s.undo(); return;
    case 'redo': s.redo(); return;
    case 'example': library.openGraph(parseGraph(example(a.file)), a.file, 'Loaded the example.'); return;
    case 'new': library.newEntry(); return;
    case 'open': {
      const graphs = library.state.getState().entries.filter((e) => e.kind === 'graph' && e.trashed === undefined);
      library.open(graphs[a.pick % graphs.length].id);
      return;
    }
    case 'delete': library.remove(library.state.getState().openId!); return;
    default: { const never: never = a; throw new Error(`unknown action ${JSON.stringify(never)}`); }
  }
}

/** The rendered-edge model: toFlow's nodes and edges are the graph's, every edge ends at a port its target draws. */
function expectFlowMatches(graph: Graph, cache: FlowCache): void {
  const flow = toFlow({ graph, selectedNodes: new Set(), selectedEdges: new Set(), measured: {} }, cache);
  expect(flow.nodes.map((n) => [n.id, n.data.op])).toEqual(graph.nodes.map((n) => [n.id, n.op]));
  expect(flow.edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle]))
    .toEqual(graph.edges.map((e) => [e.id, e.source, 'out', e.target, `in${e.targetPort}`]));
  const ports = new Map(flow.nodes.map((n) => [n.id, n.data.ports]));
  for (const e of graph.edges) {
    const drawn = ports.get(e.target)!;
    expect(e.targetPort).toBeLessThan(drawn.length);
    expect(drawn[e.targetPort].connected).toBe(true);
  }
}

type Saved = Map<string, { text: string; trashed?: number; kind: string }>;
const snapshot = async (storage: LibraryStorage): Promise<Saved> => new Map((await storage.list()).map(([k, v]) => [k, v as { text: string; trashed?: number; kind: string }]));

describe('random sequences of editor actions', () => {
  beforeEach(freshIndexedDb);

  it('keep the graph valid, the canvas model equal to it, and every saved graph', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
      freshIndexedDb();
      const storage = indexedDbStorage();
      const { editor, library } = makeApp(storage);
      await library.start();
      await library.flush();
      const cache = newFlowCache();
      // Graphs are immutable: a graph shown again (undo, redo) must come back with the entry it was shown in.
      const shownIn = new WeakMap<Graph, string>([[editor.getState().graph, library.state.getState().openId!]]);
      let before = await snapshot(storage);
      for (const a of actions) {
        await perform(a, editor, library);
        await library.flush();
        const graph = editor.getState().graph;
        // Valid: the file reader (lenient, as for work in progress) accepts the graph's own file and reads it back equal.
        const text = serializeGraph(graph);
        expect(parseGraph(text, { lenient: true })).toEqual(graph);
        expectFlowMatches(graph, cache);
        const after = await snapshot(storage);
        const open = library.state.getState().openId!;
        expect(after.get(open)?.text).toBe(text);
        expect(shownIn.get(graph) ?? open, `graph shown again by ${a.kind} in another entry`).toBe(open);
        shownIn.set(graph, open);
        for (const [id, was] of before) {
          const now = after.get(id);
          // Nothing disappears; a graph changes only while it is the open one.
          expect(now, `entry ${id} lost after ${a.kind}`).toBeDefined();
          if (id !== open) expect(now!.text, `entry ${id} changed by ${a.kind} while closed`).toBe(was.text);
          if (now!.trashed !== undefined && was.trashed === undefined) expect(a.kind).toBe('delete');
        }
        before = after;
      }
      await library.stop();
    }), { numRuns: 60 });
  });
});
