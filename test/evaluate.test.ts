import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backwardSteps, compileProgram, evaluate, forwardSteps, gradOf, gradientCheck, graphFromExpression, relativeError, valueOf, type Graph, type GraphEdge, type GraphNode,
} from '../src/core';
import { randomDag, seeded } from './helpers/graphs';

describe('random DAGs with fan-out pass the gradient check', () => {
  it('analytic and centred-difference gradients agree for every input', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (seed, size, inputs) => {
      const graph = randomDag(seeded(seed), size, inputs);
      const fanOut = new Map<string, number>();
      for (const e of graph.edges) fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
      // Squares of squares can make a graph so steep that no h in float64 resolves it (about 2% of
      // these graphs): such a graph tests the arithmetic's limits, not the backward pass.
      const ev = evaluate(graph);
      fc.pre(ev.values.every((v) => Math.abs(v) <= 100) && ev.grads.every((g) => Math.abs(g) <= 1e4));
      const check = gradientCheck(graph);
      // Deep products curve sharply, and the centred difference's O(h²) error shows; Richardson's
      // extrapolation from h and 2h cancels that term, so the comparison can stay tight. What no
      // h can remove is rounding in f(x+h) − f(x−h): about ε·|f|/h, allowed for explicitly.
      const coarse = gradientCheck(graph, 2 * check.h);
      const f = Math.abs(ev.values[graph.nodes.length - 1]);
      const rounding = (10 * Number.EPSILON * Math.max(1, f)) / check.h;
      expect(check.inputs.length).toBe(inputs);
      check.inputs.forEach((c, k) => {
        const extrapolated = (4 * c.numerical - coarse.inputs[k].numerical) / 3;
        const ok = c.relativeError < 1e-6 || relativeError(c.analytic, extrapolated) < 1e-6 || Math.abs(c.analytic - c.numerical) < rounding;
        expect(ok, `seed ${seed}: input ${c.nodeId} analytic ${c.analytic} numerical ${c.numerical}, extrapolated ${extrapolated}`).toBe(true);
      });
    }), { numRuns: 300 });
  });

  it('sums gradients at fan-out: d(x·x + x)/dx = 2x + 1', () => {
    const ev = evaluate(graphFromExpression('x*x + x', { x: 3 }));
    expect(valueOf(ev, 'x')).toBe(3);
    expect(gradOf(ev, 'x')).toBe(7);
    // Three edges leave x: into both ports of x·x (each carrying 3) and into the sum (carrying 1).
    const fromX = ev.program.graph.edges.map((e, i) => [e.source, ev.edgeGrad[i]] as const).filter(([s]) => s === 'x').map(([, g]) => g);
    expect(fromX.sort()).toEqual([1, 3, 3]);
  });
});

describe('every edge carries value, localGrad and grad; every node the sum of its outgoing grads', () => {
  it('holds on random graphs', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const graph = randomDag(seeded(seed), 30, 3);
      const ev = evaluate(graph);
      const sums = new Map<string, number>();
      graph.edges.forEach((e, i) => {
        expect(ev.edgeValue[i]).toBe(valueOf(ev, e.source));
        expect(ev.edgeGrad[i]).toBe(ev.edgeLocalGrad[i] * gradOf(ev, e.target));
        sums.set(e.source, (sums.get(e.source) ?? 0) + ev.edgeGrad[i]);
      });
      for (const node of graph.nodes) {
        if (node.id === ev.outputId) expect(gradOf(ev, node.id)).toBe(1);
        else expect(gradOf(ev, node.id)).toBeCloseTo(sums.get(node.id) ?? 0, 12);
      }
    }
  });
});

describe('no recursion', () => {
  it('evaluates a chain of 1,000,000 nodes', () => {
    const n = 1_000_000;
    const nodes: GraphNode[] = new Array(n);
    const edges: GraphEdge[] = new Array(n - 1);
    nodes[0] = { id: 'x', op: 'input', value: 0.5 };
    for (let i = 1; i < n; i++) {
      // Alternating sin and offset keeps the value bounded and the gradient non-trivial.
      nodes[i] = i % 2 === 1 ? { id: `n${i}`, op: 'sin' } : { id: `n${i}`, op: 'offset', params: { c: 0.5 } };
      edges[i - 1] = { id: `e${i}`, source: nodes[i - 1].id, target: nodes[i].id, targetPort: 0 };
    }
    const ev = evaluate({ nodes, edges });
    expect(ev.outputId).toBe(`n${n - 1}`);
    // Same chain in a plain loop.
    let x = 0.5;
    let g = 1;
    for (let i = 1; i < n; i++) {
      if (i % 2 === 1) { g *= Math.cos(x); x = Math.sin(x); } else x += 0.5;
    }
    expect(ev.values[n - 1]).toBe(x);
    expect(ev.grads[0]).toBeCloseTo(g, 12);
    expect(ev.warnings).toEqual([]);
    expect(backwardSteps(ev).length).toBe(n);
  });
});

describe('non-finite values are values, with warnings naming the nodes', () => {
  it('1/0, log of a negative, exp overflow', () => {
    const ev = evaluate(graphFromExpression('1/x + log(y) + exp(z)', { x: 0, y: -1, z: 1000 }));
    const byNode = new Map(ev.warnings.map((w) => [w.nodeId, w.message]));
    const names = ev.program.graph.nodes;
    const div = names.find((n) => n.op === 'div')?.id as string;
    const log = names.find((n) => n.op === 'log')?.id as string;
    const exp = names.find((n) => n.op === 'exp')?.id as string;
    expect(byNode.get(div)).toBe(`node '${div}' (div) has value Infinity`);
    expect(byNode.get(log)).toBe(`node '${log}' (log) has value NaN`);
    expect(byNode.get(exp)).toBe(`node '${exp}' (exp) has value Infinity`);
    // The sum inherits a non-finite input: not repeated as news.
    expect(byNode.has('f')).toBe(false);
    expect(valueOf(ev, 'f')).toBeNaN();
  });

  it('a non-finite gradient is named too', () => {
    const ev = evaluate(graphFromExpression('sqrt(x)', { x: 0 }));
    expect(valueOf(ev, 'f')).toBe(0);
    expect(ev.warnings).toEqual([{ code: 'non-finite-gradient', nodeId: 'x', message: "node 'x' (input) has gradient Infinity", reason: { id: 'eval.nonFiniteGradient', params: { id: 'x', op: 'input', grad: 'Infinity' } } }]);
  });
});

describe('the output', () => {
  it('is the node marked output, else the only sink', () => {
    const g = graphFromExpression('x + y');
    delete g.nodes.find((n) => n.id === 'f')?.output;
    expect(evaluate(g).outputId).toBe('f');
    const marked: Graph = { nodes: [{ id: 'a', op: 'input', value: 2 }, { id: 'b', op: 'square', output: false }, { id: 'c', op: 'exp' }], edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }, { id: 'e2', source: 'b', target: 'c', targetPort: 0 }] };
    expect(evaluate(marked).outputId).toBe('c');
    marked.nodes[1].output = true;
    const ev = evaluate(marked);
    expect(ev.outputId).toBe('b');
    expect(gradOf(ev, 'a')).toBe(4);
    // c does not feed the output: gradient 0, its edge carries 0.
    expect(gradOf(ev, 'c')).toBe(0);
  });

  it('several unmarked candidates is an error naming them', () => {
    const g: Graph = {
      nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'left', op: 'exp' }, { id: 'right', op: 'sin' }],
      edges: [{ id: 'e1', source: 'x', target: 'left', targetPort: 0 }, { id: 'e2', source: 'x', target: 'right', targetPort: 0 }],
    };
    expect(() => evaluate(g)).toThrow("the output is ambiguous: 2 nodes have no outgoing edge ('left', 'right'); mark one with \"output\": true");
    // Lenient mode (the editor) evaluates forward anyway and reports the issue.
    const ev = evaluate(g, { lenient: true });
    expect(ev.outputId).toBeUndefined();
    expect(valueOf(ev, 'left')).toBe(Math.E);
    expect(ev.program.issues.map((i) => i.message)).toEqual([expect.stringContaining("('left', 'right')")]);
  });

  it('refuses layer operators in the scalar evaluator, but not in a file check', () => {
    const g: Graph = { nodes: [{ id: 's', op: 'samples' }, { id: 'd', op: 'dense' }], edges: [{ id: 'e1', source: 's', target: 'd', targetPort: 0 }] };
    expect(() => evaluate(g)).toThrow(/layer operator/);
    expect(() => compileProgram(g, { allowLayers: true })).not.toThrow();
  });
});

describe('topological order', () => {
  it('keeps the listed order when it is already topological, and sorts otherwise', () => {
    const g = graphFromExpression('(x+y)*z');
    expect(Array.from(compileProgram(g).order)).toEqual([0, 1, 2, 3, 4]);
    const reversed: Graph = { nodes: [...g.nodes].reverse(), edges: g.edges };
    const program = compileProgram(reversed);
    const at = new Map(Array.from(program.order, (i, k) => [program.ids[i], k]));
    for (const e of reversed.edges) expect(at.get(e.source) as number).toBeLessThan(at.get(e.target) as number);
    expect(evaluate(reversed).values[program.index.get('f') as number]).toBe(evaluate(g).values[4]);
  });
});

describe('the stepper', () => {
  it('steps the lecture\'s (x+y)*z forward in order and backward from the output', () => {
    const ev = evaluate(graphFromExpression('(x+y)*z', { x: -2, y: 5, z: -4 }));
    const forward = forwardSteps(ev);
    // Nodes already listed after their inputs keep their order.
    expect(forward.map((s) => [s.nodeId, s.value])).toEqual([['x', -2], ['y', 5], ['n1', 3], ['z', -4], ['f', -12]]);
    expect(forward[2].inputs).toEqual([{ edgeId: 'e1', sourceId: 'x', port: 0, value: -2 }, { edgeId: 'e2', sourceId: 'y', port: 1, value: 5 }]);
    const backward = backwardSteps(ev);
    expect(backward[0]).toEqual({
      kind: 'backward', nodeId: 'f', upstream: 1,
      inputs: [
        { edgeId: 'e3', sourceId: 'n1', port: 0, localGrad: -4, grad: -4, sourceGrad: -4, sourceTerms: 1, sourceTermsTotal: 1 },
        { edgeId: 'e4', sourceId: 'z', port: 1, localGrad: 3, grad: 3, sourceGrad: 3, sourceTerms: 1, sourceTermsTotal: 1 },
      ],
    });
    expect(backward.map((s) => s.nodeId)).toEqual(['f', 'z', 'n1', 'y', 'x']);
    expect(backward[2]).toMatchObject({ nodeId: 'n1', upstream: -4, inputs: [{ sourceId: 'x', localGrad: 1, grad: -4 }, { sourceId: 'y', localGrad: 1, grad: -4 }] });
    expect(backward[1]).toEqual({ kind: 'backward', nodeId: 'z', upstream: 3, inputs: [] });
    // upstream × local = downstream on every edge of every step.
    for (const step of backward) for (const input of step.inputs) expect(input.grad).toBe(step.upstream * input.localGrad);
  });
});
