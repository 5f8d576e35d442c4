import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addNode, compileProgram, opDef, connect, evaluate, extractSubgraph, gradOf, moveNodes, OP_NAMES, OPS, pasteSubgraph,
  parseGraph, portCount, removeEdges, removeNodes, setLabel, setOutput, setParam, setValue, valueOf,
  type Graph, type OpName,
} from '../src/core';

const empty: Graph = { nodes: [], edges: [] };

/** Builds (x+y)*z with edits alone, as the editor does when the user drags and wires. */
function buildXyz(): Graph {
  let g = empty;
  for (const [id, value] of [['x', -2], ['y', 5], ['z', -4]] as const) g = addNode(g, 'input', { id, value }).graph;
  g = addNode(g, 'add', { id: 'q' }).graph;
  g = addNode(g, 'mul', { id: 'f' }).graph;
  for (const [s, t, p] of [['x', 'q', 0], ['y', 'q', 1], ['q', 'f', 0], ['z', 'f', 1]] as const) {
    const r = connect(g, s, t, p);
    if (!r.ok) throw new Error(r.message);
    g = r.graph;
  }
  return g;
}

describe('graph edits', () => {
  it('build (x+y)*z that evaluates to the lecture numbers', () => {
    const ev = evaluate(buildXyz());
    expect(valueOf(ev, 'f')).toBe(-12);
    expect([gradOf(ev, 'x'), gradOf(ev, 'y'), gradOf(ev, 'z'), gradOf(ev, 'q')]).toEqual([-4, -4, 3, -4]);
  });

  it('give new nodes fresh ids, default values and default params', () => {
    let g = empty;
    const a = addNode(g, 'input'); g = a.graph;
    const b = addNode(g, 'input'); g = b.graph;
    const c = addNode(g, 'const'); g = c.graph;
    const s = addNode(g, 'scale', { position: { x: 10, y: 20 } }); g = s.graph;
    expect([a.id, b.id, c.id, s.id]).toEqual(['x1', 'x2', 'c1', 'scale1']);
    expect(g.nodes.map((n) => n.value)).toEqual([0, 0, 1, undefined]);
    expect(g.nodes[3].params).toEqual({ a: 2 });
    expect(g.nodes[3].position).toEqual({ x: 10, y: 20 });
    expect(() => addNode(g, 'add', { id: 'x1' })).toThrow(/already exists/);
  });

  it('never mutate their input and keep untouched nodes identical', () => {
    const g = buildXyz();
    const frozen = JSON.stringify(g);
    const moved = moveNodes(g, new Map([['x', { x: 5, y: 6 }]]));
    const valued = setValue(moved, 'y', 7);
    removeNodes(valued, ['q']);
    expect(JSON.stringify(g)).toBe(frozen);
    expect(valued.nodes[2]).toBe(g.nodes[2]);
    expect(valued.nodes[0].position).toEqual({ x: 5, y: 6 });
    expect(valueOf(evaluate(valued), 'f')).toBe(-20);
  });

  it('store a typed -0 as 0, as a file holds it, so a save and reload change nothing', () => {
    const g = setValue(addNode(empty, 'input', { id: 'x', value: 1 }).graph, 'x', -0);
    expect(Object.is(g.nodes[0].value, 0)).toBe(true);
    expect(Object.is(parseGraph('{"format":"gradflow.graph","version":1,"nodes":[{"id":"x","op":"input","value":-0}],"edges":[]}', { lenient: true }).nodes[0].value, 0)).toBe(true);
  });

  it('refuse a self-loop', () => {
    const r = connect(buildXyz(), 'q', 'q', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.kind).toBe('self-loop');
      expect(r.message).toMatch(/cannot feed itself/);
    }
  });

  it('refuse a cycle and name it', () => {
    const r = connect(buildXyz(), 'f', 'q', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toEqual({ kind: 'cycle', path: ['q', 'f', 'q'] });
      expect(r.message).toBe('that would make a cycle: q → f → q');
    }
  });

  it('refuse a port that is taken, naming the port and its source', () => {
    let g = buildXyz();
    g = addNode(g, 'sub', { id: 'd' }).graph;
    const first = connect(g, 'x', 'd', 0);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const r = connect(first.graph, 'y', 'd', 0);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toMatchObject({ kind: 'port-taken', port: 0, sourceId: 'x' });
      expect(r.message).toBe("input a of 'd' is already wired to 'x'; delete that edge first");
    }
  });

  it('refuse ports out of range and inputs into leaves', () => {
    const g = buildXyz();
    const leaf = connect(g, 'q', 'x', 0);
    expect(leaf.ok).toBe(false);
    if (!leaf.ok) expect(leaf.message).toBe("'x' (Input) takes no inputs");
    const far = connect(g, 'x', 'f', 5);
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.refusal).toEqual({ kind: 'port-out-of-range', nodeId: 'f', port: 5, ports: 3 });
    const missing = connect(g, 'nope', 'f', 2);
    expect(!missing.ok && missing.refusal.kind).toBe('missing-node');
  });

  it('grow a free port on add and mul as ports fill, and close gaps on removal', () => {
    let g = buildXyz();
    expect(portCount(g, 'q')).toBe(3);
    expect(portCount(g, 'x')).toBe(0);
    g = addNode(g, 'input', { id: 'w', value: 10 }).graph;
    const r = connect(g, 'w', 'q', 2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    g = r.graph;
    expect(portCount(g, 'q')).toBe(4);
    expect(valueOf(evaluate(g), 'q')).toBe(13);
    // Removing y (port 1) moves w from port 2 to port 1: no unconnected hole is left.
    g = removeNodes(g, ['y']);
    expect(g.edges.filter((e) => e.target === 'q').map((e) => [e.source, e.targetPort])).toEqual([['x', 0], ['w', 1]]);
    expect(valueOf(evaluate(g), 'q')).toBe(8);
    expect(compileProgram(g).issues).toEqual([]);
  });

  it('remove edges and leave the port unconnected for fixed-arity nodes', () => {
    let g = addNode(buildXyz(), 'sub', { id: 'd' }).graph;
    for (const [s, p] of [['x', 0], ['z', 1]] as const) {
      const r = connect(g, s, 'd', p);
      if (r.ok) g = r.graph;
    }
    g = setOutput(g, 'd');
    expect(valueOf(evaluate(g), 'd')).toBe(2);
    const toB = g.edges.find((e) => e.target === 'd' && e.targetPort === 1)!;
    g = removeEdges(g, [toB.id]);
    const ev = evaluate(g, { lenient: true });
    expect(Number.isNaN(valueOf(ev, 'd'))).toBe(true);
    expect(ev.program.issues.map((i) => i.message)).toContain("input port 1 of node 'd' (sub) has no edge");
  });

  it('set params, labels and the output mark', () => {
    let g = addNode(empty, 'input', { id: 'x', value: 3 }).graph;
    g = addNode(g, 'scale', { id: 's' }).graph;
    const r = connect(g, 'x', 's', 0);
    if (!r.ok) throw new Error(r.message);
    g = setParam(r.graph, 's', 'a', -1.5);
    expect(valueOf(evaluate(g), 's')).toBe(-4.5);
    expect(gradOf(evaluate(g), 'x')).toBe(-1.5);
    expect(() => setParam(g, 's', 'c', 1)).toThrow(/no parameter 'c'/);
    expect(() => setValue(g, 's', 1)).toThrow(/no value/);
    g = setLabel(g, 'x', 'input x');
    expect(g.nodes[0].label).toBe('input x');
    expect(setLabel(g, 'x', '').nodes[0].label).toBeUndefined();
    g = setOutput(g, 'x');
    expect(g.nodes.filter((n) => n.output).map((n) => n.id)).toEqual(['x']);
    g = setOutput(g, 's');
    expect(g.nodes.filter((n) => n.output).map((n) => n.id)).toEqual(['s']);
  });

  it('paste a copied subgraph with fresh ids, inner edges only, shifted', () => {
    const g = moveNodes(buildXyz(), new Map([['x', { x: 0, y: 0 }], ['q', { x: 100, y: 40 }]]));
    const clip = extractSubgraph(g, ['x', 'y', 'q']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    const pasted = pasteSubgraph(g, clip, { x: 30, y: 30 });
    expect(pasted.nodeIds).toEqual(['x1', 'x2', 'add1']);
    expect(pasted.edgeIds).toEqual(['e5', 'e6']);
    const added = pasted.graph.nodes.slice(5);
    expect(added.map((n) => [n.id, n.value, n.label])).toEqual([['x1', -2, undefined], ['x2', 5, undefined], ['add1', undefined, undefined]]);
    expect(added[2].position).toEqual({ x: 130, y: 70 });
    expect(pasted.graph.edges.slice(4).map((e) => [e.source, e.target, e.targetPort])).toEqual([['x1', 'add1', 0], ['x2', 'add1', 1]]);
    // The copy evaluates on its own: its sum is 3 like q's.
    const ev = evaluate(setOutput(pasted.graph, 'f'), { lenient: true });
    expect(valueOf(ev, 'add1')).toBe(3);
  });

  it('keep every graph built from random edits valid (fast-check)', () => {
    const ops = OP_NAMES.filter((op) => opDef(op).layer === undefined || opDef(op).forward !== undefined);
    const action = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), op: fc.constantFrom(...ops) }),
      fc.record({ kind: fc.constant('connect' as const), s: fc.nat(40), t: fc.nat(40), p: fc.nat(4) }),
      fc.record({ kind: fc.constant('remove' as const), i: fc.nat(40) }),
      fc.record({ kind: fc.constant('cut' as const), i: fc.nat(60) }),
    );
    fc.assert(fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
      let g = empty;
      for (const a of actions) {
        const n = g.nodes.length;
        if (a.kind === 'add') g = addNode(g, a.op as OpName, { value: 0.5 }).graph;
        else if (a.kind === 'remove' && n > 0) g = removeNodes(g, [g.nodes[a.i % n].id]);
        else if (a.kind === 'cut' && g.edges.length > 0) g = removeEdges(g, [g.edges[a.i % g.edges.length].id]);
        else if (a.kind === 'connect' && n > 0) {
          const r = connect(g, g.nodes[a.s % n].id, g.nodes[a.t % n].id, a.p);
          if (r.ok) g = r.graph;
          else if (r.refusal.kind === 'cycle') expect(r.refusal.path[0]).toBe(r.refusal.path[r.refusal.path.length - 1]);
        }
      }
      // Lenient compilation throws only on cycles, duplicate ids or bad edges: edits must never make one.
      const program = compileProgram(g, { lenient: true });
      for (const issue of program.issues) expect(issue.message).not.toMatch(/two edges|has \d+ input|takes no inputs/);
      for (const node of g.nodes) {
        const ports = g.edges.filter((e) => e.target === node.id).map((e) => e.targetPort).sort((a, b) => a - b);
        expect(new Set(ports).size).toBe(ports.length);
        if (OPS[node.op].arity.kind === 'fixed') expect(ports.every((p) => p < (OPS[node.op].arity as { count: number }).count)).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
