import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BIG_LAYOUT, compileNetwork, computeLayout, createNetwork, createRng, expandToScalarGraph, graphFromExpression, graphToExpression, layoutGraph, NODE_BOX, nodeBoxHeight, parseGraph,
  randomDag, randomGridDag, serializeGraph, type Graph, type GraphNode,
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

/** The boxes a layout reserves, by node id (NODE_BOX wide, nodeBoxHeight tall for the node's ports). */
function boxes(g: Graph, positions: Record<string, { x: number; y: number }>, width = NODE_BOX.width, height = NODE_BOX.height) {
  const ports = new Map<string, number>();
  for (const e of g.edges) ports.set(e.target, Math.max(ports.get(e.target) ?? 0, e.targetPort + 1));
  return new Map(g.nodes.map((n) => [n.id, { ...positions[n.id], w: width, h: nodeBoxHeight(Math.max(ports.get(n.id) ?? 0, n.op === 'input' || n.op === 'const' ? 0 : 1), height) }]));
}

/** True when the segment a–b passes through the inside of the box (touching its border does not count). */
function segmentHitsBox(a: { x: number; y: number }, b: { x: number; y: number }, box: { x: number; y: number; w: number; h: number }): boolean {
  // Liang–Barsky clipping against the box shrunk by half a pixel.
  const [x0, y0, x1, y1] = [box.x + 0.5, box.y + 0.5, box.x + box.w - 0.5, box.y + box.h - 0.5];
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [[-dx, a.x - x0], [dx, x1 - a.x], [-dy, a.y - y0], [dy, y1 - a.y]] as const) {
    if (p === 0) { if (q < 0) return false; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return t0 < t1;
}

/** "edge passes behind node" for every wire of a layout that crosses a node other than its own two. */
function wiresBehindNodes(g: Graph, layout: Awaited<ReturnType<typeof computeLayout>>): string[] {
  const box = boxes(g, layout.positions);
  const out: string[] = [];
  for (const e of g.edges) {
    const route = layout.routes[e.id];
    if (route === undefined) { out.push(`${e.id} has no route`); continue; }
    for (const [id, b] of box) {
      if (id === e.source || id === e.target) continue;
      for (let k = 1; k < route.length; k++) if (segmentHitsBox(route[k - 1], route[k], b)) { out.push(`${e.id} (${e.source} → ${e.target}) passes behind ${id}`); break; }
    }
  }
  return out;
}

describe('wires after a layout', () => {
  const cases: [string, () => Graph][] = [
    ['the fan-out example', () => parseGraph(readFileSync('public/examples/fan-out.json', 'utf8'))],
    ['an expression with shared subexpressions', () => graphFromExpression('sigmoid(x*w + b) * (x - b) + sigmoid(x*w + b) / (1 + exp(-x)) + x^2')],
    ['a 300-node random grid DAG with long wires', () => randomGridDag(createRng(11), 300, 12)],
    ['a 150-node random DAG with wide sums', () => randomDag(createRng(5), 150, { inputs: 8 })],
    [`a ${BIG_LAYOUT}-node random grid DAG (placed the quick way)`, () => randomGridDag(createRng(12), BIG_LAYOUT)],
  ];
  it.each(cases)('%s: every wire is routed, starts at its source, ends at its target, and passes behind no other node', async (_name, make) => {
    const g = make();
    const layout = await computeLayout(g);
    const box = boxes(g, layout.positions);
    for (const e of g.edges) {
      const route = layout.routes[e.id];
      expect(route, e.id).toBeDefined();
      const [first, last] = [route[0], route[route.length - 1]];
      // Out of the source's right side, into the target's left side.
      // (Ports are 1 px boxes on the border, so within a pixel or two.)
      expect(Math.abs(first.x - (box.get(e.source)!.x + NODE_BOX.width)), e.id).toBeLessThanOrEqual(2);
      expect(Math.abs(last.x - box.get(e.target)!.x), e.id).toBeLessThanOrEqual(2);
      expect(first.y).toBeGreaterThan(box.get(e.source)!.y);
      expect(last.y).toBeLessThan(box.get(e.target)!.y + box.get(e.target)!.h);
    }
    expect(wiresBehindNodes(g, layout)).toEqual([]);
  });

  it('the check finds a wire drawn straight through a node', () => {
    const g: Graph = {
      nodes: [{ id: 'a', op: 'input', value: 1 }, { id: 'b', op: 'neg' }, { id: 'c', op: 'neg' }],
      edges: [{ id: 'e1', source: 'a', target: 'c', targetPort: 0 }, { id: 'e2', source: 'a', target: 'b', targetPort: 0 }],
    };
    const positions = { a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, c: { x: 600, y: 0 } };
    const straight = { e1: [{ x: 150, y: 45 }, { x: 600, y: 45 }], e2: [{ x: 150, y: 45 }, { x: 300, y: 45 }] };
    expect(wiresBehindNodes(g, { positions, routes: straight })).toEqual(['e1 (a → c) passes behind b']);
    const around = { ...straight, e1: [{ x: 150, y: 45 }, { x: 200, y: 45 }, { x: 200, y: 120 }, { x: 550, y: 120 }, { x: 550, y: 45 }, { x: 600, y: 45 }] };
    expect(wiresBehindNodes(g, { positions, routes: around })).toEqual([]);
  });
});
