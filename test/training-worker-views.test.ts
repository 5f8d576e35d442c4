import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../src/core/format/index';
import { parseEmbedded } from '../src/core/data/embedded';
import { compileNetwork } from '../src/core/net/compile';
import { createNetwork } from '../src/core/net/network';
import { layerOutputs } from '../src/core/net/inspect';
import { serializeWeights } from '../src/core/net/weights';
import { createRng } from '../src/core/random';
import { sample } from '../src/worker/results';
import { trainingHost } from './helpers/training-host';

const example = (name: string) => parseGraph(readFileSync(new URL(`../public/examples/${name}.json`, import.meta.url), 'utf8'));

describe('training worker: your own data and the pictures of new networks', () => {
  it('trains the toy network on the spiral and reports the decision boundary over the plane with the test points', async () => {
    const h = trainingHost();
    await h.send({ type: 'loadData', source: { kind: 'toy', toy: 'spiral', noise: 0.1, seed: 2 } });
    expect(h.of('dataLoaded')).toEqual([{ type: 'dataLoaded', kind: 'toy', description: 'spiral (noise 0.1, seed 2)', descriptionReason: { id: 'data.toyName', params: { kind: { id: 'data.toy.spiral', params: {} }, noise: 0.1, seed: 2 } }, train: 400, test: 100, inputSize: 2 }]);
    await h.send({ type: 'start', graph: example('toy-spiral'), settings: { epochs: 3, batchSize: 10, learningRate: 0.01, seed: 1, optimizer: { kind: 'adam' } } });
    h.drain();
    expect(h.of('status').map((m) => m.status)).toEqual(['running', 'done']);
    const boundary = h.of('results').at(-1)!.results.boundary!;
    expect(boundary.size).toBe(64);
    expect(boundary.classes).toBe(2);
    expect(boundary.outputs).toHaveLength(64 * 64 * 2);
    // Softmax outputs: each cell's two probabilities add to 1, and the map is not flat.
    let spread = 0;
    for (let cell = 0; cell < 64 * 64; cell++) {
      expect(boundary.outputs[2 * cell] + boundary.outputs[2 * cell + 1]).toBeCloseTo(1, 5);
      spread = Math.max(spread, Math.abs(boundary.outputs[2 * cell] - boundary.outputs[0]));
    }
    expect(spread).toBeGreaterThan(0.1);
    expect(boundary.labels).toHaveLength(100);
    expect(boundary.points).toHaveLength(200);
    // Every point lies inside the plane drawn.
    for (let i = 0; i < 100; i++) {
      expect(boundary.points[2 * i]).toBeGreaterThan(boundary.extent.x0);
      expect(boundary.points[2 * i]).toBeLessThan(boundary.extent.x1);
    }
    expect(h.of('results').at(-1)!.results.layers).toBeNull();
  });

  it('reads a CSV file in the worker, and reports a bad one as a data error naming the row', async () => {
    const h = trainingHost();
    const rows = ['x,y,label', ...Array.from({ length: 20 }, (_, i) => `${i / 10},${(i % 3) / 2},${i % 2}`)].join('\n');
    await h.send({ type: 'loadData', source: { kind: 'csv', name: 'points.csv', text: rows, testFraction: 0.25, standardize: true, seed: 1 } });
    expect(h.of('dataLoaded')[0]).toMatchObject({ kind: 'csv', description: 'points.csv', train: 15, test: 5, inputSize: 2 });
    await h.send({ type: 'loadData', source: { kind: 'csv', name: 'bad.csv', text: 'x,y,label\n1,2,0\n1,oops,1', testFraction: 0.2, standardize: false, seed: 1 } });
    expect(h.of('error').at(-1)).toEqual({ type: 'error', scope: 'data', message: 'bad.csv: row 3, column "y": "oops" is not a number', reason: { id: 'data.cellNotNumber', params: { name: 'bad.csv', row: 3, column: { id: 'data.columnNamed', params: { column: '"y"' } }, cell: '"oops"' } } });
  });

  it('shows the CNN\'s feature maps for a chosen test image, and its filters', async () => {
    const h = trainingHost();
    await h.send({ type: 'loadData', source: { kind: 'embedded', url: 'embedded' } });
    const graph = example('mnist-cnn');
    const network = createNetwork(compileNetwork(graph), createRng(4));
    await h.send({ type: 'loadWeights', graph, json: serializeWeights(network) });
    const first = h.of('results').at(-1)!.results.layers!;
    expect(first.index).toBe(0);
    expect([first.input.channels, first.input.height, first.input.width]).toEqual([1, 28, 28]);
    expect(first.outputs.map((v) => `${v.op} ${v.channels}x${v.height}x${v.width}`)).toEqual([
      'conv2d 8x24x24', 'relu 8x24x24', 'maxpool 8x12x12', 'conv2d 16x8x8', 'relu 16x8x8', 'maxpool 16x4x4', 'dense 1x1x10', 'softmax 1x1x10',
    ]);
    expect(first.filters.map((f) => [f.nodeId, f.filters, f.channels, f.kernel])).toEqual([['c1', 8, 1, 5], ['c2', 16, 8, 5]]);
    expect(Array.from(first.filters[0].weights)).toEqual(Array.from(Float32Array.from(network.dense[0].weights)));

    await h.send({ type: 'inspect', index: 5 });
    const views = h.of('results').at(-1)!.results.layers!;
    const test = parseEmbedded(readFileSync(new URL('../public/data/mnist-embedded.bin', import.meta.url))).test;
    expect(views.index).toBe(5);
    expect(views.label).toBe(test.labels[5]);
    const expected = layerOutputs(network, sample(test, 5));
    expect(Array.from(views.outputs[0].values)).toEqual(Array.from(Float32Array.from(expected[0])));
    expect(Array.from(views.outputs[7].values)).toEqual(Array.from(Float32Array.from(expected[7])));
    // An index past the end shows the last image.
    await h.send({ type: 'inspect', index: 99_999 });
    expect(h.of('results').at(-1)!.results.layers!.index).toBe(1999);
  });
});
