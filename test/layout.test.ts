import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, expandToScalarGraph, graphFromExpression, graphToExpression, layoutGraph, NODE_BOX, nodeBoxHeight, parseGraph,
  serializeGraph, type Graph, type GraphNode,
} from '../src/core';

const position = (g: Graph, id: string): { x: number; y: number } => {
  const p = g.nodes.find((n) => n.id === id)?.position;
  if (p === undefined) throw new Error(`no position for ${id}`);
  return p;
};

describe('layoutGraph', () => {
  it('lays out left to right: every edge goes rightwards, and returns a copy', async () => {
    const graph = graphFromExpression('(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)', { x: 3, y: -4 });
    const laid = await layoutGraph(graph);
    expect(graph.nodes.every((n) => n.position === undefined)).toBe(true);
    for (const e of laid.edges) expect(position(laid, e.source).x).toBeLessThan(position(laid, e.target).x);
    // Nothing overlaps: boxes of 120 x 56 at distinct places.
    const boxes = laid.nodes.map((n) => n.position as { x: number; y: number });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const apart = Math.abs(boxes[i].x - boxes[j].x) >= 120 || Math.abs(boxes[i].y - boxes[j].y) >= 56;
      expect(apart, `${laid.nodes[i].id} and ${laid.nodes[j].id} overlap`).toBe(true);
    }
    // Everything else is unchanged, and the result is a valid file.
    expect(laid.nodes.map(({ position: _p, ...rest }) => rest)).toEqual(graph.nodes);
    expect(laid.edges).toEqual(graph.edges);
    expect(() => parseGraph(serializeGraph(laid))).not.toThrow();
  });

  it.each(['x - y', 'y - x', 'a / b', 'b ^ c'])('respects port order for %s: port 0\'s source sits above port 1\'s', async (expr) => {
    const laid = await layoutGraph(graphFromExpression(expr));
    const target = laid.nodes.find((n) => n.output === true)?.id as string;
    const [first, second] = [0, 1].map((port) => laid.edges.find((e) => e.target === target && e.targetPort === port)?.source as string);
    expect(position(laid, first).y).toBeLessThan(position(laid, second).y);
  });

  it('handles an empty graph and a graph with dangling edges', async () => {
    expect(await layoutGraph({ nodes: [], edges: [] })).toEqual({ nodes: [], edges: [] });
    const laid = await layoutGraph({ nodes: [{ id: 'a', op: 'exp' }], edges: [{ id: 'e', source: 'ghost', target: 'a', targetPort: 0 }] });
    expect(laid.nodes[0].position).toBeDefined();
  });
});

/**
 * Pairs of nodes whose editor boxes overlap: NODE_BOX (about 150 x 90 px), drawn taller for a node
 * with many input ports, as nodeBoxHeight says.
 */
function overlaps(g: Graph): string[] {
  const out: string[] = [];
  const ports = new Map<string, number>();
  for (const e of g.edges) ports.set(e.target, Math.max(ports.get(e.target) ?? 0, e.targetPort + 1));
  const boxes = g.nodes.map((n) => ({ ...(n.position as { x: number; y: number }), h: nodeBoxHeight(ports.get(n.id) ?? 1) }));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    if (Math.abs(a.x - b.x) < NODE_BOX.width && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${g.nodes[i].id} ~ ${g.nodes[j].id}`);
  }
  return out;
}

/** A layered chain samples -> ... -> loss from [id, op, params] rows. */
function chain(rows: [string, GraphNode['op'], Record<string, number | string>?][]): Graph {
  return {
    nodes: rows.map(([id, op, params]) => ({ id, op, ...(params ? { params } : {}) })),
    edges: rows.slice(1).map(([id], k) => ({ id: `e${k + 1}`, source: rows[k][0], target: id, targetPort: 0 })),
  };
}

describe('layout of expanded and expression graphs', () => {
  it('uses the editor\'s node box by default, taller for many input ports', () => {
    expect(NODE_BOX).toEqual({ width: 150, height: 90 });
    // The editor draws a neuron's sum of 4 products and a bias (5 ports) about 148 px tall, of 3 and a bias 126.
    expect(nodeBoxHeight(1)).toBe(90);
    expect(nodeBoxHeight(2)).toBe(90);
    expect(nodeBoxHeight(4)).toBeGreaterThanOrEqual(126);
    expect(nodeBoxHeight(5)).toBeGreaterThanOrEqual(148);
  });

  it.each(['mse', 'cross_entropy', 'svm'] as const)('lays out a 4-3-2 expansion (%s) with no two node boxes overlapping', async (loss) => {
    const g = chain([
      ['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'sigmoid'], ['o', 'dense', { units: 2 }],
      ...(loss === 'cross_entropy' ? [['p', 'softmax'] as [string, GraphNode['op']]] : []), ['C', loss],
    ]);
    const network = createNetwork(compileNetwork(g, { classes: 2 }), createRng(3));
    const laid = await layoutGraph(expandToScalarGraph(g, network, { input: [0.1, 0.5, 0.9, 0], label: 1 }));
    // 4 inputs, 12 + 6 weights, 3 + 2 biases and their products and sums: the first layer's weights share a column.
    expect(laid.nodes.filter((n) => /^h\.w\d/.test(n.id)).length).toBe(12);
    expect(overlaps(laid)).toEqual([]);
    // The weights feeding one neuron sit one above the other, a full box plus the gap apart: the editor draws inputs about 117 px tall.
    const column = laid.nodes.filter((n) => /^h\.w\d/.test(n.id)).map((n) => n.position!.y).sort((p, q) => p - q);
    for (let k = 1; k < column.length; k++) expect(column[k] - column[k - 1]).toBeGreaterThanOrEqual(NODE_BOX.height + 40);
    for (const e of laid.edges) expect(position(laid, e.source).x + NODE_BOX.width, e.id).toBeLessThan(position(laid, e.target).x);
  });

  const examples = ['xyz', 'sigmoid-neuron-gates', 'sigmoid-neuron', 'staged', 'fan-out', 'svm-lecture'];
  it.each(examples)('lays out the %s example, and the graph of its expression, with no overlapping boxes', async (name) => {
    const file = parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));
    const unplaced: Graph = { ...file, nodes: file.nodes.map(({ position: _p, ...rest }) => rest) };
    const laid = await layoutGraph(unplaced);
    expect(overlaps(laid)).toEqual([]);
    const fromText = await layoutGraph(graphFromExpression(graphToExpression(file)));
    expect(fromText.nodes.length).toBeGreaterThan(2);
    expect(overlaps(fromText)).toEqual([]);
  });
});
