import { describe, expect, it } from 'vitest';
import { graphFromExpression, layoutGraph, parseGraph, serializeGraph, type Graph } from '../src/core';

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
