import { describe, expect, it } from 'vitest';
import {
  backpropBatch, cloneNetwork, compileNetwork, createNetwork, createRng, createTrainer, optimizerFromTraining, parseGraph,
  type Dataset, type Graph, type Network, type OptimizerSettings,
} from '../src/core';

/** samples 3 -> dense 4 -> tanh -> dense 2 -> softmax -> cross-entropy: small enough to follow by hand. */
const graph: Graph = {
  nodes: [
    { id: 'x', op: 'samples', params: { size: 3 } }, { id: 'h', op: 'dense', params: { units: 4, init: 'xavier' } }, { id: 't', op: 'tanh' },
    { id: 'o', op: 'dense', params: { units: 2, init: 'xavier' } }, { id: 's', op: 'softmax' }, { id: 'C', op: 'cross_entropy' },
  ],
  edges: ['h', 't', 'o', 's', 'C'].map((target, k) => ({ id: `e${k}`, source: ['x', 'h', 't', 'o', 's'][k], target, targetPort: 0 })),
};

const rng = createRng(2);
const data: Dataset = {
  count: 6,
  inputSize: 3,
  // Some zero pixels, so the first layer's sparse path is in play.
  images: Float32Array.from({ length: 18 }, (_, i) => (i % 4 === 0 ? 0 : Math.fround(rng.next()))),
  labels: Uint8Array.of(0, 1, 1, 0, 1, 0),
};
const all = [0, 1, 2, 3, 4, 5];

/** Every parameter of a network, weights then biases per layer. */
const flat = (n: Network): number[] => n.dense.flatMap((d) => [...d.weights, ...d.biases]);

/**
 * The textbook rules written out on their own, one parameter at a time, from the batch-mean gradient g
 * of backpropBatch (L2: g += λ/n · w for weights).
 */
function textbookRun(settings: OptimizerSettings, eta: number, l2: number, steps: number, start: Network): number[][] {
  const net = cloneNetwork(start);
  const state = net.dense.flatMap((d) => [d.weights, d.biases]).map((p) => ({ v: new Array<number>(p.length).fill(0), m: new Array<number>(p.length).fill(0) }));
  const after: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    const grads = backpropBatch(net, data, all, 'js');
    net.dense.forEach((d, k) => {
      ([[d.weights, grads.weightGrads[k], true], [d.biases, grads.biasGrads[k], false]] as const).forEach(([w, gMean, isWeight], which) => {
        const s = state[2 * k + which];
        for (let i = 0; i < w.length; i++) {
          const g = gMean[i] + (isWeight ? (l2 / data.count) * w[i] : 0);
          if (settings.kind === 'sgd') w[i] = w[i] - eta * g;
          else if (settings.kind === 'momentum') {
            s.v[i] = (settings.momentum ?? 0.9) * s.v[i] - eta * g;
            w[i] = w[i] + s.v[i];
          } else {
            const b1 = settings.beta1 ?? 0.9;
            const b2 = settings.beta2 ?? 0.999;
            s.m[i] = b1 * s.m[i] + (1 - b1) * g;
            s.v[i] = b2 * s.v[i] + (1 - b2) * g * g;
            const mHat = s.m[i] / (1 - b1 ** t);
            const vHat = s.v[i] / (1 - b2 ** t);
            w[i] = w[i] - (eta * mHat) / (Math.sqrt(vHat) + (settings.epsilon ?? 1e-8));
          }
        }
      });
    });
    after.push(flat(net));
  }
  return after;
}

describe('optimisers follow their textbook update to 1e-12', () => {
  const cases: [string, OptimizerSettings, number, number][] = [
    ['sgd', { kind: 'sgd' }, 0.5, 0],
    ['sgd with L2', { kind: 'sgd' }, 0.5, 0.3],
    ['momentum 0.9', { kind: 'momentum', momentum: 0.9 }, 0.2, 0],
    ['momentum 0.5 with L2', { kind: 'momentum', momentum: 0.5 }, 0.2, 0.3],
    ['adam (defaults)', { kind: 'adam' }, 0.01, 0],
    ['adam β1 0.8, β2 0.99, ε 1e-6, L2', { kind: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }, 0.05, 0.1],
  ];
  for (const [name, settings, eta, l2] of cases) {
    it(name, () => {
      const start = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(9));
      const expected = textbookRun(settings, eta, l2, 8, start);
      const network = cloneNetwork(start);
      // One full batch per epoch: the shuffle changes only the order of the batch's sum.
      const trainer = createTrainer(network, data, { epochs: 8, batchSize: 6, learningRate: eta, seed: 1, l2, optimizer: settings, kernel: 'js' });
      let moved = 0;
      for (let step = 0; step < 8; step++) {
        trainer.step(6);
        const got = flat(network);
        let worst = 0;
        got.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - expected[step][i])); });
        expect(worst).toBeLessThan(1e-12);
        moved = Math.max(moved, ...got.map((v, i) => Math.abs(v - flat(start)[i])));
      }
      // The parameters really moved: the comparison is not between two untouched networks.
      expect(moved).toBeGreaterThan(1e-3);
    });
  }
  it('momentum and Adam take different paths from SGD on the same problem', () => {
    const start = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(9));
    const sgd = textbookRun({ kind: 'sgd' }, 0.1, 0, 3, start)[2];
    const momentum = textbookRun({ kind: 'momentum' }, 0.1, 0, 3, start)[2];
    expect(Math.max(...sgd.map((v, i) => Math.abs(v - momentum[i])))).toBeGreaterThan(1e-4);
  });
  it('refuses hyper-parameters outside their range', () => {
    const network = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(9));
    expect(() => createTrainer(network, data, { epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1, optimizer: { kind: 'momentum', momentum: 1 } })).toThrow('momentum must be in [0, 1), got 1');
    expect(() => createTrainer(network, data, { epochs: 1, batchSize: 2, learningRate: 0.1, seed: 1, optimizer: { kind: 'adam', epsilon: 0 } })).toThrow('epsilon must be a positive number, got 0');
  });
});

describe('the file\'s training block names the optimiser', () => {
  const file = (training: object): string => JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: graph.nodes, edges: graph.edges, training });
  it('reads optimizer, momentum, beta1, beta2 and epsilon with their defaults', () => {
    expect(optimizerFromTraining(parseGraph(file({ optimizer: 'adam', beta2: 0.99 })).training)).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
    expect(optimizerFromTraining(parseGraph(file({ optimizer: 'momentum' })).training)).toEqual({ kind: 'momentum', momentum: 0.9 });
    expect(optimizerFromTraining(parseGraph(file({ epochs: 2 })).training)).toEqual({ kind: 'sgd' });
  });
  it('names a bad optimiser or hyper-parameter', () => {
    expect(() => parseGraph(file({ optimizer: 'rmsprop' }))).toThrow('training.optimizer is "rmsprop": expected one of sgd, momentum, adam');
    expect(() => parseGraph(file({ optimizer: 'momentum', momentum: 1.5 }))).toThrow('training.momentum is 1.5: expected less than 1');
  });
});
