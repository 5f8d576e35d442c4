import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork, createNetwork, createRng, createTrainer, evaluateNetwork, parseGraph, type DataSplit, type Network, type TrainOptions } from '../src/core';
import { loadEmbeddedSplit, loadIdxDir } from '../src/cli/data';

const example = (name: string) => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

/** Builds the example's network and trains it, stepping in chunks of `chunk` samples. */
function trainExample(name: string, data: DataSplit, overrides: Partial<TrainOptions>, chunk = 1e9): Network {
  const graph = example(name);
  const options = { ...(graph.training as TrainOptions), ...overrides };
  const network = createNetwork(compileNetwork(graph), createRng(options.seed));
  const trainer = createTrainer(network, data.train, options);
  while (!trainer.step(chunk).done);
  return network;
}

describe('mini-batch SGD on the embedded MNIST split', () => {
  const mnist = loadEmbeddedSplit();

  it('mnist-nielsen learns the digits: at least 1,750 / 2,000 after 10 epochs (network.py reference: 1,798)', () => {
    const network = trainExample('mnist-nielsen', mnist, { epochs: 10 });
    const { correct, total, confusion } = evaluateNetwork(network, mnist.test);
    expect(total).toBe(2000);
    expect(correct).toBeGreaterThanOrEqual(1750);
    // The confusion matrix's diagonal is the correct count.
    let diagonal = 0;
    for (let d = 0; d < 10; d++) diagonal += confusion[d * 11];
    expect(diagonal).toBe(correct);
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('mnist-modern (ReLU, softmax, cross-entropy) reaches at least 1,880 / 2,000 after its 10 epochs (seed 1: 1,903)', () => {
    const network = trainExample('mnist-modern', mnist, {});
    const { correct, total } = evaluateNetwork(network, mnist.test);
    expect(total).toBe(2000);
    expect(correct).toBeGreaterThanOrEqual(1880);
  });

  it('same seed, same result, whatever the chunking; another seed, another result', () => {
    const small: DataSplit = { ...mnist, train: { ...mnist.train, count: 1000 } };
    const a = trainExample('mnist-modern', small, { epochs: 2 });
    const b = trainExample('mnist-modern', small, { epochs: 2 }, 137);
    const c = trainExample('mnist-modern', small, { epochs: 2, seed: 2 });
    expect(b.dense[0].weights).toEqual(a.dense[0].weights);
    expect(b.dense[1].biases).toEqual(a.dense[1].biases);
    expect(c.dense[1].biases).not.toEqual(a.dense[1].biases);
  });

  it('the JavaScript and WebAssembly SIMD kernels train the same network (to round-off)', () => {
    const small: DataSplit = { ...mnist, train: { ...mnist.train, count: 500 } };
    const js = trainExample('mnist-modern', small, { epochs: 1, kernel: 'js' });
    const simd = trainExample('mnist-modern', small, { epochs: 1, kernel: 'simd' });
    let worst = 0;
    js.dense.forEach((d, k) => d.weights.forEach((w, c) => { worst = Math.max(worst, Math.abs(w - simd.dense[k].weights[c])); }));
    expect(worst).toBeLessThan(1e-9);
    expect(evaluateNetwork(js, mnist.test, 'js').correct).toBe(evaluateNetwork(simd, mnist.test, 'simd').correct);
  });

  it('L2 weight decay shrinks the weights', () => {
    const small: DataSplit = { ...mnist, train: { ...mnist.train, count: 1000 } };
    const norm = (n: Network): number => n.dense[0].weights.reduce((s, w) => s + w * w, 0);
    const plain = trainExample('mnist-nielsen', small, { epochs: 1 });
    const decayed = trainExample('mnist-nielsen', small, { epochs: 1, l2: 5 });
    expect(norm(decayed)).toBeLessThan(0.9 * norm(plain));
  });
});

const fashion = '/usr/share/datasets/fashion-mnist';
describe.skipIf(!existsSync(fashion) && !process.env.CI)(`mnist-modern on Fashion-MNIST (${fashion}; skipped outside CI when Debian's dataset-fashion-mnist is not installed)`, () => {
  it('reaches at least 0.85 test accuracy in 3 epochs', () => {
    const data = loadIdxDir(fashion);
    const network = trainExample('mnist-modern', data, { epochs: 3 });
    const { correct, total } = evaluateNetwork(network, data.test);
    expect(total).toBe(10000);
    expect(correct / total).toBeGreaterThanOrEqual(0.85);
  });
});

describe('training a network that starts with an activation (dense input path, full updates)', () => {
  it('lowers the hinge loss on a small learnable problem', () => {
    const graph = parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'samples', params: { size: 2 } }, { id: 't', op: 'tanh' }, { id: 'd', op: 'dense', params: { units: 2, init: 'xavier' } }, { id: 'C', op: 'svm' }],
      edges: [{ id: 'a', source: 'x', target: 't', targetPort: 0 }, { id: 'b', source: 't', target: 'd', targetPort: 0 }, { id: 'c', source: 'd', target: 'C', targetPort: 0 }],
    }));
    const rng = createRng(3);
    const count = 200;
    const images = new Float32Array(count * 2);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      images[2 * i] = rng.next() * 2 - 1;
      images[2 * i + 1] = rng.next() * 2 - 1;
      labels[i] = images[2 * i] + images[2 * i + 1] > 0 ? 1 : 0;
    }
    const data = { count, inputSize: 2, images, labels };
    const network = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(1));
    const before = evaluateNetwork(network, data);
    const trainer = createTrainer(network, data, { epochs: 20, batchSize: 10, learningRate: 0.1, seed: 1 });
    while (!trainer.step(1000).done);
    const after = evaluateNetwork(network, data);
    expect(after.loss).toBeLessThan(0.5 * before.loss);
    expect(after.correct).toBeGreaterThanOrEqual(180);
  });
});
