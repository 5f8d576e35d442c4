import fc from 'fast-check';
import katex from 'katex';
import { derivative, evaluate as mathEvaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VARIABLE_VALUE, GraphError, evaluate, gradOf, graphFromExpression, graphToExpression, graphToLatex, valueOf,
} from '../src/core';

/** An expression in gradflow's syntax (`g`) and the same one mathjs can differentiate (`m`: sigmoid written out). */
interface Pair { g: string; m: string }

const VARIABLES = ['a', 'b', 'w0'];
const leaf: fc.Arbitrary<Pair> = fc.oneof(
  fc.constantFrom(...VARIABLES).map((v) => ({ g: v, m: v })),
  fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0.5, 2.5, 1.25)).map((n) => ({ g: String(n), m: String(n) })),
);
const paren = (p: Pair, wrap: boolean): Pair => (wrap ? { g: `(${p.g})`, m: `(${p.m})` } : p);
const { expression } = fc.letrec<{ expression: Pair }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('+', '-', '*', '/'), tie('expression'), tie('expression'), fc.boolean(), fc.boolean())
      .map(([op, x, y, wx, wy]) => ({ g: `${paren(x, wx).g} ${op} ${paren(y, wy).g}`, m: `${paren(x, wx).m} ${op} ${paren(y, wy).m}` })),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'tanh', 'sigmoid', 'abs'), tie('expression')).map(([f, x]) => (f === 'sigmoid'
      ? { g: `sigmoid(${x.g})`, m: `(1 / (1 + exp(-(${x.m}))))` }
      : { g: `${f}(${x.g})`, m: `${f}(${x.m})` })),
    // Functions defined only for positive arguments get one.
    fc.tuple(fc.constantFrom('log', 'sqrt'), tie('expression')).map(([f, x]) => ({ g: `${f}(1 + (${x.g})^2)`, m: `${f}(1 + (${x.m})^2)` })),
    fc.tuple(tie('expression'), fc.constantFrom(2, 3)).map(([x, k]) => ({ g: `(${x.g})^${k}`, m: `(${x.m})^${k}` })),
    tie('expression').map((x) => ({ g: `-(${x.g})`, m: `-(${x.m})` })),
  ),
}));
// Away from 0, where 0/0 and friends make both sides meaningless.
const coordinate = fc.tuple(fc.double({ min: 0.05, max: 2, noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v));
const point = fc.record({ a: coordinate, b: coordinate, w0: coordinate });

const sane = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e6;

describe('expressions against mathjs\'s symbolic derivative', () => {
  it('value and every variable\'s gradient agree at random points', () => {
    fc.assert(fc.property(expression, point, ({ g, m }, values) => {
      const graph = graphFromExpression(g, values);
      const ev = evaluate(graph);
      const value = mathEvaluate(m, { ...values }) as number;
      fc.pre(sane(value) && sane(valueOf(ev, ev.outputId as string)));
      expect(valueOf(ev, ev.outputId as string)).toBeCloseTo(value, 9);
      for (const name of VARIABLES) {
        const present = graph.nodes.some((n) => n.id === name);
        const exact = derivative(m, name).evaluate({ ...values }) as number;
        fc.pre(sane(exact));
        const analytic = present ? gradOf(ev, name) : 0;
        expect(Math.abs(analytic - exact), `d/d${name} of ${g} at ${JSON.stringify(values)}`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(exact)));
      }
    }), { numRuns: 300 });
  });
});

describe('expression -> graph -> expression', () => {
  it('reaches a fixed point after one trip and keeps the value, and its LaTeX renders', () => {
    fc.assert(fc.property(expression, point, ({ g }, values) => {
      const once = graphToExpression(graphFromExpression(g));
      expect(graphToExpression(graphFromExpression(once))).toBe(once);
      const before = evaluate(graphFromExpression(g, values));
      const after = evaluate(graphFromExpression(once, values));
      expect(after.program.graph.nodes.map((n) => n.op)).toEqual(before.program.graph.nodes.map((n) => n.op));
      expect(valueOf(after, after.outputId as string)).toBe(valueOf(before, before.outputId as string));
      expect(() => katex.renderToString(graphToLatex(graphFromExpression(g)), { throwOnError: true })).not.toThrow();
    }), { numRuns: 300 });
  });

  it.each([
    ['(x+y)*z', '(x + y) * z'],
    ['x*x + x', 'x * x + x'],
    ['(x+sigmoid(y))/(sigmoid(x)+(x+y)^2)', '(x + sigmoid(y)) / (sigmoid(x) + (x + y) ^ 2)'],
    ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '1 / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a / (b * c)', 'a / (b * c)'],
    ['-x^2', '-x ^ 2'],
    ['(-x)^2', '(-x) ^ 2'],
    ['2^x^y', '2 ^ (x ^ y)'],
    ['x - -3', 'x - -3'],
    ['max(relu(x), min(y, 0.5))', 'max(relu(x), min(y, 0.5))'],
  ])('%s is written back as %s', (input, written) => {
    expect(graphToExpression(graphFromExpression(input))).toBe(written);
  });
});

describe('graphs from expressions', () => {
  it('makes variables input nodes named after them, one node per variable however often it is used', () => {
    const g = graphFromExpression('x*x + x*y', { x: 3 });
    const inputs = g.nodes.filter((n) => n.op === 'input');
    expect(inputs.map((n) => [n.id, n.value])).toEqual([['x', 3], ['y', DEFAULT_VARIABLE_VALUE]]);
    expect(g.edges.filter((e) => e.source === 'x').length).toBe(3);
    expect(g.nodes.filter((n) => n.output === true).map((n) => n.id)).toEqual(['f']);
    expect(g.nodes.filter((n) => n.op === 'const')).toEqual([]);
  });

  it('turns a chain of + or * into one n-ary node, but keeps parentheses', () => {
    expect(graphFromExpression('a + b + c + d').nodes.filter((n) => n.op === 'add').length).toBe(1);
    expect(graphFromExpression('a * b * c').edges.filter((e) => e.target === 'f').length).toBe(3);
    expect(graphFromExpression('(a + b) + c').nodes.filter((n) => n.op === 'add').length).toBe(2);
  });

  it('maps numbers, named constants, unary minus and ^2', () => {
    const g = graphFromExpression('-3 * pi + x^2 - -y');
    const ops = g.nodes.map((n) => n.op);
    expect(ops).toContain('square');
    expect(ops).toContain('neg');
    expect(g.nodes.filter((n) => n.op === 'const').map((n) => n.value)).toEqual([-3, Math.PI]);
    expect(g.nodes.some((n) => n.id === 'pi')).toBe(false);
  });

  it('never lets an operator id collide with a variable', () => {
    const g = graphFromExpression('n1 * n2 + f', { n1: 2, n2: 3, f: 4 });
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
    expect(valueOf(evaluate(g), g.nodes.find((n) => n.output === true)?.id as string)).toBe(10);
  });

  it('the lecture example from the issue: f = -12, gradients -4, -4, 3', () => {
    const ev = evaluate(graphFromExpression('(x+y)*z', { x: -2, y: 5, z: -4 }));
    expect(valueOf(ev, 'f')).toBe(-12);
    expect(['x', 'y', 'z'].map((v) => gradOf(ev, v))).toEqual([-4, -4, 3]);
  });
});

describe('bad expressions: a clear message with the position', () => {
  const refusal = (expr: string): GraphError => {
    try { graphFromExpression(expr); } catch (e) { expect(e).toBeInstanceOf(GraphError); return e as GraphError; }
    throw new Error(`accepted ${expr}`);
  };
  it.each([
    ['x + * 3', /Value expected at column 5/, 5],
    ['(x + y', /Parenthesis \) expected at column 7/, 7],
    ['foo(x) + 1', /unknown function 'foo' \(known: exp, log, sqrt/, 1],
    ['x + bar(2)', /unknown function 'bar'/, 5],
    ['x % 2', /unsupported operator '%' at column 3/, 3],
    ['log(x, 2)', /log takes 1 argument, not 2 at column 1/, 1],
    ['exp()', /exp takes 1 argument, not 0/, 1],
  ])('%s', (expr, message, column) => {
    const error = refusal(expr);
    expect(error.message).toMatch(message);
    expect(error.place.column).toBe(column);
  });
  it('refuses assignments, strings and matrices', () => {
    expect(refusal('x = 3').message).toMatch(/unsupported assignment/);
    expect(refusal('"text"').message).toMatch(/only numbers/);
    expect(refusal('[1, 2]').message).toMatch(/unsupported array/);
  });
});

describe('LaTeX', () => {
  it.each([
    ['(x+y)*z', '\\left(x + y\\right) \\cdot z'],
    ['1/(1+exp(-(w0*x0+w2)))', '\\frac{1}{1 + e^{-\\left(w_{0} \\cdot x_{0} + w_{2}\\right)}}'],
    ['(x+sigmoid(y))/(sigmoid(x)+(x+y)^2)', '\\frac{x + \\sigma\\left(y\\right)}{\\sigma\\left(x\\right) + {\\left(x + y\\right)}^{2}}'],
    ['sqrt(abs(rate)) - log(x)', '\\sqrt{\\left|\\mathrm{rate}\\right|} - \\ln\\left(x\\right)'],
    ['max(relu(a), 1e-7)', '\\max\\left(\\operatorname{relu}\\left(a\\right), 1 \\times 10^{-7}\\right)'],
  ])('%s', (expr, latex) => {
    expect(graphToLatex(graphFromExpression(expr))).toBe(latex);
    expect(() => katex.renderToString(latex, { throwOnError: true })).not.toThrow();
  });
  it('writes scale, offset and 1/x gates, and inlines shared nodes', () => {
    const g = graphFromExpression('x * x');
    g.nodes.push({ id: 's', op: 'scale', params: { a: -1 } }, { id: 'o', op: 'offset', params: { c: 1 } }, { id: 'i', op: 'inv', output: true });
    delete g.nodes.find((n) => n.id === 'f')?.output;
    g.edges.push({ id: 'a', source: 'f', target: 's', targetPort: 0 }, { id: 'b', source: 's', target: 'o', targetPort: 0 }, { id: 'c', source: 'o', target: 'i', targetPort: 0 });
    expect(graphToExpression(g)).toBe('1 / (1 + -1 * x * x)');
    expect(graphToLatex(g)).toBe('\\frac{1}{1 + -1 \\cdot x \\cdot x}');
    expect(valueOf(evaluate(graphFromExpression(graphToExpression(g), { x: 2 })), 'f')).toBe(1 / (1 - 4));
  });
});
