import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomDag, seeded } from './helpers/graphs';
import { evaluate, fuseSubgraph, GraphError, gradOf, parseGraph, serializeGraph, unfuseGate, valueOf, type Graph } from '../src/core';

/** The lecture's sigmoid neuron from gates (topic 18): w = [2, −3, −3], x = [−1, −2]. */
function neuron(): Graph {
  const leaf = (id: string, value: number, y: number) => ({ id, op: 'input' as const, value, label: id, position: { x: 0, y } });
  return {
    nodes: [
      leaf('w0', 2, 0), leaf('x0', -1, 60), leaf('w1', -3, 120), leaf('x1', -2, 180), leaf('w2', -3, 240),
      { id: 'm0', op: 'mul', position: { x: 150, y: 30 } },
      { id: 'm1', op: 'mul', position: { x: 150, y: 150 } },
      { id: 'a1', op: 'add', position: { x: 300, y: 90 } },
      { id: 'a2', op: 'add', position: { x: 450, y: 150 }, label: 'dot' },
      { id: 'n', op: 'scale', params: { a: -1 }, position: { x: 600, y: 150 } },
      { id: 'e', op: 'exp', position: { x: 750, y: 150 } },
      { id: 'o', op: 'offset', params: { c: 1 }, position: { x: 900, y: 150 } },
      { id: 'f', op: 'inv', position: { x: 1050, y: 150 }, output: true, extra: { note: 'kept' } },
    ],
    edges: [
      { id: 'e1', source: 'w0', target: 'm0', targetPort: 0 },
      { id: 'e2', source: 'x0', target: 'm0', targetPort: 1 },
      { id: 'e3', source: 'w1', target: 'm1', targetPort: 0 },
      { id: 'e4', source: 'x1', target: 'm1', targetPort: 1 },
      { id: 'e5', source: 'm0', target: 'a1', targetPort: 0 },
      { id: 'e6', source: 'm1', target: 'a1', targetPort: 1 },
      { id: 'e7', source: 'a1', target: 'a2', targetPort: 0 },
      { id: 'e8', source: 'w2', target: 'a2', targetPort: 1, label: 'bias' },
      { id: 'e9', source: 'a2', target: 'n', targetPort: 0 },
      { id: 'e10', source: 'n', target: 'e', targetPort: 0 },
      { id: 'e11', source: 'e', target: 'o', targetPort: 0 },
      { id: 'e12', source: 'o', target: 'f', targetPort: 0 },
    ],
    extra: { viewport: { x: 0, y: 0, zoom: 1 } },
  };
}

const sigmoidChain = ['n', 'e', 'o', 'f'];
const wholeChain = ['m0', 'm1', 'a1', 'a2', 'n', 'e', 'o', 'f'];

/** |x - y| within `tol` relative to the larger magnitude (absolute below 1): a fused gate sums in another order. */
function expectClose(x: number, y: number, tol: number): void {
  expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(x), Math.abs(y)));
}

/** Every node and edge gradient that exists in both evaluations agrees to `tol` (values too); returns how many were compared. */
function expectSameGradients(a: Graph, b: Graph, tol: number): number {
  const ea = evaluate(a);
  const eb = evaluate(b);
  let compared = 0;
  b.nodes.forEach((node, i) => {
    const j = ea.program.index.get(node.id);
    if (j === undefined || a.nodes[j].op !== node.op) return;
    expectClose(eb.grads[i], ea.grads[j], tol);
    expectClose(eb.values[i], ea.values[j], tol);
    compared++;
  });
  b.edges.forEach((edge, k) => {
    const gate = b.nodes.find((n) => n.id === edge.target && n.op === 'gate' && !a.nodes.some((m) => m.id === n.id && m.op === 'gate'));
    let expected: number;
    if (gate !== undefined) {
      // A port edge carries what all the edges from its source into the fused nodes carried.
      const inner = new Set(gate.gate!.nodes.map((n) => n.id));
      expected = a.edges.reduce((sum, e, j) => (e.source === edge.source && inner.has(e.target) ? sum + ea.edgeGrad[j] : sum), 0);
    } else {
      const j = a.edges.findIndex((e) => e.id === edge.id && e.source === edge.source);
      if (j < 0) return;
      expected = ea.edgeGrad[j];
    }
    expectClose(eb.edgeGrad[k], expected, tol);
    compared++;
  });
  return compared;
}

describe('fuseSubgraph', () => {
  it('fuses *-1, exp, +1, 1/x into one σ gate: same gradients, value σ(dot), local gradient (1−σ)σ', () => {
    const g = neuron();
    const fused = fuseSubgraph(g, sigmoidChain, { label: 'σ' });
    expect(fused.nodes.map((n) => n.id)).toEqual(['w0', 'x0', 'w1', 'x1', 'w2', 'm0', 'm1', 'a1', 'a2', 'gate1']);
    const gate = fused.nodes[9];
    expect(gate).toMatchObject({ op: 'gate', label: 'σ', output: true, position: { x: 1050, y: 150 } });
    expect(gate.gate?.inputs).toEqual(['a2']);
    // Remaining nodes: 9; remaining edges e1..e9 (e9 now goes into the gate, carrying the same gradient).
    expect(expectSameGradients(g, fused, 1e-12)).toBe(9 + 9);
    const ev = evaluate(fused);
    const s = 1 / (1 + Math.exp(-1));
    expect(valueOf(ev, 'gate1')).toBeCloseTo(s, 15);
    expect(valueOf(ev, 'gate1')).toBeCloseTo(0.7310585786300049, 12);
    expect(ev.edgeLocalGrad[fused.edges.findIndex((e) => e.id === 'e9')]).toBeCloseTo((1 - s) * s, 12);
    expect(gradOf(ev, 'x0')).toBeCloseTo(0.39322, 5);
    expect(gradOf(ev, 'x1')).toBeCloseTo(-0.58984, 5);
    expect(gradOf(ev, 'w0')).toBeCloseTo(-0.19661, 5);
    expect(gradOf(ev, 'w1')).toBeCloseTo(-0.39322, 5);
    expect(gradOf(ev, 'w2')).toBeCloseTo(0.19661, 5);
  });

  it('fuses the whole *, +, *-1, exp, +1, 1/x chain into a 5-input gate with every input gradient kept', () => {
    const g = neuron();
    const fused = fuseSubgraph(g, wholeChain, { label: 'neuron' });
    const gate = fused.nodes.find((n) => n.op === 'gate')!;
    expect(gate.gate?.inputs).toEqual(['w0', 'x0', 'w1', 'x1', 'w2']);
    expect(fused.edges.filter((e) => e.target === gate.id).map((e) => [e.id, e.targetPort])).toEqual([['e1', 0], ['e2', 1], ['e3', 2], ['e4', 3], ['e8', 4]]);
    expect(expectSameGradients(g, fused, 1e-12)).toBe(5 + 5);
  });

  it('keeps gradients at random points, including nested gates', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 4 - 2;
    for (let t = 0; t < 20; t++) {
      const g = neuron();
      for (const node of g.nodes) if (node.op === 'input') node.value = rand();
      const inner = fuseSubgraph(g, ['n', 'e', 'o'], { id: 'inner' });
      const outer = fuseSubgraph(inner, ['a2', 'inner', 'f'], { id: 'outer' });
      expect(expectSameGradients(g, outer, 1e-12)).toBeGreaterThan(10);
      expect(unfuseGate(unfuseGate(outer, 'outer'), 'inner')).toEqual(g);
    }
  });

  it('on random DAGs, fusing a node with ancestors only it consumes keeps every gradient; unfuse restores the file (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1 << 30 }), fc.integer({ min: 4, max: 30 }), (seed, size) => {
      const random = seeded(seed);
      const g = randomDag(random, size);
      const consumers = new Map<string, string[]>();
      for (const e of g.edges) consumers.set(e.source, [...(consumers.get(e.source) ?? []), e.target]);
      // Grow a selection from one operator node by adding sources whose every consumer is already in it:
      // connected, one output, and no path can leave and come back.
      const ops = g.nodes.filter((n) => n.op !== 'input');
      const top = ops[Math.floor(random() * ops.length)].id;
      const selection = new Set([top]);
      for (let grown = true; grown;) {
        grown = false;
        for (const e of g.edges) {
          const source = g.nodes.find((n) => n.id === e.source)!;
          if (selection.has(e.target) && !selection.has(e.source) && source.op !== 'input' && random() < 0.7
            && (consumers.get(e.source) ?? []).every((t) => selection.has(t))) {
            selection.add(e.source);
            grown = true;
          }
        }
      }
      if (selection.size < 2) return;
      const fused = fuseSubgraph(g, [...selection]);
      expectSameGradients(g, fused, 1e-12);
      expect(serializeGraph(unfuseGate(parseGraph(serializeGraph(fused)), 'gate1'))).toBe(serializeGraph(g));
    }), { numRuns: 150 });
  });

  it('unfuse restores the original file byte for byte, and fused gates survive a save and load', () => {
    const g = neuron();
    const original = serializeGraph(g);
    for (const selection of [sigmoidChain, wholeChain, ['m0', 'a1'], ['a1', 'a2', 'n']]) {
      const fused = fuseSubgraph(g, selection);
      const text = serializeGraph(fused);
      const loaded = parseGraph(text);
      expect(serializeGraph(loaded)).toBe(text);
      expectSameGradients(g, loaded, 1e-12);
      expect(serializeGraph(unfuseGate(loaded, 'gate1'))).toBe(original);
    }
  });

  it('refuses two outputs, a disconnected selection, a cycle, inputs and unknown nodes, naming them', () => {
    const g = neuron();
    const refusal = (ids: string[]): GraphError => {
      try {
        fuseSubgraph(g, ids);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphError);
        return error as GraphError;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(['m0', 'm1']).message).toBe("cannot fuse: the selection is not connected ('m1' is apart from 'm0')");
    expect(refusal(['m0', 'a1', 'n']).message).toMatch(/not connected/);
    const two = refusal(['m0', 'm1', 'a1', 'e']);
    expect(two.message).toMatch(/not connected/);
    // a1 -> a2 and a1 -> (new consumer) give two outputs.
    const fan: Graph = { ...g, nodes: [...g.nodes, { id: 'sq', op: 'square' }], edges: [...g.edges, { id: 'x', source: 'm0', target: 'sq', targetPort: 0 }] };
    expect(() => fuseSubgraph(fan, ['m0', 'a1'])).toThrow("cannot fuse: the selection has 2 outputs ('m0', 'a1'); a gate has exactly one");
    // With an extra edge m0 -> a2, {m0, a2} is connected, but m0 -> a1 -> a2 leaves and re-enters it.
    expect(() => fuseSubgraph({ ...g, edges: [...g.edges, { id: 'z', source: 'm0', target: 'a2', targetPort: 2 }] }, ['m0', 'a2'])).toThrow(
      "cannot fuse: the path through 'a1' leaves the selection and comes back into 'a2', so the gate would be part of a cycle",
    );
    expect(refusal(['w0', 'm0']).message).toBe("cannot fuse: 'w0' is an input; a gate's variables stay outside it");
    expect(refusal(['nope', 'm0']).place.nodeId).toBe('nope');
    expect(refusal(['m0']).message).toMatch(/at least two/);
    const constant: Graph = { nodes: [{ id: 'c', op: 'const', value: 2 }, { id: 'e', op: 'exp' }, { id: 'n', op: 'neg' }], edges: [{ id: 'a', source: 'c', target: 'e', targetPort: 0 }, { id: 'b', source: 'e', target: 'n', targetPort: 0 }] };
    expect(() => fuseSubgraph(constant, ['c', 'e'])).toThrow('cannot fuse: nothing outside feeds the selection, so the gate would have no inputs');
  });

  it('unfuse keeps edges added to the gate after fusing, moving them to the inner output', () => {
    const fused = fuseSubgraph(neuron(), sigmoidChain, { id: 'sig' });
    const grown: Graph = {
      ...fused,
      nodes: fused.nodes.map((n) => (n.id === 'sig' ? { ...n, output: undefined } : n)).concat({ id: 'sq', op: 'square', output: true }),
      edges: [...fused.edges, { id: 'new', source: 'sig', target: 'sq', targetPort: 0 }],
    };
    const back = unfuseGate(grown, 'sig');
    expect(back.edges.find((e) => e.id === 'new')).toEqual({ id: 'new', source: 'f', target: 'sq', targetPort: 0 });
    expect(valueOf(evaluate(back), 'sq')).toBeCloseTo(valueOf(evaluate(grown), 'sq'), 15);
  });

  it('refuses to unfuse a node that is not a gate, and to load a gate file with a broken definition', () => {
    expect(() => unfuseGate(neuron(), 'f')).toThrow("cannot unfuse: 'f' (inv) is not a fused gate");
    const text = serializeGraph(fuseSubgraph(neuron(), sigmoidChain));
    const file = JSON.parse(text);
    expect(file.nodes[9].op).toBe('gate');
    file.nodes[9].gate.output = 'missing';
    expect(() => parseGraph(JSON.stringify(file))).toThrow(`gate 'gate1': "output" "missing" is not one of its nodes`);
    file.nodes[9].gate.output = 'f';
    file.nodes[9].gate.nodes[0].op = 'nope';
    expect(() => parseGraph(JSON.stringify(file))).toThrow(`gate 'gate1': node 'n' has unknown op "nope"`);
    file.nodes[9].gate.nodes[0].op = 'scale';
    delete file.nodes[9].gate;
    expect(() => parseGraph(JSON.stringify(file))).toThrow(`node 'gate1' (gate) has no "gate" definition`);
  });
});

describe('the JSON Schema and fused gates', () => {
  it('accepts a file with a fused gate and refuses a gate without its definition', async () => {
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { readFileSync } = await import('node:fs');
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('public/gradflow.graph.schema.json', 'utf8')));
    const file = JSON.parse(serializeGraph(fuseSubgraph(fuseSubgraph(neuron(), sigmoidChain, { id: 'sig', label: 'σ' }), ['m0', 'm1', 'a1'], { id: 'dot' })));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    delete file.nodes.find((n: { id: string }) => n.id === 'sig').gate;
    expect(validate(file)).toBe(false);
  });
});
