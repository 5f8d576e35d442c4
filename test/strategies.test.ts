import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareStrategies, gradientDescent, graphProblem, hasDiverged, learningRateSweep, parseGraph, problemFromGraph, randomLocalSearch,
  randomSearch, runStrategy, sgd, svmProblem, type StrategyMethod,
} from '../src/core';

const svmFile = parseGraph(readFileSync('public/examples/svm-lecture.json', 'utf8'));

describe('search strategies on the SVM example (topics 6–8)', () => {
  const budget = 40;

  it('with the same budget, gradient descent ends below random local search, which ends below random search (seed 1)', () => {
    const problem = problemFromGraph(svmFile);
    const random = randomSearch(problem, { budget, seed: 1 });
    const local = randomLocalSearch(problem, { budget, seed: 1, stepSize: 0.1 });
    const gd = gradientDescent(problem, { budget, seed: 1, learningRate: 0.1 });
    expect(gd.finalLoss).toBeLessThan(local.finalLoss);
    expect(local.finalLoss).toBeLessThan(random.finalLoss);
    expect(random.finalLoss).toBeCloseTo(0.5111, 3);
    expect(local.finalLoss).toBeCloseTo(0.3206, 3);
    expect(gd.finalLoss).toBeCloseTo(0.1583, 3);
    for (const run of [random, local, gd]) {
      expect(run.evaluations[run.evaluations.length - 1]).toBeLessThanOrEqual(budget);
      // Gradient steps cost 2, so gradient descent may leave one evaluation of an even budget unspent.
      expect(run.evaluations[run.evaluations.length - 1]).toBeGreaterThanOrEqual(budget - 1);
      expect(problem.loss(run.final)).toBe(run.finalLoss);
      expect(run.path[0]).toEqual(problem.initial);
      expect(run.path[run.path.length - 1]).toEqual(run.final);
    }
  });

  it('holds on average over 20 seeds, and the searches never get worse', () => {
    const problem = svmProblem();
    const mean = { random: 0, local: 0, gd: 0, sgd: 0 };
    for (let seed = 1; seed <= 20; seed++) {
      for (const method of ['random', 'local', 'gd', 'sgd'] as StrategyMethod[]) {
        const run = runStrategy(problem, method, { budget, seed });
        mean[method as keyof typeof mean] += run.finalLoss / 20;
        if (method === 'random' || method === 'local') {
          for (let k = 1; k < run.losses.length; k++) expect(run.losses[k]).toBeLessThanOrEqual(run.losses[k - 1]);
          expect(run.steps).toBe(budget - 1);
        }
      }
    }
    expect(mean.gd).toBeLessThan(mean.local);
    expect(mean.local).toBeLessThan(mean.random);
    // Mini-batches of 1 of 3 samples take 3× the steps for the same budget and do best here.
    expect(mean.sgd).toBeLessThan(mean.gd);
  });

  it('charges a full gradient 2 evaluations and a mini-batch gradient 2·B/N', () => {
    const problem = svmProblem();
    const gd = gradientDescent(problem, { budget: 21 });
    expect(gd.steps).toBe(10);
    expect(Array.from(gd.evaluations)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 21]);
    const mini = sgd(problem, { budget: 21, batchSize: 1 });
    expect(mini.steps).toBe(30);
    // 30 steps × 2/3 = 20 evaluations; the loss measured there is where it ends, so the kept-back one is not needed.
    expect(mini.evaluations[mini.evaluations.length - 1]).toBe(20);
    // Measured whenever a whole evaluation is crossed: after steps 2 (4/3), 3 (2), 5 (10/3), …
    expect(Array.from(mini.evaluations.slice(0, 4))).toEqual([0, 4 / 3, 2, 10 / 3]);
    // A full gradient step from W0 at rate 0.1 moves W by exactly −0.1·dL/dW.
    const g = new Float64Array(6);
    problem.lossAndGrad(problem.initial, g);
    const one = gradientDescent(problem, { budget: 3, learningRate: 0.1 });
    one.final.forEach((w, k) => expect(w).toBeCloseTo(problem.initial[k] - 0.1 * g[k], 15));
  });

  it('compares all four on one problem with the same options', () => {
    const runs = compareStrategies(svmProblem(), undefined, { budget: 40 });
    expect(runs.map((r) => r.method)).toEqual(['random', 'local', 'gd', 'sgd']);
    expect(runs[2].finalLoss).toBe(gradientDescent(svmProblem(), { budget: 40 }).finalLoss);
  });

  it('is reproducible: same seed, same run', () => {
    const problem = svmProblem();
    for (const method of ['random', 'local', 'sgd'] as StrategyMethod[]) {
      const a = runStrategy(problem, method, { seed: 4 });
      const b = runStrategy(problem, method, { seed: 4 });
      expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
      expect(Array.from(a.final)).toEqual(Array.from(b.final));
    }
  });

  it('keeps at most about maxPath points of the path, first and last included', () => {
    const run = randomLocalSearch(svmProblem(), { budget: 2000, maxPath: 10, stepSize: 0.01 });
    expect(run.path.length).toBeLessThanOrEqual(21);
    expect(run.path.length).toBe(run.pathPoints.length);
    expect(run.pathPoints[0]).toBe(0);
    expect(run.pathPoints[run.pathPoints.length - 1]).toBe(run.losses.length - 1);
  });

  it('works on a scalar graph: minimising (x+y)·z by gradient descent lowers f', () => {
    const problem = graphProblem(parseGraph(readFileSync('public/examples/xyz.json', 'utf8')));
    const gd = gradientDescent(problem, { budget: 11, learningRate: 0.01 });
    expect(gd.finalLoss).toBeLessThan(-12);
    // No samples: sgd is gradient descent.
    expect(Array.from(sgd(problem, { budget: 11, learningRate: 0.01 }).losses)).toEqual(Array.from(gd.losses));
  });

  it('refuses a bad budget or step with a clear message', () => {
    expect(() => randomSearch(svmProblem(), { budget: 0 })).toThrow('budget must be at least 1 evaluation, got 0');
    expect(() => gradientDescent(svmProblem(), { learningRate: -1 })).toThrow('learning rate must be a positive number, got -1');
  });
});

describe('learning-rate sweep (topic 12)', () => {
  it('marks a rate that blows up as diverged at its step, and never throws', () => {
    const runs = learningRateSweep(svmProblem(), [0.01, 0.1, 1, 50], { steps: 30 });
    expect(runs.map((r) => r.diverged)).toEqual([false, false, false, true]);
    // 1.58 -> 5.56 (below 4×) -> 12.77: diverged after step 2; the curve stops there.
    expect(runs[3].atStep).toBe(2);
    expect(Array.from(runs[3].losses).map((l) => +l.toFixed(4))).toEqual([1.5833, 5.5556, 12.7667]);
    // Small steps are slow, larger ones fast (at rate 1 the SVM reaches zero loss in 30 steps).
    expect(runs[0].finalLoss).toBeGreaterThan(runs[1].finalLoss);
    expect(runs[1].finalLoss).toBeLessThan(0.1);
    expect(runs[2].finalLoss).toBe(0);
    for (const r of runs.slice(0, 3)) expect(r.losses.length).toBe(31);
  });

  it('marks a non-finite loss as diverged, on a scalar graph', () => {
    // exp(x·y) grows without bound along its gradient: large steps overflow to Infinity.
    const graph = parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'y', op: 'input', value: -1 }, { id: 'p', op: 'mul' }, { id: 'n', op: 'neg' }, { id: 'f', op: 'exp' }],
      edges: [{ source: 'x', target: 'p', targetPort: 0 }, { source: 'y', target: 'p', targetPort: 1 }, { source: 'p', target: 'n', targetPort: 0 }, { source: 'n', target: 'f', targetPort: 0 }],
    }));
    const [slow, fast] = learningRateSweep(graphProblem(graph), [0.001, 1000], { steps: 20, divergenceFactor: 1e300 });
    expect(slow.diverged).toBe(false);
    expect(fast.diverged).toBe(true);
    expect(Number.isFinite(fast.losses[fast.losses.length - 1])).toBe(false);
    expect(hasDiverged(NaN, 1, 4)).toBe(true);
    expect(hasDiverged(-50, -12, 4)).toBe(false);
    // From −12, factor 4 allows a rise of 3·12: up to 24.
    expect(hasDiverged(24, -12, 4)).toBe(false);
    expect(hasDiverged(25, -12, 4)).toBe(true);
    expect(hasDiverged(4, 1, 4)).toBe(false);
    expect(hasDiverged(4.01, 1, 4)).toBe(true);
  });
});
