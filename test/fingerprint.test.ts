import { describe, expect, it } from 'vitest';
import { fuseSubgraph, graphFingerprint, graphFromExpression, type Graph } from '../src/core';

const base = graphFromExpression('x * y + 1', { x: 2, y: 3 });
const change = (graph: Graph, id: string, patch: Partial<Graph['nodes'][number]>): Graph => ({
  ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)),
});

describe('graphFingerprint: one fingerprint of what a computation depends on', () => {
  it('ignores positions, and labels unless asked', () => {
    expect(graphFingerprint(change(base, 'x', { position: { x: 500, y: 9 } }))).toBe(graphFingerprint(base));
    expect(graphFingerprint(change(base, 'x', { label: 'u' }))).toBe(graphFingerprint(base));
    expect(graphFingerprint(change(base, 'x', { label: 'u' }), { labels: true })).not.toBe(graphFingerprint(base, { labels: true }));
  });

  it('counts values (input values only when asked), operators, params, output, wiring, gates and the training seed', () => {
    const key = graphFingerprint(base);
    expect(graphFingerprint(change(base, 'x', { value: 4 }))).not.toBe(key);
    expect(graphFingerprint(change(base, 'x', { value: 4 }), { inputValues: false })).toBe(graphFingerprint(base, { inputValues: false }));
    expect(graphFingerprint(change(base, 'f', { op: 'mul' }))).not.toBe(key);
    expect(graphFingerprint({ ...base, edges: base.edges.map((e, k) => (k === 0 ? { ...e, targetPort: 1 } : k === 1 ? { ...e, targetPort: 0 } : e)) })).not.toBe(key);
    expect(graphFingerprint({ ...base, training: { seed: 2 } })).not.toBe(key);
    const fused = fuseSubgraph(base, ['n1', 'n2', 'f']);
    const changedInside = { ...fused, nodes: fused.nodes.map((n) => (n.gate === undefined ? n : { ...n, gate: { ...n.gate, nodes: n.gate.nodes.map((m) => (m.op === 'const' ? { ...m, value: 5 } : m)) } })) };
    expect(graphFingerprint(changedInside)).not.toBe(graphFingerprint(fused));
  });

  it('is computed once per graph object and options', () => {
    expect(graphFingerprint(base)).toBe(graphFingerprint(base));
    expect(graphFingerprint(base, { labels: true })).not.toBe(graphFingerprint(base));
  });
});
