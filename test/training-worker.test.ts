import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../src/core/format/index';
import { encodeIdx } from '../src/core/data/idx';
import { parseEmbedded } from '../src/core/data/embedded';
import { compileNetwork } from '../src/core/net/compile';
import { createNetwork } from '../src/core/net/network';
import { createTrainer } from '../src/core/net/train';
import { evaluateNetwork } from '../src/core/net/evaluate';
import { createRng } from '../src/core/random';
import type { Graph } from '../src/core/graph/types';
import type { TrainingSettings } from '../src/worker/protocol';
import { assignIdxFiles, idxRole } from '../src/worker/data';
import { probabilities } from '../src/worker/results';
import { trainingHost } from './helpers/training-host';

const EMBEDDED = new URL('../public/data/mnist-embedded.bin', import.meta.url);
const nielsen: Graph = parseGraph(readFileSync(new URL('../public/examples/mnist-nielsen.json', import.meta.url), 'utf8'));
const ONE_EPOCH: TrainingSettings = { epochs: 1, batchSize: 10, learningRate: 3, seed: 1 };

/** A session on a fake host (see helpers/training-host.ts). */
const harness = trainingHost;

async function withData() {
  const h = harness();
  await h.send({ type: 'loadData', source: { kind: 'embedded', url: 'embedded' } });
  return h;
}

describe('training worker session', () => {
  it('loads the embedded split: 8,000 training and 2,000 test digits', async () => {
    const h = await withData();
    expect(h.of('dataLoaded')).toEqual([{ type: 'dataLoaded', kind: 'embedded', description: 'MNIST (embedded)', descriptionReason: { id: 'data.embeddedName', params: {} }, train: 8000, test: 2000, inputSize: 784 }]);
  });

  it('trains mnist-nielsen for one epoch in slices, with curve points, progress, an epoch line and results', async () => {
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: ONE_EPOCH });
    const slices = h.drain();
    expect(slices).toBeGreaterThan(1); // it yielded between slices
    expect(h.of('status').map((m) => m.status)).toEqual(['running', 'done']);
    const [epoch] = h.of('epoch').map((m) => m.result);
    expect(epoch.epoch).toBe(1);
    expect(epoch.total).toBe(2000);
    expect(epoch.testAccuracy).toBe(epoch.correct / 2000);
    expect(epoch.testAccuracy).toBeGreaterThan(0.75);
    expect(Number.isFinite(epoch.trainLoss) && epoch.trainLoss > 0).toBe(true);
    const points = h.of('progress').flatMap((m) => m.points);
    expect(points.map((p) => p.x)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(points[3].testAccuracy).toBe(epoch.testAccuracy);
    expect(points[0].trainLoss).toBeGreaterThan(points[3].trainLoss); // it learns
    const last = h.of('progress').at(-1)!.progress;
    expect(last).toMatchObject({ epoch: 1, epochs: 1, seen: 8000, perEpoch: 8000 });
    expect(last.samplesPerSecond).toBeGreaterThan(0);
    const results = h.of('results').at(-1)!.results;
    expect(results.correct).toBe(epoch.correct);
    expect(results.confusion.reduce((a, b) => a + b, 0)).toBe(2000);
    let diagonal = 0;
    for (let d = 0; d < 10; d++) diagonal += results.confusion[d * 11];
    expect(diagonal).toBe(epoch.correct);
    expect(results.grid.count).toBe(48);
    expect(results.grid.pixels.length).toBe(48 * 784);
    expect(results.mistakes.count).toBeGreaterThan(0);
    for (let k = 0; k < results.mistakes.count; k++) expect(results.mistakes.predicted[k]).not.toBe(results.mistakes.labels[k]);
    expect(results.firstLayer).toMatchObject({ units: 30, inputs: 784 });
    expect(results.firstLayer!.weights.length).toBe(30 * 784);
  });

  it('pauses, resumes and ends with exactly the result of an uninterrupted run (same seed)', async () => {
    const THREE = { ...ONE_EPOCH, epochs: 3 };
    const plain = await withData();
    await plain.send({ type: 'start', graph: nielsen, settings: THREE });
    plain.drain();
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: THREE });
    h.drain(1);
    const results = h.of('results').length;
    await h.send({ type: 'pause' });
    const progressBefore = h.of('progress').length;
    const epochsBefore = h.of('epoch').length;
    expect(h.drain()).toBeLessThanOrEqual(1); // a slice already queued sees the pause and does nothing
    expect(h.of('progress').length).toBe(progressBefore);
    expect(h.of('epoch').length).toBe(epochsBefore);
    expect(epochsBefore).toBeLessThan(3);
    expect(h.of('results')).toHaveLength(results + 1); // pausing shows the network so far
    await h.send({ type: 'resume' });
    h.drain();
    expect(h.of('status').map((m) => m.status)).toEqual(['running', 'paused', 'running', 'done']);
    expect(h.of('epoch').map((m) => m.result.correct)).toEqual(plain.of('epoch').map((m) => m.result.correct));
    expect(h.of('results').at(-1)!.results.confusion).toEqual(plain.of('results').at(-1)!.results.confusion);
  });

  it('keeps one chain of slices when Pause and Resume come before a queued slice runs', async () => {
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: ONE_EPOCH });
    h.drain(1);
    await h.send({ type: 'pause' });
    await h.send({ type: 'resume' });
    expect(h.queue).toHaveLength(2); // the stale slice and the resumed one
    h.drain(2);
    let most = 0;
    while (h.queue.length > 0) {
      most = Math.max(most, h.queue.length);
      h.drain(1);
    }
    // Never two chains; none left when the resumed slice already finished the epoch (a fast machine).
    expect(most).toBeLessThanOrEqual(1);
    expect(h.of('status').at(-1)!.status).toBe('done');
  });

  it('gives exactly what the core gives (and the CLI prints) for the same graph, data and seed', async () => {
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: { ...ONE_EPOCH, epochs: 2 } });
    h.drain();
    const split = parseEmbedded(new Uint8Array(readFileSync(EMBEDDED)));
    const network = createNetwork(compileNetwork(nielsen), createRng(1));
    const trainer = createTrainer(network, split.train, { ...ONE_EPOCH, epochs: 2 });
    const correct: number[] = [];
    while (!trainer.progress().done) if (trainer.step(8000).epochDone) correct.push(evaluateNetwork(network, split.test).correct);
    expect(h.of('epoch').map((m) => m.result.correct)).toEqual(correct);
  });

  it('stops, keeping the network for predictions; a drawing gets probabilities that match the grid', async () => {
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: { ...ONE_EPOCH, epochs: 3 } });
    h.drain(3);
    await h.send({ type: 'stop' });
    expect(h.drain()).toBeLessThanOrEqual(1);
    expect(h.of('status').at(-1)!.status).toBe('stopped');
    const results = h.of('results').at(-1)!.results;
    const pixels = Float32Array.from(results.grid.pixels.subarray(0, 784), (v) => v / 255);
    await h.send({ type: 'predict', id: 7, pixels });
    const prediction = h.of('prediction')[0];
    expect(prediction.id).toBe(7);
    const p = prediction.probabilities;
    expect(p.length).toBe(10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.indexOf(Math.max(...p))).toBe(results.grid.predicted[0]);
  });

  it('saves weights with the graph, and a fresh session loading them reproduces the predictions', async () => {
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: ONE_EPOCH });
    h.drain();
    await h.send({ type: 'saveWeights' });
    const json = h.of('weights')[0].json;
    const file = JSON.parse(json) as { format: string; graph: { format: string } };
    expect(file.format).toBe('gradflow.weights');
    expect(file.graph.format).toBe('gradflow.graph');
    const fresh = await withData();
    await fresh.send({ type: 'loadWeights', graph: parseGraph(JSON.stringify(file.graph)), json });
    const a = h.of('results').at(-1)!.results;
    const b = fresh.of('results').at(-1)!.results;
    expect(b.confusion).toEqual(a.confusion);
    expect(b.grid.predicted).toEqual(a.grid.predicted);
  });

  it('refuses weights for another network with the core\'s message, and keeps what it had', async () => {
    const h = await withData();
    const wider = structuredClone(nielsen);
    wider.nodes.find((n) => n.id === 'd1')!.params = { units: 31, init: 'normal' };
    await h.send({ type: 'start', graph: nielsen, settings: ONE_EPOCH });
    h.drain();
    await h.send({ type: 'saveWeights' });
    await h.send({ type: 'loadWeights', graph: wider, json: h.of('weights')[0].json });
    const error = h.of('error').at(-1)!;
    expect(error.scope).toBe('weights');
    expect(error.message).toMatch(/784 -> 31 but the weights file has 784 -> 30/);
    await h.send({ type: 'saveWeights' });
    expect(h.of('weights')).toHaveLength(2);
  });

  it('reports a graph problem on the node that causes it', async () => {
    const h = await withData();
    const broken = structuredClone(nielsen);
    broken.edges = broken.edges.filter((e) => e.target !== 'd2');
    await h.send({ type: 'start', graph: broken, settings: ONE_EPOCH });
    const [error] = h.of('compileError');
    expect(error.place.nodeId).toBe('d2');
    expect(h.of('status')).toHaveLength(0);
  });

  it('refuses bad settings and training without data', async () => {
    const none = harness();
    await none.send({ type: 'start', graph: nielsen, settings: ONE_EPOCH });
    expect(none.of('error')[0]).toMatchObject({ scope: 'training', message: 'no data loaded yet' });
    const h = await withData();
    await h.send({ type: 'start', graph: nielsen, settings: { ...ONE_EPOCH, batchSize: 0 } });
    expect(h.of('error')[0].message).toMatch(/batch size/);
  });
});

describe('IDX files picked in the browser', () => {
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  const images = (n: number) => encodeIdx([n, 28, 28], new Uint8Array(n * 784).map((_, i) => i % 256));
  const labels = (n: number, top = 9) => encodeIdx([n], new Uint8Array(n).map((_, i) => i % (top + 1)));
  const file = (name: string, bytes: Uint8Array) => ({ name, bytes: bytes.buffer as ArrayBuffer });

  it('knows the four files by name, plain, gzipped or with a dot before idx', () => {
    expect(names.map(idxRole)).toEqual(['trainImages', 'trainLabels', 'testImages', 'testLabels']);
    expect(idxRole('t10k-labels-idx1-ubyte.gz')).toBe('testLabels');
    expect(idxRole('train-images.idx3-ubyte')).toBe('trainImages');
    expect(idxRole('notes.txt')).toBeNull();
  });

  it('says which file is missing, doubled or unknown', () => {
    const some = [file(names[0], images(2)), file(names[1], labels(2))];
    expect(() => assignIdxFiles(some)).toThrow('missing t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte');
    expect(() => assignIdxFiles([...some, file('train-images-idx3-ubyte.gz', images(2))])).toThrow('two files were picked for train-images-idx3-ubyte');
    expect(() => assignIdxFiles([file('cat.png', new Uint8Array(4))])).toThrow(/'cat.png' is not one of the four MNIST IDX files/);
  });

  it('loads picked files in the worker, and reports broken or mismatched ones with the core\'s error', async () => {
    const h = harness();
    const good = [file(names[0], images(30)), file(names[1], labels(30)), file(names[2], images(10)), file(names[3], labels(10))];
    await h.send({ type: 'loadData', source: { kind: 'idx', files: good } });
    expect(h.of('dataLoaded')[0]).toMatchObject({ kind: 'idx', train: 30, test: 10, inputSize: 784 });
    const mismatched = [file(names[0], images(30)), file(names[1], labels(29)), file(names[2], images(10)), file(names[3], labels(10))];
    await h.send({ type: 'loadData', source: { kind: 'idx', files: mismatched } });
    expect(h.of('error')[0]).toEqual({ type: 'error', scope: 'data', message: 'training set: 30 images but 29 labels', reason: { id: 'data.imagesButLabels', params: { what: 'training set', count: 30, labels: 29 } } });
    const truncated = [file(names[0], images(30).slice(0, 500)), file(names[1], labels(30)), file(names[2], images(10)), file(names[3], labels(10))];
    await h.send({ type: 'loadData', source: { kind: 'idx', files: truncated } });
    expect(h.of('error')[1].message).toMatch(/train-images-idx3-ubyte is truncated/);
    expect(h.of('dataLoaded')).toHaveLength(1); // the good data is still there
  });
});

describe('probabilities for the pad', () => {
  it('keeps a softmax output, shares out sigmoid outputs, and puts hinge scores through a softmax', () => {
    const soft = Float64Array.from([0.1, 0.7, 0.2]);
    expect(Array.from(probabilities(soft, 'cross_entropy'))).toEqual(Array.from(soft));
    expect(Array.from(probabilities(Float64Array.from([0.5, 0.25, 0.25]), 'mse'))).toEqual([0.5, 0.25, 0.25]);
    expect(Array.from(probabilities(Float64Array.from([0.2, 0.2]), 'mse'))).toEqual([0.5, 0.5]);
    const hinge = probabilities(Float64Array.from([2, 0, -1]), 'svm');
    const e = [Math.exp(2), 1, Math.exp(-1)];
    const z = e[0] + e[1] + e[2];
    expect(hinge[0]).toBeCloseTo(e[0] / z, 14);
    expect(hinge[2]).toBeCloseTo(e[2] / z, 14);
  });
});
