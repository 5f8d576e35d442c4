import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, createTrainer, evaluateNetwork, parseGraph, toySplit, trainOptionsFrom,
  type DataSplit, type TrainOptions,
} from '../src/core';
import { loadEmbeddedSplit, loadIdxDir } from '../src/cli/data';

const example = (name: string) => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

/** Trains an example with its file's settings (and `overrides`), calling `after(epoch, accuracy)` after each epoch. */
function trainExample(name: string, data: DataSplit, overrides: Partial<TrainOptions>, after: (epoch: number, accuracy: number) => void): void {
  const graph = example(name);
  const spec = compileNetwork(graph);
  const options = { ...trainOptionsFrom(graph.training, spec.loss), ...overrides };
  const network = createNetwork(spec, createRng(options.seed));
  const trainer = createTrainer(network, data.train, options);
  for (;;) {
    const progress = trainer.step(1e9);
    const { correct, total } = evaluateNetwork(network, data.test);
    after(progress.epoch, correct / total);
    if (progress.done) return;
  }
}

describe('the CNN example (conv 8x5x5, pool, conv 16x5x5, pool, dense 10, Adam) on the embedded MNIST split', () => {
  it('reaches at least 95% after 3 epochs and 97% after 10 (seed 1)', () => {
    const accuracy: number[] = [];
    trainExample('mnist-cnn', loadEmbeddedSplit(), { epochs: 10 }, (_epoch, a) => accuracy.push(a));
    expect(accuracy).toHaveLength(10);
    expect(accuracy[2]).toBeGreaterThanOrEqual(0.95);
    expect(accuracy[9]).toBeGreaterThanOrEqual(0.97);
  }, 900_000);
});

const fashion = '/usr/share/datasets/fashion-mnist';
/*
 * The two-conv MNIST example is too narrow for 88% of Fashion-MNIST in 2 epochs: PyTorch with the same
 * network and settings gets 86.6-87.1% (seeds 1-3), gradflow 86.8-88.0%. One wider conv layer
 * (fashion-cnn.json) gets 88.5-88.8% over seeds 1-4 here (PyTorch: 88.2-89.1%).
 */
describe.skipIf(!existsSync(fashion) && !process.env.CI)(`CNN examples on Fashion-MNIST (${fashion}; skipped outside CI when Debian's dataset-fashion-mnist is not installed)`, () => {
  let data: DataSplit;
  beforeAll(() => {
    data = loadIdxDir(fashion);
  });

  it('fashion-cnn (conv 16x5x5, pool, dense 10) reaches at least 88% of the 10,000 test images after its 2 epochs of the 60,000 (seed 1)', () => {
    expect([data.train.count, data.test.count]).toEqual([60000, 10000]);
    const accuracy: number[] = [];
    trainExample('fashion-cnn', data, {}, (_epoch, a) => accuracy.push(a));
    expect(accuracy).toHaveLength(2);
    expect(accuracy[1]).toBeGreaterThanOrEqual(0.88);
  }, 600_000);

  it('mnist-cnn reaches at least 86.5% after 2 epochs (seed 1), as PyTorch does with the same network', () => {
    const accuracy: number[] = [];
    trainExample('mnist-cnn', data, { epochs: 2 }, (_epoch, a) => accuracy.push(a));
    expect(accuracy[1]).toBeGreaterThanOrEqual(0.865);
  }, 600_000);
});

describe('the 2-D toy network on the spiral', () => {
  it('a small tanh network (2 x 16 units) separates the two arms: at least 95% of the held-out points', () => {
    const data = toySplit('spiral', { seed: 1 });
    expect(data.train.count + data.test.count).toBe(500);
    const accuracy: number[] = [];
    trainExample('toy-spiral', data, {}, (_epoch, a) => accuracy.push(a));
    expect(accuracy[accuracy.length - 1]).toBeGreaterThanOrEqual(0.95);
    // It had to learn it: the first epoch is far from there.
    expect(accuracy[0]).toBeLessThan(0.8);
  });
});
