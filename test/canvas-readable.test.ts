import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraph, portCount } from '../src/core';
import { NODE_WIDTH, nodeMinHeight, portTop, wirePoint } from '../src/ui/canvas/geometry';
import { placeLabels, type PlacedEdge, type PlacedNode } from '../src/ui/canvas/labelPlacement';
import { LOD_ZOOM, lodOf } from '../src/ui/canvas/lod';
import { fitZoom, readableFocus, viewportOn, type ViewNode } from '../src/ui/canvas/readableView';

const LABEL = { width: 60, height: 32 };

/** The example's nodes and edges as placement sees them. */
function example(file: string): { nodes: PlacedNode[]; edges: PlacedEdge[] } {
  const graph = parseGraph(readFileSync(`public/examples/${file}`, 'utf8'));
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, position: n.position!, ports: portCount(graph, n.id) })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, port: e.targetPort })),
  };
}

/** Label boxes (a little smaller than the room reserved) at the spots placeLabels chose. */
function labelBoxes({ nodes, edges }: { nodes: PlacedNode[]; edges: PlacedEdge[] }) {
  const spots = placeLabels(nodes, edges);
  const at = new Map(nodes.map((n) => [n.id, n]));
  return edges.map((e) => {
    const s = at.get(e.source)!;
    const t = at.get(e.target)!;
    const spot = spots.get(e.id)!;
    const p = wirePoint(s.position.x + NODE_WIDTH + 5, s.position.y + nodeMinHeight(s.ports) / 2, t.position.x - 5, t.position.y + portTop(e.port, t.ports, nodeMinHeight(t.ports)), spot.t);
    return { id: e.id, x: p.x - LABEL.width / 2, y: p.y + spot.dy - LABEL.height / 2 };
  });
}

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.abs(a.x - b.x) < LABEL.width && Math.abs(a.y - b.y) < LABEL.height;

describe('edge label placement', () => {
  it('keeps apart the labels of the fan-out example, whose x feeds two ports of one node and a third edge', () => {
    const boxes = labelBoxes(example('fan-out.json'));
    expect(boxes).toHaveLength(4);
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
  });

  it('keeps apart the labels of every shipped scalar example', () => {
    for (const file of ['xyz.json', 'sigmoid-neuron-gates.json', 'sigmoid-neuron.json', 'staged.json', 'svm-lecture.json']) {
      const boxes = labelBoxes(example(file));
      const clashes = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `${a.id}/${b.id}`));
      expect(clashes, file).toEqual([]);
    }
  });

  it('puts a lone edge at the middle of its wire', () => {
    const spots = placeLabels(
      [{ id: 'a', position: { x: 0, y: 0 }, ports: 0 }, { id: 'b', position: { x: 400, y: 0 }, ports: 1 }],
      [{ id: 'e', source: 'a', target: 'b', port: 0 }],
    );
    expect(spots.get('e')).toEqual({ t: 0.5, dy: 0 });
  });
});

describe('level of detail', () => {
  it('changes level only at the thresholds', () => {
    expect([1.25, 0.9, 0.89, 0.75, 0.74, 0.41, 0.4, 0.25, 0.2].map(lodOf))
      .toEqual(['full', 'full', 'mid', 'mid', 'compact', 'compact', 'symbols', 'symbols', 'outline']);
    // The smallest text of each level (10 px full, 12 px mid, 22 px compact numbers, 40 px symbols) stays at 9 px or more.
    expect(10 * LOD_ZOOM.full).toBeGreaterThanOrEqual(9);
    expect(12 * LOD_ZOOM.mid).toBeGreaterThanOrEqual(9);
    expect(22 * LOD_ZOOM.compact).toBeGreaterThanOrEqual(9);
    expect(40 * LOD_ZOOM.symbols).toBeGreaterThanOrEqual(9);
  });
});

describe('opening a graph readable', () => {
  const pane = { width: 874, height: 600 };
  const padding = { top: 0.08, right: 0.08, bottom: '142px', left: 0.08 } as const;
  const chain = (n: number): ViewNode[] => Array.from({ length: n }, (_x, k) => ({ id: `n${k}`, x: k * 210, y: 0, width: 124, height: 90 }));
  const links = (n: number) => Array.from({ length: n - 1 }, (_x, k) => ({ source: `n${k}`, target: `n${k + 1}` }));

  it('fits a graph that reads whole', () => {
    expect(readableFocus(chain(3), links(3), 'n2', pane, padding, 0.75, 0.9)).toBeUndefined();
  });

  it('opens a long chain on its output and as many inputs as fit at the focus zoom', () => {
    const nodes = chain(12);
    const focus = readableFocus(nodes, links(12), 'n11', pane, padding, 0.75, 0.9)!;
    expect(focus[0]).toBe('n11');
    expect(focus).toContain('n10');
    expect(focus).not.toContain('n0');
    const chosen = nodes.filter((n) => focus.includes(n.id));
    expect(fitZoom(chosen, pane, padding)).toBeGreaterThanOrEqual(0.9);
    // One more node upstream would not fit.
    const next = nodes[11 - focus.length];
    expect(fitZoom([...chosen, next], pane, padding)).toBeLessThan(0.9);
    // Aligned right: the output's right edge sits at the right padding, the far inputs off screen to the left.
    const vp = viewportOn(nodes, chosen, pane, padding, 0.9, true);
    expect((nodes[11].x + 124) * 0.9 + vp.x).toBeCloseTo(pane.width * 0.92, 5);
    expect(nodes[0].x * 0.9 + vp.x).toBeLessThan(0);
  });
});

describe('toolbar overflow', () => {
  it('keeps every group when they fit on the rows, else leaves room for More on the last row', async () => {
    const { fitCount } = await import('../src/ui/toolbar/useOverflow');
    // Two rows of 500 px after 100 px of toggles: 300 + 100 fill row one, 250 + 200 row two.
    expect(fitCount([300, 100, 250, 200], 500, 100, 2, 80)).toBe(4);
    // One more group: not all fit, so row two keeps 80 px for More and holds only the 250.
    expect(fitCount([300, 100, 250, 200, 60], 500, 100, 2, 80)).toBe(3);
    // One row (a phone): the toggles and More, and what fits between them.
    expect(fitCount([300, 100, 250], 500, 100, 1, 80)).toBe(1);
    expect(fitCount([400], 300, 100, 1, 80)).toBe(0);
  });
});
