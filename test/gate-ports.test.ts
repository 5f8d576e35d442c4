import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect, parseGraph, portCount, type Graph } from '../src/core';
import { newFlowCache, toFlow } from '../src/ui/canvas/toFlow';
import { fuseSelection } from '../src/ui/lecture/fuse';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));
const flow = (graph: Graph) => toFlow({ graph, selectedNodes: new Set(), selectedEdges: new Set(), measured: {} }, newFlowCache());

describe('gates on the canvas', () => {
  it('a fused sigmoid gate shows exactly its one input port and its own symbol σ', () => {
    const { graph, gateId } = fuseSelection(example('sigmoid-neuron-gates'), ['neg', 'ex', 'den', 'f']);
    const gate = flow(graph).nodes.find((n) => n.id === gateId)!;
    expect(gate.data.ports).toHaveLength(1);
    expect(gate.data.ports[0].connected).toBe(true);
    expect(gate.data.symbol).toBe('σ');
    // The name line does not repeat the symbol.
    expect(gate.data.name).toBe(gateId);
  });

  it('a four-input gate (w0 x0 + w1 x1) has four ports, no spare, and a fifth connection is refused by the core', () => {
    const { graph, gateId } = fuseSelection(example('sigmoid-neuron-gates'), ['m0', 'm1', 's']);
    const gate = flow(graph).nodes.find((n) => n.id === gateId)!;
    expect(gate.data.ports.map((p) => p.connected)).toEqual([true, true, true, true]);
    expect(portCount(graph, gateId)).toBe(4);
    expect(gate.data.symbol).toBe('gate');
    const refused = connect(graph, 'w2', gateId, gate.data.ports.length);
    expect(refused.ok).toBe(false);
  });

  it('every node shows as many ports as the core allows: variadic add keeps one free port', () => {
    const graph = example('sigmoid-neuron-gates');
    for (const node of flow(graph).nodes) expect(node.data.ports.length).toBe(portCount(graph, node.id));
    const add = flow(graph).nodes.find((n) => n.data.op === 'add')!;
    const wired = graph.edges.filter((e) => e.target === add.id).length;
    expect(add.data.ports).toHaveLength(wired + 1);
    expect(add.data.ports.at(-1)!.connected).toBe(false);
  });
});
