import { describe, expect, it } from 'vitest';
import {
  biasId, compileNetwork, createNetwork, createRng, evaluate, expandToScalarGraph, fourEquations, gradOf, valueOf, weightId,
  type Dataset, type Graph,
} from '../src/core';
import { chain } from './helpers/graphs';

describe('the four equations of a mini-batch', () => {
  const cases: { name: string; graph: Graph; act: string; out?: string }[] = [
    { name: '4-3-2 sigmoid, quadratic cost', graph: chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'sigmoid'], ['o', 'dense', { units: 2 }], ['s', 'sigmoid'], ['C', 'mse']]), act: 'a', out: 's' },
    { name: '4-3-2 tanh, softmax and cross-entropy', graph: chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'tanh'], ['o', 'dense', { units: 2 }], ['p', 'softmax'], ['C', 'cross_entropy']]), act: 'a', out: 'p' },
    { name: '4-3-2 relu, SVM on raw scores', graph: chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'relu'], ['o', 'dense', { units: 2 }], ['C', 'svm']]), act: 'a' },
  ];
  for (const { name, graph, act, out } of cases) {
    it(`match the scalar expansion's gradients, batch-averaged (${name})`, () => {
      const rng = createRng(name.length);
      const network = createNetwork(compileNetwork(graph, { classes: 2 }), rng);
      const count = 5;
      const images = Float32Array.from({ length: 4 * count }, () => rng.next());
      const data: Dataset = { count, inputSize: 4, images, labels: Uint8Array.from({ length: count }, () => rng.int(2)) };
      const batch = [4, 1, 3];
      const eq = fourEquations(network, data, batch);
      expect(eq.layers.map((l) => [l.nodeId, l.equation, l.inputSize, l.units])).toEqual([['h', 'BP2', 4, 3], ['o', 'BP1', 3, 2]]);
      // The same numbers from the scalar engine, one expanded graph per sample, averaged.
      const scalar = batch.map((i) => evaluate(expandToScalarGraph(graph, network, { input: Array.from(images.subarray(i * 4, i * 4 + 4)), label: data.labels[i] })));
      const mean = (f: (s: (typeof scalar)[number]) => number) => scalar.reduce((sum, s) => sum + f(s), 0) / batch.length;
      expect(Math.abs(eq.loss - mean((s) => valueOf(s, 'C')))).toBeLessThan(1e-12);
      for (const layer of eq.layers) {
        const id = layer.nodeId;
        let norm = 0;
        for (let j = 0; j < layer.units; j++) {
          const delta = mean((s) => gradOf(s, `${id}.z${j}`));
          expect(Math.abs(layer.delta[j] - delta)).toBeLessThan(1e-9);
          expect(Math.abs(layer.biasGrad[j] - mean((s) => gradOf(s, biasId(id, j))))).toBeLessThan(1e-9);
          expect(Math.abs(layer.z[j] - mean((s) => valueOf(s, `${id}.z${j}`)))).toBeLessThan(1e-12);
          const aId = id === 'h' ? act : out;
          const a = aId === undefined ? mean((s) => valueOf(s, `${id}.z${j}`)) : mean((s) => valueOf(s, `${aId}.${j}`));
          expect(Math.abs(layer.a[j] - a)).toBeLessThan(1e-12);
          batch.forEach((_i, s) => expect(Math.abs(layer.deltas[s * layer.units + j] - gradOf(scalar[s], `${id}.z${j}`))).toBeLessThan(1e-9));
          for (let i = 0; i < layer.inputSize; i++) {
            const g = mean((s) => gradOf(s, weightId(id, j, i)));
            expect(Math.abs(layer.weightGrad[j * layer.inputSize + i] - g)).toBeLessThan(1e-9);
            norm += g * g;
          }
        }
        expect(layer.weightGradNorm).toBeCloseTo(Math.sqrt(norm), 9);
      }
    });
  }

  it('refuses an empty batch or a sample outside the data', () => {
    const graph = cases[0].graph;
    const network = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(1));
    const data: Dataset = { count: 2, inputSize: 4, images: new Float32Array(8), labels: new Uint8Array(2) };
    expect(() => fourEquations(network, data, [])).toThrow('the mini-batch is empty');
    expect(() => fourEquations(network, data, [2])).toThrow('sample 2 is not in the data (0..1)');
  });
});
