import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backwardSteps, evaluate, gradOf, graphFromExpression } from '../src/core';
import { randomDag, seeded } from './helpers/graphs';

describe('the backward stepper keeps the running gradient of every node', () => {
  it('sums x·x + x edge by edge at x = 3: 3, 6, then 7 = d/dx (x² + x)', () => {
    const graph = graphFromExpression('x*x + x', { x: 3 });
    const steps = backwardSteps(evaluate(graph));
    const intoX = steps.flatMap((step) => step.inputs.filter((input) => input.sourceId === 'x'));
    expect(intoX.map((input) => [input.grad, input.sourceGrad, input.sourceTerms, input.sourceTermsTotal])).toEqual([
      [1, 1, 1, 3],
      [3, 4, 2, 3],
      [3, 7, 3, 3],
    ]);
  });

  it('ends each node\'s running sum at the evaluator\'s gradient, on random DAGs with fan-out', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), (seed, size, inputs) => {
      const evaluation = evaluate(randomDag(seeded(seed), size, inputs));
      const last = new Map<string, { sourceGrad: number; sourceTerms: number; sourceTermsTotal: number }>();
      for (const step of backwardSteps(evaluation)) for (const input of step.inputs) last.set(input.sourceId, input);
      for (const [id, input] of last) {
        expect(input.sourceTerms).toBe(input.sourceTermsTotal);
        // The same additions in the same order as the evaluator's backward pass: equal to the last bit.
        expect(input.sourceGrad).toBe(gradOf(evaluation, id));
      }
    }), { numRuns: 200 });
  });
});
