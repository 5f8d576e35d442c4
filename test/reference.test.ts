import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, fuseSubgraph, gradOf, graphFromExpression, referenceEvaluate, valueOf, type Graph } from '../src/core';
import { randomDag, seeded } from './helpers/graphs';

/** Equal up to the rounding a different summation order makes: relative 1e-12, or 1e-12 absolute near zero. */
const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every node the reference reaches agrees with the fast evaluator in value and gradient. */
function agree(graph: Graph): void {
  const fast = evaluate(graph);
  const reference = referenceEvaluate(graph);
  expect(reference.value.size).toBeGreaterThan(0);
  for (const [id, value] of reference.value) {
    expect(close(value, valueOf(fast, id)), `value of ${id}: ${value} vs ${valueOf(fast, id)}`).toBe(true);
    const grad = reference.grad.get(id)!;
    expect(close(grad, gradOf(fast, id)), `grad of ${id}: ${grad} vs ${gradOf(fast, id)}`).toBe(true);
  }
}

describe('the micrograd-style reference evaluator', () => {
  it('gives the lecture\'s (x+y)*z: f = -12, gradients -4, -4, 3', () => {
    const { value, grad } = referenceEvaluate(graphFromExpression('(x+y)*z', { x: -2, y: 5, z: -4 }));
    expect(value.get('f')).toBe(-12);
    expect([grad.get('x'), grad.get('y'), grad.get('z')]).toEqual([-4, -4, 3]);
  });

  it('sums a fan-out: d/dx (x·x + x) = 2x + 1', () => {
    expect(referenceEvaluate(graphFromExpression('x*x + x', { x: 3 })).grad.get('x')).toBe(7);
  });

  it('agrees with the fast evaluator on random DAGs with fan-out', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (seed, size, inputs) => {
      agree(randomDag(seeded(seed), size, inputs));
    }), { numRuns: 200 });
  });

  it('agrees through fused gates, whose kernels run their own subgraph', () => {
    const neuron = graphFromExpression('1/(1+exp(-(w0*x0 + w1*x1 + w2)))', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    // The sigmoid after the weighted sum: 1 / (1 + exp(-s)), with its two constants.
    const fused = fuseSubgraph(neuron, ['n1', 'n2', 'n6', 'n7', 'n8', 'f']);
    expect(fused.nodes.some((n) => n.op === 'gate')).toBe(true);
    agree(fused);
    // The lecture's numbers: f = 0.73, dw0 = -0.2, dx0 = 0.39.
    const { value, grad } = referenceEvaluate(fused);
    const out = fused.nodes.find((n) => n.output === true)!.id;
    expect(value.get(out)).toBeCloseTo(0.7311, 4);
    expect(grad.get('w0')).toBeCloseTo(-0.1966, 4);
    expect(grad.get('x0')).toBeCloseTo(0.3932, 4);
  });
});
