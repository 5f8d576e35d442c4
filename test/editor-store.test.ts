import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../src/ui/store/store';
import { DEFAULT_GRAPH } from '../src/ui/store/defaultGraph';
import { HISTORY_LIMIT } from '../src/ui/store/history';
import { graphFromHash, shareHash } from '../src/ui/store/persistence';
import { phaseLines } from '../src/ui/stepper/chainRule';
import { newFlowCache, toFlow } from '../src/ui/canvas/toFlow';
import { graphFromExpression, parseGraph, type Graph } from '../src/core';
import { fmt } from '../src/ui/format';
import { readFileSync } from 'node:fs';

const fanOut: Graph = graphFromExpression('x*x + x', { x: 3 });

const lines = (store: ReturnType<typeof createEditorStore>): string[] => {
  const s = store.getState();
  return phaseLines(s.graph, s.evaluation, s.phase, s.view);
};

describe('the editor store', () => {
  it('steps the backward pass of (x+y)*z node by node with the lecture numbers', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    const grads = () => ['e1', 'e2', 'e3', 'e4'].map((id) => store.getState().annotations.edges.get(id)!.grad);
    expect(grads()).toEqual([null, null, null, null]);
    expect(store.getState().annotations.edges.get('e3')!.value).toBe(3);
    store.getState().stepBackward();
    expect(grads()).toEqual([null, null, -4, 3]);
    expect(store.getState().view!.currentNode).toBe('f');
    expect(lines(store)).toEqual(['df/df = 1', 'df/dq = df/df * df/dq = 1 * -4 = -4', 'df/dz = df/df * df/dz = 1 * 3 = 3']);
    store.getState().stepBackward();
    expect(grads()).toEqual([-4, -4, -4, 3]);
    expect(lines(store)).toEqual(['df/dx = df/dq * dq/dx = -4 * 1 = -4', 'df/dy = df/dq * dq/dy = -4 * 1 = -4']);
    expect(store.getState().annotations.edges.get('e1')).toMatchObject({ localGrad: 1, upstream: -4, emphasis: true });
    store.getState().runBackward();
    expect(lines(store)).toEqual(['Backward pass complete: df/dx = -4, df/dy = -4, df/dz = 3']);
    expect(['x', 'y', 'z', 'q', 'f'].map((id) => store.getState().annotations.nodes.get(id)!.grad)).toEqual([-4, -4, 3, -4, 1]);
    // Further steps stay at the end; Reset hides the gradients again.
    store.getState().stepBackward();
    expect(store.getState().phase).toEqual({ kind: 'backward', done: 5 });
    store.getState().resetSteps();
    expect(grads()).toEqual([null, null, null, null]);
  });

  it('steps the forward pass, revealing values in topological order', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    store.getState().stepForward();
    const shown = () => ['x', 'y', 'z', 'q', 'f'].filter((id) => store.getState().annotations.nodes.get(id)!.value !== null);
    expect(shown()).toHaveLength(1);
    for (let k = 0; k < 4; k++) store.getState().stepForward();
    expect(shown()).toEqual(['x', 'y', 'z', 'q', 'f']);
    expect(lines(store)).toEqual(['f = q * z = 3 * -4 = -12']);
  });

  it('shows a fan-out sum as it accumulates', () => {
    const store = createEditorStore(fanOut);
    const x = () => store.getState().annotations.nodes.get('x')!;
    const notes: (string | null)[] = [];
    const sums: (number | null)[] = [];
    for (let k = 0; k < 3; k++) {
      store.getState().stepBackward();
      notes.push(x().gradNote);
      sums.push(x().grad);
    }
    // f = x*x + x at x = 3: the add sends 1 straight to x, then the mul sends 3 and 3: 2x + 1 = 7.
    expect(notes).toEqual(['1 of 3 edges', 'sum of 3 edges', 'sum of 3 edges']);
    expect(sums).toEqual([1, 7, 7]);
    store.getState().resetSteps();
    store.getState().stepBackward();
    store.getState().stepBackward();
    expect(lines(store).some((l) => l.includes('x fans out') && l.includes('so far 7 (3 of 3)'))).toBe(true);
  });

  it('resets the pass and re-evaluates on any edit', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    store.getState().runBackward();
    store.getState().setValue('x', 1);
    const s = store.getState();
    expect(s.phase).toEqual({ kind: 'values' });
    expect(s.annotations.edges.get('e3')).toMatchObject({ value: 6, grad: null });
    // Labels whose numbers did not change keep their identity (they are not rewritten).
    store.getState().setValue('z', 2);
    expect(store.getState().annotations.edges.get('e1')).toBe(s.annotations.edges.get('e1'));
    expect(store.getState().annotations.edges.get('e4')).not.toBe(s.annotations.edges.get('e4'));
  });

  it('undoes typing into one field as one edit, and every other edit on its own', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    for (const v of [1, 12, 125]) store.getState().setValue('x', v);
    store.getState().setValue('y', 7);
    store.getState().setParam('q', 'nope', 1); // refused: add has no parameters
    expect(store.getState().status?.text).toMatch(/no parameter 'nope'/);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().graph.nodes[1].value).toBe(5);
    expect(store.getState().graph.nodes[0].value).toBe(125);
    store.getState().undo();
    expect(store.getState().graph).toBe(DEFAULT_GRAPH);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().graph.nodes.map((n) => n.value)).toEqual([125, 7, -4, undefined, undefined]);
  });

  it('undoes a whole node drag at once and keeps the evaluation while dragging', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    const evaluation = store.getState().evaluation;
    for (let k = 1; k <= 5; k++) store.getState().dragNodes(new Map([['x', { x: 10 * k, y: 0 }]]), false);
    store.getState().dragNodes(new Map(), true);
    expect(store.getState().evaluation).toBe(evaluation);
    expect(store.getState().graph.nodes[0].position).toEqual({ x: 50, y: 0 });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('refuses a bad connection with a reason and keeps the graph', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    expect(store.getState().connect('f', 'q', 2)).toBe(false);
    expect(store.getState().status).toMatchObject({ kind: 'error', text: 'Connection refused: that would make a cycle: q → f → q' });
    expect(store.getState().graph).toBe(DEFAULT_GRAPH);
    expect(store.getState().connect('z', 'q', 2)).toBe(true);
    expect(store.getState().annotations.nodes.get('q')!.value).toBe(-1);
  });

  it('pastes copies further and further apart, and deletes a selection as one edit', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    store.getState().select(['x', 'q'], []);
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const added = store.getState().graph.nodes.slice(5);
    expect(added.map((n) => [n.id, n.position])).toEqual([
      ['x1', { x: 40, y: 40 }], ['add1', { x: 300, y: 100 }], ['x2', { x: 80, y: 80 }], ['add2', { x: 340, y: 140 }],
    ]);
    expect(store.getState().selectedNodes).toEqual(['x2', 'add2']);
    store.getState().removeSelection();
    expect(store.getState().graph.nodes).toHaveLength(7);
    store.getState().undo();
    expect(store.getState().graph.nodes).toHaveLength(9);
  });

  it('keeps at most HISTORY_LIMIT undo steps; New is undoable', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    for (let k = 0; k < HISTORY_LIMIT + 20; k++) store.getState().setOutput(k % 2 === 0 ? 'q' : 'f');
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    store.getState().newGraph();
    expect(store.getState().graph.nodes).toEqual([]);
    expect(store.getState().evaluation?.outputId).toBeUndefined();
    store.getState().stepBackward();
    expect(store.getState().status?.text).toMatch(/No backward pass/);
    store.getState().undo();
    expect(store.getState().graph.nodes).toHaveLength(5);
  });
});

describe('toFlow', () => {
  it('derives nodes and edges, reusing unchanged objects and whole arrays', () => {
    const cache = newFlowCache();
    const input = { graph: DEFAULT_GRAPH, selectedNodes: new Set<string>(), selectedEdges: new Set<string>(), measured: {} };
    const first = toFlow(input, cache);
    expect(first.nodes.map((n) => [n.id, n.data.ports.length])).toEqual([['x', 0], ['y', 0], ['z', 0], ['q', 3], ['f', 3]]);
    expect(first.edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([['x', 'q', 'in0'], ['y', 'q', 'in1'], ['q', 'f', 'in0'], ['z', 'f', 'in1']]);
    const again = toFlow(input, cache);
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
    const selected = toFlow({ ...input, selectedNodes: new Set(['q']) }, cache);
    expect(selected.nodes[3]).not.toBe(first.nodes[3]);
    expect(selected.nodes[3].selected).toBe(true);
    expect(selected.nodes[0]).toBe(first.nodes[0]);
    expect(selected.edges).toBe(first.edges);
  });
});

describe('share links', () => {
  it('round-trip a graph and refuse a damaged one', () => {
    const hash = shareHash(DEFAULT_GRAPH);
    expect(hash.startsWith('#graph=')).toBe(true);
    const back = graphFromHash(hash);
    expect(back).toEqual({ graph: DEFAULT_GRAPH });
    expect(graphFromHash('#graph=%%%')).toMatchObject({ error: expect.stringMatching(/broken/) });
    expect(graphFromHash(hash.slice(0, 40))).toMatchObject({ error: expect.stringMatching(/share link is broken/) });
    expect(graphFromHash('#other')).toBeUndefined();
  });
});

describe('numbers on the canvas', () => {
  it('show 4 significant digits, exact integers, and spell out non-finite values', () => {
    expect([fmt(-4), fmt(0.19661193324148188), fmt(-0.534446645388523), fmt(1e-7), fmt(NaN), fmt(-Infinity), fmt(12345678.5)])
      .toEqual(['-4', '0.1966', '-0.5344', '1.00e-7', 'NaN', '-∞', '1.23e+7']);
  });

});

describe('a layered graph on the scalar canvas', () => {
  it('shows vector lengths instead of NaN and refuses to step', () => {
    const graph = parseGraph(readFileSync('public/examples/mnist-nielsen.json', 'utf8'));
    const store = createEditorStore(graph);
    const edges = [...store.getState().annotations.edges.values()];
    expect(edges.map((e) => e.shape)).toEqual(['784', '30', '30', '10', '10']);
    expect(edges.every((e) => e.value === null && e.grad === null)).toBe(true);
    store.getState().runBackward();
    expect(store.getState().phase).toEqual({ kind: 'values' });
    expect(store.getState().status?.text).toMatch(/layered graph/);
  });
});
