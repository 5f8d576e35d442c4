import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BIG_LAYOUT, compileNetwork, computeLayout, createNetwork, createRng, expandToScalarGraph, fastLayeredLayout, graphFromExpression, graphToExpression, layoutGraph, NODE_BOX, nodeBoxHeight, parseGraph,
  randomDag, randomGridDag, serializeGraph, type Graph, type GraphNode,
} from '../src/core';
import { chain } from './helpers/graphs';

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
    // Only boxes that meet the route's bounding box can be crossed (this keeps the check quick on 3,000 nodes).
    const xs = route.map((p) => p.x);
    const ys = route.map((p) => p.y);
    const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const [id, b] of box) {
      if (id === e.source || id === e.target) continue;
      if (b.x >= right || b.x + b.w <= left || b.y >= bottom || b.y + b.h <= top) continue;
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
    ['a 3,000-node random grid DAG (the fast layered layout)', () => randomGridDag(createRng(13), 3000)],
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

describe('the fast layered layout (graphs of BIG_LAYOUT nodes and more)', () => {
  // x feeds a and, past a and b, the third port of d; y only feeds d. Layers: x 0, a 1, b 2, d 3, and y
  // (a source) right next to its user, in layer 2.
  const tiny: Graph = {
    nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'a', op: 'neg' }, { id: 'b', op: 'sin' }, { id: 'y', op: 'input', value: 2 }, { id: 'd', op: 'add' }],
    edges: [
      { id: 'e1', source: 'x', target: 'a', targetPort: 0 }, { id: 'e2', source: 'a', target: 'b', targetPort: 0 },
      { id: 'e3', source: 'b', target: 'd', targetPort: 0 }, { id: 'e4', source: 'x', target: 'd', targetPort: 1 },
      { id: 'e5', source: 'y', target: 'd', targetPort: 2 },
    ],
  };

  it('puts a tiny graph in its known layers and routes the long wire through the gaps of the layers it crosses', () => {
    const { positions, routes } = fastLayeredLayout(tiny);
    // Columns 150 wide with gaps of 100: layer l starts at x = 250 l.
    expect(Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, p.x]))).toEqual({ x: 0, a: 250, b: 500, y: 500, d: 750 });
    // Layer 2 in port order: b (port 0), x's wire (port 1), y (port 2), a node gap of 40 between b and y less the wire's slot.
    expect(positions.b.y).toBeLessThan(positions.y.y);
    const e4 = routes.e4;
    expect(e4.length).toBe(6);
    expect(e4[0]).toEqual({ x: 150, y: positions.x.y + 45 });
    // Across layers 1 and 2 horizontally, clear of a's and of b's and y's boxes.
    expect(e4.slice(1, 5).map((p) => p.x)).toEqual([250, 400, 500, 650]);
    expect(e4[1].y).toBe(e4[2].y);
    expect(e4[3].y).toBe(e4[4].y);
    expect(e4[1].y >= positions.a.y + 90 || e4[1].y <= positions.a.y).toBe(true);
    expect(e4[3].y).toBeGreaterThanOrEqual(positions.b.y + 90);
    expect(e4[3].y).toBeLessThanOrEqual(positions.y.y);
    // Into d's second of three ports: d is nodeBoxHeight(3) = 110 tall, ports at quarters.
    expect(e4[5]).toEqual({ x: 750, y: positions.d.y + Math.round(110 / 2) });
    expect(routes.e3).toEqual([{ x: 650, y: positions.b.y + 45 }, { x: 750, y: positions.d.y + Math.round(110 / 4) }]);
    expect(routes.e1.length).toBe(2);
  });

  it('honours the spacing options', () => {
    const { positions } = fastLayeredLayout(tiny, { nodeWidth: 100, layerGap: 50, nodeGap: 20 });
    expect([positions.x.x, positions.a.x, positions.b.x, positions.d.x]).toEqual([0, 150, 300, 450]);
  });

  it('lays out a graph with a cycle without hanging, and routes every edge', () => {
    const g: Graph = {
      nodes: [{ id: 'p', op: 'neg' }, { id: 'q', op: 'neg' }, { id: 'r', op: 'neg' }],
      edges: [{ id: 'a', source: 'p', target: 'q', targetPort: 0 }, { id: 'b', source: 'q', target: 'r', targetPort: 0 }, { id: 'c', source: 'r', target: 'p', targetPort: 0 }],
    };
    const { positions, routes } = fastLayeredLayout(g);
    expect(new Set(Object.values(positions).map((p) => p.x)).size).toBe(3);
    expect(Object.keys(routes).sort()).toEqual(['a', 'b', 'c']);
  });

  it(`is what computeLayout uses from ${BIG_LAYOUT} nodes on`, async () => {
    const g = randomGridDag(createRng(12), BIG_LAYOUT);
    expect(await computeLayout(g)).toEqual(fastLayeredLayout(g));
  });
});
