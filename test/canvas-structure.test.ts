import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEditorStore } from '../src/ui/store/store';
import { DEFAULT_GRAPH } from '../src/ui/store/defaultGraph';
import { onlyValuesChanged, structureSelector } from '../src/ui/canvas/structure';
import { newFlowCache, toFlow } from '../src/ui/canvas/toFlow';
import { graphFromExpression, type Graph } from '../src/core';

const flowOf = (graph: Graph) =>
  toFlow({ graph, selectedNodes: new Set(), selectedEdges: new Set(), measured: {} }, newFlowCache());

describe('the canvas structure selector', () => {
  it('keeps the graph it returned while only input values change, and the numbers still move', () => {
    const store = createEditorStore(DEFAULT_GRAPH);
    const select = structureSelector();
    const first = select(store.getState());
    store.getState().setValue('x', 7);
    store.getState().setValue('y', -1.5);
    expect(select(store.getState())).toBe(first);
    // The store itself has the new graph and the new numbers: q = x + y = 5.5 on the edge q -> f.
    expect(store.getState().graph).not.toBe(first);
    const qf = store.getState().graph.edges.find((e) => e.source === 'q')!;
    expect(store.getState().annotations.edges.get(qf.id)!.value).toBe(5.5);
  });

  it('hands over a new graph for every edit the canvas draws: params, labels, wires, moves, removals', () => {
    const graph = graphFromExpression('2*x + y', { x: 1, y: 2 });
    const store = createEditorStore(graph);
    const select = structureSelector();
    let seen = select(store.getState());
    const expectNew = (what: string) => {
      const now = select(store.getState());
      expect(now, what).not.toBe(seen);
      expect(now, what).toBe(store.getState().graph);
      seen = now;
    };
    const leaf = store.getState().graph.nodes.find((n) => n.op === 'input')!.id;
    store.getState().setLabel(leaf, 'w');
    expectNew('label');
    store.getState().dragNodes(new Map([[leaf, { x: 500, y: 40 }]]), true);
    expectNew('move');
    const scaled = store.getState().addNode('scale', { x: 0, y: 300 });
    expectNew('add');
    store.getState().setParam(scaled, 'a', 3);
    expectNew('param');
    expect(store.getState().connect(leaf, scaled, 0)).toBe(true);
    expectNew('connect');
    store.getState().remove([scaled], []);
    expectNew('remove');
    // And a value edit after all that keeps the last one.
    store.getState().setValue(leaf, 4);
    expect(select(store.getState())).toBe(seen);
  });

  it('a graph differing only in leaf values draws the same React Flow nodes and edges (property)', () => {
    const graph = graphFromExpression('(a*b + c) * tanh(a - d)', { a: 1, b: 2, c: 3, d: 4 });
    const leaves = graph.nodes.filter((n) => typeof n.value === 'number').map((n) => n.id);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...leaves), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 6 }), (edits) => {
      const store = createEditorStore(graph);
      for (const [id, v] of edits) store.getState().setValue(id, v);
      const next = store.getState().graph;
      expect(onlyValuesChanged(graph, next)).toBe(true);
      // What the canvas would draw from the kept graph equals what it would draw from the edited one.
      expect(flowOf(next)).toEqual(flowOf(graph));
    }), { numRuns: 60 });
  });

  it('tells a value edit from one that turns a number into no number', () => {
    const graph = graphFromExpression('x + 1', { x: 2 });
    const x = graph.nodes.find((n) => n.id === 'x')!;
    const without = { ...graph, nodes: graph.nodes.map((n) => (n === x ? { ...x, value: undefined } : n)) };
    expect(onlyValuesChanged(graph, without)).toBe(false);
    const moved = { ...graph, nodes: graph.nodes.map((n) => (n === x ? { ...x, value: 5, position: { x: 1, y: 2 } } : n)) };
    expect(onlyValuesChanged(graph, moved)).toBe(false);
    expect(onlyValuesChanged(graph, { ...graph, edges: [...graph.edges] })).toBe(false);
  });
});
