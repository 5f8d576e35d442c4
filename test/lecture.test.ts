import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { backwardSteps, evaluate, gradOf, gradientCheck, parseGraph, valueOf, type Graph } from '../src/core';

const xyz: Graph = {
  nodes: [
    { id: 'x', op: 'input', value: -2 },
    { id: 'y', op: 'input', value: 5 },
    { id: 'z', op: 'input', value: -4 },
    { id: 'q', op: 'add' },
    { id: 'f', op: 'mul' },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'q', targetPort: 0 },
    { id: 'e2', source: 'y', target: 'q', targetPort: 1 },
    { id: 'e3', source: 'q', target: 'f', targetPort: 0 },
    { id: 'e4', source: 'z', target: 'f', targetPort: 1 },
  ],
};

describe('(x+y)*z at x=-2, y=5, z=-4', () => {
  it('gives the lecture numbers', () => {
    const ev = evaluate(xyz);
    expect(ev.outputId).toBe('f');
    expect(valueOf(ev, 'q')).toBe(3);
    expect(valueOf(ev, 'f')).toBe(-12);
    expect(gradOf(ev, 'q')).toBe(-4);
    expect(gradOf(ev, 'x')).toBe(-4);
    expect(gradOf(ev, 'y')).toBe(-4);
    expect(gradOf(ev, 'z')).toBe(3);
    expect(Array.from(ev.edgeLocalGrad)).toEqual([1, 1, -4, 3]);
    expect(Array.from(ev.edgeGrad)).toEqual([-4, -4, -4, 3]);
  });
});

const example = (file: string): Graph => parseGraph(readFileSync(`public/examples/${file}`, 'utf8'));
const close = (actual: number, expected: number, digits = 5): void => expect(actual).toBeCloseTo(expected, digits);

describe('the shipped (x+y)*z example', () => {
  it('has ids x y z q f and the lecture\'s numbers', () => {
    const ev = evaluate(example('xyz.json'));
    expect(ev.program.ids).toEqual(['x', 'y', 'z', 'q', 'f']);
    expect([valueOf(ev, 'q'), valueOf(ev, 'f')]).toEqual([3, -12]);
    expect(['x', 'y', 'z', 'q'].map((id) => gradOf(ev, id))).toEqual([-4, -4, 3, -4]);
  });
});

describe('the sigmoid neuron, w = [2, -3, -3], x = [-1, -2]', () => {
  const inputs = ['w0', 'x0', 'w1', 'x1', 'w2'];
  for (const file of ['sigmoid-neuron-gates.json', 'sigmoid-neuron.json']) {
    it(`${file} gives f = 0.73106, dx = [0.39322, -0.58984], dw = [-0.19661, -0.39322, 0.19661]`, () => {
      const ev = evaluate(example(file));
      close(valueOf(ev, 'f'), 0.73106);
      close(valueOf(ev, 'dot'), 1, 12);
      close(gradOf(ev, 'x0'), 0.39322);
      close(gradOf(ev, 'x1'), -0.58984);
      close(gradOf(ev, 'w0'), -0.19661);
      close(gradOf(ev, 'w1'), -0.39322);
      close(gradOf(ev, 'w2'), 0.19661);
      // The local gradient of the whole sigmoid at dot = 1: (1 - f) f ≈ 0.1966.
      close(gradOf(ev, 'dot'), 0.19661);
      expect(gradientCheck(example(file)).maxRelativeError).toBeLessThan(1e-7);
    });
  }

  it('gate by gate: the lecture\'s intermediate gradients', () => {
    const ev = evaluate(example('sigmoid-neuron-gates.json'));
    // d(1/x) = -1/x² at x = 1 + e^-1 ≈ 1.37: -0.53; d(c+x) = 1; d(e^x) = e^x; d(ax) = a.
    close(gradOf(ev, 'den'), -1 / (1 + Math.exp(-1)) ** 2);
    close(gradOf(ev, 'ex'), gradOf(ev, 'den'), 12);
    close(gradOf(ev, 'neg'), gradOf(ev, 'ex') * Math.exp(-1), 12);
    close(gradOf(ev, 'dot'), -gradOf(ev, 'neg'), 12);
    expect(ev.program.graph.nodes.map((n) => n.op).filter((op) => op !== 'input')).toEqual(['mul', 'mul', 'add', 'add', 'scale', 'exp', 'offset', 'inv']);
  });

  it('the gate version and the fused version agree on every input to 1e-12', () => {
    const gates = evaluate(example('sigmoid-neuron-gates.json'));
    const fused = evaluate(example('sigmoid-neuron.json'));
    for (const id of inputs) expect(Math.abs(gradOf(gates, id) - gradOf(fused, id))).toBeLessThan(1e-12);
    expect(Math.abs(valueOf(gates, 'f') - valueOf(fused, 'f'))).toBeLessThan(1e-15);
    // Fusing ×(−1), exp, +1 and 1/x into one σ leaves three fewer backward steps.
    expect(backwardSteps(gates).length - backwardSteps(fused).length).toBe(3);
  });
});

describe('the staged example (x + σ(y)) / (σ(x) + (x + y)²) at x = 3, y = -4', () => {
  it('matches the formula and its derivative by hand', () => {
    const ev = evaluate(example('staged.json'));
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const [x, y] = [3, -4];
    const num = x + s(y);
    const den = s(x) + (x + y) ** 2;
    close(valueOf(ev, 'f'), num / den, 12);
    // df/dx = (1·den − num·(σ'(x) + 2(x+y))) / den², df/dy = (σ'(y)·den − num·2(x+y)) / den².
    const ds = (v: number): number => s(v) * (1 - s(v));
    close(gradOf(ev, 'x'), (den - num * (ds(x) + 2 * (x + y))) / den ** 2, 12);
    close(gradOf(ev, 'y'), (ds(y) * den - num * 2 * (x + y)) / den ** 2, 12);
    expect(ev.program.ids).toEqual(['x', 'y', 'sigy', 'num', 'sigx', 'xpy', 'xpysqr', 'den', 'invden', 'f']);
  });
});

describe('the fan-out example x·x + x', () => {
  it('sums the three gradients arriving at x', () => {
    const ev = evaluate(example('fan-out.json'));
    expect(valueOf(ev, 'f')).toBe(12);
    expect(gradOf(ev, 'x')).toBe(7);
  });
});
