import { describe, expect, it } from 'vitest';
import { evaluate, gradOf, valueOf, type Graph } from '../src/core';

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
