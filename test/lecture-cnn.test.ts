import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraph, type Graph } from '../src/core';
import { answer, DATA_URL, session } from './helpers/lecture';

const cnn: Graph = parseGraph(readFileSync('public/examples/mnist-cnn.json', 'utf8'));

describe('the lecture panels on the CNN example', () => {
  it('four equations: one row per conv filter and dense unit, BP1 on the dense layer, BP2 on the convolutions', async () => {
    const r = await answer(session(), { type: 'equations', id: 1, graph: cnn, batchSize: 8, seed: 2, dataUrl: DATA_URL }, 'equations');
    expect(r.equations.layers.map((l) => [l.nodeId, l.units, l.equation])).toEqual([['c1', 8, 'BP2'], ['c2', 16, 'BP2'], ['d', 10, 'BP1']]);
    for (const layer of r.equations.layers) {
      for (let j = 0; j < layer.units; j++) expect(layer.delta[j]).toBeCloseTo(layer.biasGrad[j], 12);
    }
  });
  it('a 1-D landscape slice through all 5,994 parameters, evaluated by the engine point by point', async () => {
    const r = await answer(session(), { type: 'landscape', id: 2, source: { kind: 'network', graph: cnn, samples: 100, dataUrl: DATA_URL }, dims: 1, steps: 9, range: 1, seed: 1, path: null }, 'slice1d');
    expect(r.problem.size).toBe(208 + 3216 + 2570);
    expect(r.losses).toHaveLength(9);
    expect(Array.from(r.losses).every((v) => Number.isFinite(v))).toBe(true);
    expect(r.losses[4]).toBeCloseTo(r.centerLoss, 12);
    // Away from the middle the loss changes: the slice really moves the parameters.
    expect(Math.abs(r.losses[0] - r.losses[4])).toBeGreaterThan(1e-3);
  });
});
