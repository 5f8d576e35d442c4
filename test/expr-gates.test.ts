import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  evaluate, fuseSubgraph, gradOf, graphFromExpression, graphToExpression, graphToLatex, latexLabel, parseGraph, valueOf, type Graph,
} from '../src/core';

const gates: Graph = parseGraph(readFileSync('public/examples/sigmoid-neuron-gates.json', 'utf8'));
const INPUTS = ['w0', 'x0', 'w1', 'x1', 'w2'];
const valuesOf = (g: Graph): Record<string, number> => Object.fromEntries(g.nodes.filter((n) => n.op === 'input').map((n) => [n.id, n.value as number]));

/** The expression of `fused` read back computes the same output value and input gradients as `fused` itself. */
function expectSameAfterReadBack(fused: Graph): Graph {
  const text = graphToExpression(fused);
  expect(text).not.toMatch(/gate/);
  const back = graphFromExpression(text, valuesOf(fused));
  const [a, b] = [evaluate(fused), evaluate(back)];
  const out = (g: Graph): string => g.nodes.find((n) => n.output === true)!.id;
  expect(valueOf(b, out(back))).toBeCloseTo(valueOf(a, out(fused)), 12);
  for (const id of fused.nodes.filter((n) => n.op === 'input').map((n) => n.id)) expect(gradOf(b, id)).toBeCloseTo(gradOf(a, id), 12);
  return back;
}

describe('fused gates in expressions', () => {
  it('writes the lecture neuron\'s σ gate out as its gates, which read back to the same numbers', () => {
    const fused = fuseSubgraph(gates, ['neg', 'ex', 'den', 'f'], { label: 'σ' });
    expect(graphToExpression(fused)).toBe('1 / (1 + exp(-1 * ((w0 * x0 + w1 * x1) + w2)))');
    const back = expectSameAfterReadBack(fused);
    // The lecture's numbers (CS231n): f = 0.73, df/dw = [-0.2, -0.39, 0.2], df/dx = [0.39, -0.59].
    const ev = evaluate(back);
    expect(valueOf(ev, 'f')).toBeCloseTo(0.7310585786, 9);
    const expected: Record<string, number> = { w0: -0.19661193, w1: -0.39322387, w2: 0.19661193, x0: 0.39322387, x1: -0.5898358 };
    for (const [id, grad] of Object.entries(expected)) expect(gradOf(ev, id)).toBeCloseTo(grad, 7);
  });

  it('inlines nested gates and a gate whose port fans out inside it', () => {
    const inner = fuseSubgraph(gates, ['m0', 'm1', 's'], { id: 'dot2', label: 'w·x' });
    const outer = fuseSubgraph(inner, ['dot', 'neg', 'ex', 'den', 'f'], { id: 'neuron', label: 'neuron' });
    expectSameAfterReadBack(outer);
    const fan = graphFromExpression('sin(x * x + x) * y', { x: 0.7, y: -1.3 });
    const mulId = fan.nodes.find((n) => n.op === 'mul' && fan.edges.filter((e) => e.target === n.id && e.source === 'x').length === 2)!.id;
    const addId = fan.edges.find((e) => e.source === mulId)!.target;
    const sinId = fan.edges.find((e) => e.source === addId)!.target;
    const fused = fuseSubgraph(fan, [mulId, addId, sinId], { label: 'g' });
    expect(fused.nodes.some((n) => n.op === 'gate')).toBe(true);
    expectSameAfterReadBack(fused);
  });

  it('reads back to the same values and gradients for random inputs (property)', () => {
    const fused = fuseSubgraph(fuseSubgraph(gates, ['neg', 'ex', 'den', 'f'], { label: 'σ' }), ['m0', 'm1', 's'], { label: 'two' });
    const value = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(fc.property(fc.tuple(value, value, value, value, value), (vs) => {
      const g: Graph = { ...fused, nodes: fused.nodes.map((n) => (n.op === 'input' ? { ...n, value: vs[INPUTS.indexOf(n.id)] } : n)) };
      expectSameAfterReadBack(g);
    }), { numRuns: 40 });
  });

  it('shows a gate in LaTeX as its label applied to its inputs', () => {
    const fused = fuseSubgraph(gates, ['neg', 'ex', 'den', 'f'], { label: 'σ' });
    const latex = graphToLatex(fused);
    expect(latex).toBe('\\sigma\\left(w_{0} \\cdot x_{0} + w_{1} \\cdot x_{1} + w_{2}\\right)');
    expect(() => katex.renderToString(latex, { throwOnError: true })).not.toThrow();
    const two = fuseSubgraph(gates, ['m0', 'm1', 's'], { label: 'dot' });
    expect(graphToLatex(two)).toBe('\\frac{1}{1 + e^{-1 \\cdot \\left(\\operatorname{dot}\\left(w_{0}, x_{0}, w_{1}, x_{1}\\right) + w_{2}\\right)}}');
  });

  it('escapes user labels so KaTeX renders them as written', () => {
    expect(latexLabel('σ')).toBe('\\sigma');
    expect(latexLabel('f')).toBe('f');
    expect(latexLabel('relu2')).toBe('\\operatorname{relu2}');
    expect(latexLabel('a_b {x} $1 & 50% #1 ^~\\')).toBe('\\text{a\\_b \\{x\\} \\$1 \\& 50\\% \\#1 \\textasciicircum{}\\textasciitilde{}\\textbackslash{}}');
    expect(latexLabel('∑ab')).toBe('\\text{{\\char"2211}ab}');
    const hostile = ['}\\right)\\href{javascript:alert(1)}{x}', '\\def\\a{\\a}\\a', 'line\nbreak', '{', '}}}', '^_^', '', 'w·x', '∑ gate'];
    for (const label of hostile) {
      const fused = fuseSubgraph(gates, ['neg', 'ex', 'den', 'f'], { label });
      const html = katex.renderToString(graphToLatex(fused), { throwOnError: true, strict: 'ignore' });
      expect(html).not.toMatch(/href|javascript/i.test(label) ? /<a / : /katex-error/);
    }
  });
});
