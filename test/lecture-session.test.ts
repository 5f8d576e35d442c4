import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, evaluate, expandToScalarGraph, parseGraph, svmProblem, type Graph,
} from '../src/core';
import { LectureSession } from '../src/worker/lectureSession';
import type { LectureRequest } from '../src/worker/lectureProtocol';
import { compileLayered, miniBatch, randomDataset, sampleOf } from '../src/worker/lectureData';
import { chain } from './helpers/graphs';
import { answer, DATA_URL, session } from './helpers/lecture';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

describe('lecture worker session', () => {
  it('a 2-D map of the SVM example is centred on its loss, convex along each axis, and draws the gradient-descent path from W', async () => {
    const r = await answer(session(), { type: 'landscape', id: 7, source: { kind: 'svm' }, dims: 2, steps: 21, range: 1, seed: 3, path: { method: 'gd', budget: 40, learningRate: 0.1, stepSize: 0.1 } }, 'slice2d');
    const problem = svmProblem();
    expect(r.centerLoss).toBeCloseTo(problem.loss(problem.initial), 12);
    expect(r.grid[10 * 21 + 10]).toBeCloseTo(r.centerLoss, 12);
    // Piecewise linear and convex: second differences along a row are >= 0.
    for (let j = 0; j < 21; j++) for (let i = 1; i < 20; i++) expect(r.grid[j * 21 + i - 1] - 2 * r.grid[j * 21 + i] + r.grid[j * 21 + i + 1]).toBeGreaterThanOrEqual(-1e-12);
    expect(r.min).toBeLessThanOrEqual(r.centerLoss);
    expect(r.path).not.toBeNull();
    // The path starts at W itself: the plane's origin.
    expect(r.path!.alphas[0]).toBeCloseTo(0, 12);
    expect(r.path!.betas[0]).toBeCloseTo(0, 12);
    expect(r.path!.alphas.length).toBeGreaterThan(5);
  });

  it('a 1-D slice of a scalar graph over its selected inputs is the graph evaluated along the direction; same seed, same slice', async () => {
    const graph = example('xyz');
    const request: LectureRequest = { type: 'landscape', id: 1, source: { kind: 'graph', graph, inputs: ['x', 'z'] }, dims: 1, steps: 11, range: 2, seed: 5, path: null };
    const a = await answer(session(), request, 'slice1d');
    const b = await answer(session(), request, 'slice1d');
    expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
    expect(a.problem.size).toBe(2);
    expect(a.problem.description).toContain('x, z');
    expect(a.centerLoss).toBe(-12);
    expect(a.losses[5]).toBe(-12);
    // f = (x + y)·z is quadratic along any line through (x, z): constant third differences vanish.
    for (let i = 0; i + 3 < 11; i++) expect(a.losses[i + 3] - 3 * a.losses[i + 2] + 3 * a.losses[i + 1] - a.losses[i]).toBeCloseTo(0, 9);
  });

  it('strategies on the SVM example with the same budget: gradient descent below random local search below random search', async () => {
    const r = await answer(session(), {
      type: 'strategies', id: 2, source: { kind: 'svm' },
      settings: { methods: ['random', 'local', 'gd', 'sgd'], budget: 40, learningRate: 0.1, stepSize: 0.1, batchSize: 1, seed: 1 },
    }, 'strategies');
    const final = Object.fromEntries(r.curves.map((c) => [c.method, c.finalLoss]));
    expect(final.gd).toBeLessThan(final.local);
    expect(final.local).toBeLessThan(final.random);
    for (const c of r.curves) {
      expect(c.evaluations.length).toBe(c.losses.length);
      expect(c.evaluations[c.evaluations.length - 1]).toBeLessThanOrEqual(40);
    }
  });

  it('a learning-rate sweep marks the rate that diverges and keeps the others', async () => {
    const r = await answer(session(), { type: 'sweep', id: 3, source: { kind: 'svm' }, rates: [0.025, 0.25, 2.5, 25], steps: 60, batchSize: 0, seed: 1 }, 'sweep');
    expect(r.curves.map((c) => c.diverged)).toEqual([false, false, false, true]);
    const blown = r.curves[3];
    expect(blown.atStep).toBeGreaterThanOrEqual(1);
    expect(blown.losses.length).toBe(blown.atStep! + 1);
    expect(r.curves[0].losses.length).toBe(61);
    expect(r.curves[1].finalLoss).toBeLessThan(r.curves[0].finalLoss);
  });

  it("a 41x41 map of Nielsen's network on 500 digits: the centre is the network's loss on those digits", async () => {
    const graph = example('mnist-nielsen');
    const s = session();
    const r = await answer(s, { type: 'landscape', id: 4, source: { kind: 'network', graph, samples: 500, dataUrl: DATA_URL }, dims: 2, steps: 41, range: 1, seed: 1, path: null }, 'slice2d');
    expect(r.problem.size).toBe(784 * 30 + 30 + 30 * 10 + 10);
    expect(r.problem.description).toContain('500 training digits');
    expect(r.grid.length).toBe(41 * 41);
    expect(r.grid[20 * 41 + 20]).toBeCloseTo(r.centerLoss, 9);
    expect(Number.isFinite(r.min) && r.max > r.min).toBe(true);
  });

  it('the four equations of a small network: BP1 on the output layer, BP3 = δ, and δ of the first sample equals dC/dz in its scalar expansion', async () => {
    const graph = chain([['x', 'samples', { size: 4 }], ['d1', 'dense', { units: 3 }], ['s1', 'sigmoid'], ['d2', 'dense', { units: 2 }], ['s2', 'sigmoid'], ['c', 'mse']]);
    const r = await answer(session(), { type: 'equations', id: 5, graph, batchSize: 4, seed: 9, dataUrl: DATA_URL }, 'equations');
    const [l1, l2] = r.equations.layers;
    expect([l1.equation, l2.equation]).toEqual(['BP2', 'BP1']);
    expect(Array.from(l2.biasGrad)).toEqual(Array.from(l2.delta));
    expect(r.batch).toEqual(miniBatch(200, 4, 9));
    expect(r.dataDescription).toContain('random');
    // The panel words the data from its Reason in the language shown.
    expect(r.dataReason).toEqual({ id: 'lecture.random', params: {} });
    // The expansion for the same sample and the same (seeded) parameters gives the same numbers.
    const spec = compileLayered(graph);
    const network = createNetwork(spec, createRng(1));
    const scalar = expandToScalarGraph(graph, network, r.sample);
    const e = evaluate(scalar);
    for (const [layer, id] of [[l1, 'd1'], [l2, 'd2']] as const) {
      for (let j = 0; j < layer.units; j++) expect(e.grads[e.program.index.get(`${id}.z${j}`)!]).toBeCloseTo(layer.deltas[j], 12);
    }
    expect(r.sample).toEqual(sampleOf(randomDataset(4, 2, 200, 1), r.batch[0]));
  });

  it('bad input becomes an error response naming the problem, and the session keeps working', async () => {
    const s = session();
    const notLayered = await s.handle({ type: 'equations', id: 11, graph: example('xyz'), batchSize: 10, seed: 1, dataUrl: DATA_URL });
    expect(notLayered).toEqual({ type: 'error', id: 11, message: expect.stringMatching(/layer/), reason: expect.objectContaining({ id: expect.any(String) }) });
    const noInputs = await s.handle({ type: 'landscape', id: 12, source: { kind: 'graph', graph: { nodes: [{ id: 'k', op: 'const', value: 1, output: true }], edges: [] } }, dims: 1, steps: 5, range: 1, seed: 1, path: null });
    expect(noInputs).toEqual({ type: 'error', id: 12, message: expect.stringMatching(/no input nodes/), reason: { id: 'parameter.graphInputNodesNothing', params: {} } });
    const badSteps = await s.handle({ type: 'landscape', id: 13, source: { kind: 'svm' }, dims: 2, steps: 1, range: 1, seed: 1, path: null });
    expect(badSteps).toEqual({ type: 'error', id: 13, message: 'steps must be an integer >= 2, got 1', reason: { id: 'options.sliceSteps', params: { steps: 1 } } });
    // One selected input has no plane to map: refused with the reason rather than drawn with a zero β axis.
    const oneInput = await s.handle({ type: 'landscape', id: 16, source: { kind: 'graph', graph: example('xyz'), inputs: ['x'] }, dims: 2, steps: 5, range: 1, seed: 1, path: null });
    expect(oneInput).toEqual({ type: 'error', id: 16, message: 'a 2-D map needs at least 2 parameters to vary, this problem has 1: use a 1-D slice', reason: { id: 'parameter.mapNeedsTwo', params: { size: 1 } } });
    const missingData = await new LectureSession({ now: () => 0, fetchBytes: () => Promise.reject(new Error('HTTP 404')) })
      .handle({ type: 'strategies', id: 14, source: { kind: 'network', graph: example('mnist-nielsen'), samples: 10, dataUrl: 'nowhere' }, settings: { methods: ['gd'], budget: 4, learningRate: 1, stepSize: 1, batchSize: 1, seed: 1 } });
    expect(missingData).toEqual({ type: 'error', id: 14, message: 'HTTP 404' });
    await answer(s, { type: 'sweep', id: 15, source: { kind: 'svm' }, rates: [0.1], steps: 3, batchSize: 0, seed: 1 }, 'sweep');
  });

  it('compileLayered reads the number of classes off a small graph; MNIST-sized graphs keep 10', () => {
    const small = chain([['x', 'samples', { size: 2 }], ['d', 'dense', { units: 3 }], ['c', 'svm']]);
    expect(compileLayered(small).outputSize).toBe(3);
    expect(compileLayered(example('mnist-nielsen'))).toEqual(compileNetwork(example('mnist-nielsen')));
    expect(() => compileLayered(chain([['x', 'samples'], ['c', 'mse']]))).toThrow(/classes|units/);
  });
});
