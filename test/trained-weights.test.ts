import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, evaluate, networkProblem, parseEmbedded, parseGraph, parseWeights, type Graph,
} from '../src/core';
import { expandedGraph } from '../src/ui/lecture/expand';
import { relationTo } from '../src/ui/lecture/stale';
import { clearTrained, setTrained, trainedFor } from '../src/ui/store/trained';
import { LectureSession } from '../src/worker/lectureSession';
import { compileLayered } from '../src/worker/lectureData';
import { networkWithParameters, snapshotParameters, weightsNote, type TrainedParameters } from '../src/worker/parameters';
import { trainingHost } from './helpers/training-host';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

describe('trained weights reach the lecture tools', () => {
  const DATA_URL = 'data/mnist-embedded.bin';
  const lecture = (): LectureSession => new LectureSession({
    now: () => 0,
    fetchBytes: async (url) => {
      const bytes = readFileSync(`public/${url}`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  });
  const small = (): Graph => ({
    nodes: [
      { id: 'x', op: 'samples', params: { size: 4 } }, { id: 'd1', op: 'dense', params: { units: 3 } }, { id: 's1', op: 'sigmoid' },
      { id: 'd2', op: 'dense', params: { units: 2 } }, { id: 's2', op: 'sigmoid' }, { id: 'c', op: 'mse' },
    ],
    edges: ['d1', 's1', 'd2', 's2', 'c'].map((id, k, ids) => ({ id: `e${k}`, source: k === 0 ? 'x' : ids[k - 1], target: id, targetPort: 0 })),
  });

  /** A training session on a fake host with the embedded digits loaded. */
  async function trainingHarness() {
    const h = trainingHost();
    await h.send({ type: 'loadData', source: { kind: 'embedded', url: 'embedded' } });
    return h;
  }

  it('the training worker posts a copy of the parameters after each epoch (and fractional epochs on pause) that match the saved weights', async () => {
    const nielsen = example('mnist-nielsen');
    const h = await trainingHarness();
    await h.session.handle({ type: 'start', graph: nielsen, settings: { epochs: 2, batchSize: 10, learningRate: 3, seed: 1 } });
    h.queue.shift()!();
    await h.session.handle({ type: 'pause' });
    const paused = h.of('parameters').at(-1)!.parameters;
    expect(paused.epoch).toBeGreaterThan(0);
    expect(paused.epoch).toBeLessThan(1);
    await h.session.handle({ type: 'resume' });
    while (h.queue.length > 0) h.queue.shift()!();
    const epochs = h.of('parameters').map((m) => m.parameters.epoch);
    expect(epochs.slice(-2)).toEqual([1, 2]);
    const last = h.of('parameters').at(-1)!.parameters;
    await h.session.handle({ type: 'saveWeights' });
    const saved = parseWeights(h.of('weights')[0].json, compileNetwork(nielsen));
    expect(last.layers.map((l) => [l.nodeId, l.inputSize, l.units])).toEqual([['d1', 784, 30], ['d2', 30, 10]]);
    last.layers.forEach((l, k) => {
      expect(Array.from(l.weights)).toEqual(Array.from(saved.dense[k].weights));
      expect(Array.from(l.biases)).toEqual(Array.from(saved.dense[k].biases));
    });
    // The pause copy is a snapshot, not the trainer's live arrays.
    expect(Array.from(paused.layers[1].biases)).not.toEqual(Array.from(last.layers[1].biases));

    // The landscape of the trained network sits lower than that of the freshly initialised one, and says which it used.
    const s = lecture();
    const ask = (parameters?: TrainedParameters) => s.handle({
      type: 'landscape', id: 1, dims: 1, steps: 5, range: 0.5, seed: 1, path: null,
      source: parameters === undefined ? { kind: 'network', graph: nielsen, samples: 200, dataUrl: DATA_URL } : { kind: 'network', graph: nielsen, samples: 200, dataUrl: DATA_URL, parameters },
    });
    const trained = await ask(last);
    const initial = await ask();
    if (trained.type !== 'slice1d' || initial.type !== 'slice1d') throw new Error('expected two slices');
    expect(trained.problem.weights).toEqual({ kind: 'trained', epoch: 2 });
    expect(initial.problem.weights).toEqual({ kind: 'initial', seed: 1 });
    expect(trained.centerLoss).toBeLessThan(initial.centerLoss / 3);
    // The centre is the trained network's loss on those digits, as the core computes it.
    const digits = parseEmbedded(new Uint8Array(readFileSync('public/data/mnist-embedded.bin'))).train;
    const problem = networkProblem(networkWithParameters(compileNetwork(nielsen), last), digits, { samples: 200 });
    expect(trained.centerLoss).toBeCloseTo(problem.loss(problem.initial), 12);

    // Loaded weights are "trained" without an epoch.
    await h.session.handle({ type: 'loadWeights', graph: nielsen, json: h.of('weights')[0].json });
    expect(h.of('parameters').at(-1)!.parameters.epoch).toBeNull();
  });

  it("the four equations and the scalar expansion use the same trained parameters: each z gradient equals that sample's δ", async () => {
    const graph = small();
    const spec = compileLayered(graph);
    const parameters = snapshotParameters(createNetwork(spec, createRng(77)), 3);
    const r = await lecture().handle({ type: 'equations', id: 2, graph, batchSize: 4, seed: 9, dataUrl: DATA_URL, parameters });
    const fresh = await lecture().handle({ type: 'equations', id: 3, graph, batchSize: 4, seed: 9, dataUrl: DATA_URL });
    if (r.type !== 'equations' || fresh.type !== 'equations') throw new Error('expected equations');
    expect(r.weights).toEqual({ kind: 'trained', epoch: 3 });
    expect(fresh.weights).toEqual({ kind: 'initial', seed: 1 });
    expect(Array.from(r.equations.layers[1].delta)).not.toEqual(Array.from(fresh.equations.layers[1].delta));
    const expanded = await expandedGraph(graph, 4, 9, parameters);
    expect(expanded.sampleIndex).toBe(r.batch[0]);
    const e = evaluate(expanded.graph);
    for (const layer of r.equations.layers) {
      for (let j = 0; j < layer.units; j++) expect(e.grads[e.program.index.get(`${layer.nodeId}.z${j}`)!]).toBeCloseTo(layer.deltas[j], 12);
    }
  });

  it('parameters for another network are refused naming the layer', () => {
    const graph = small();
    const parameters = snapshotParameters(createNetwork(compileLayered(graph), createRng(1)), 1);
    const wider = small();
    wider.nodes[1].params = { units: 5 };
    expect(() => networkWithParameters(compileLayered(wider), parameters)).toThrow(/'d1' is 4 -> 5 but the trained weights have 'd1' 4 -> 3/);
    expect(() => networkWithParameters(compileLayered({ ...graph, nodes: graph.nodes.slice(0, 3).concat([{ id: 'c', op: 'mse' }]), edges: [...graph.edges.slice(0, 2), { id: 'ec', source: 's1', target: 'c', targetPort: 0 }] }), parameters))
      .toThrow(/2 layers with parameters but the network has 1/);
  });

  it('the shared store hands parameters only to the network they were trained on; moves and relabels do not matter', () => {
    const graph = small();
    const parameters = snapshotParameters(createNetwork(compileLayered(graph), createRng(1)), 2);
    clearTrained();
    expect(trainedFor(graph)).toBeNull();
    setTrained(graph, parameters);
    const moved = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: 5, y: 7 }, label: `${n.id}!` })) };
    expect(trainedFor(moved)).toBe(parameters);
    const edited = small();
    edited.nodes[3].params = { units: 4 };
    expect(trainedFor(edited)).toBeNull();
    clearTrained();
    expect(trainedFor(graph)).toBeNull();
  });

  it('notes say which weights were used', () => {
    expect(weightsNote({ kind: 'trained', epoch: 3 })).toBe('trained (epoch 3)');
    expect(weightsNote({ kind: 'trained', epoch: 2.4 })).toBe('trained (epoch 2.4)');
    expect(weightsNote({ kind: 'trained', epoch: null })).toBe('trained (loaded weights)');
    expect(weightsNote({ kind: 'initial', seed: 5 })).toBe('initial (seed 5)');
  });
});

describe('the δ view after "Expand to scalar graph"', () => {
  it('is current for its network (moves do not count), "expanded" for its scalar graph, stale for anything else', async () => {
    const graph: Graph = {
      nodes: [{ id: 'x', op: 'samples', params: { size: 2 } }, { id: 'd1', op: 'dense', params: { units: 2 } }, { id: 'c', op: 'mse' }],
      edges: [{ id: 'e1', source: 'x', target: 'd1', targetPort: 0 }, { id: 'e2', source: 'd1', target: 'c', targetPort: 0 }],
    };
    const scalar = (await expandedGraph(graph, 1, 1)).graph;
    const moved = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(relationTo(moved, graph, scalar)).toBe('current');
    expect(relationTo(structuredClone(scalar), graph, scalar)).toBe('expanded');
    expect(relationTo(scalar, graph, null)).toBe('stale');
    const edited = { ...scalar, nodes: scalar.nodes.map((n) => (n.op === 'input' ? { ...n, value: 0.123 } : n)) };
    expect(relationTo(edited, graph, scalar)).toBe('stale');
  });
});
