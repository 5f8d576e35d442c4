import { beforeEach, describe, expect, it } from 'vitest';
import { applyResponse, resetRun, useTraining } from '../src/ui/training/store';
import { graphFingerprint } from '../src/core/graph/fingerprint';
import type { Graph } from '../src/core/graph/types';

const graph: Graph = {
  nodes: [
    { id: 'x', op: 'samples', params: { size: 4 }, position: { x: 0, y: 0 } },
    { id: 'd', op: 'dense', params: { units: 2, init: 'normal' } },
    { id: 'l', op: 'svm' },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'd', targetPort: 0 },
    { id: 'e2', source: 'd', target: 'l', targetPort: 0 },
  ],
};

const initial = useTraining.getState();

describe('training panel store', () => {
  beforeEach(() => useTraining.setState(initial, true));

  it('appends curve points from progress messages and keeps the latest progress', () => {
    const progress = { epoch: 1, epochs: 2, seen: 2000, perEpoch: 8000, samplesPerSecond: 50_000 };
    applyResponse({ type: 'progress', progress, points: [{ x: 0.25, trainLoss: 0.5, testAccuracy: 0.4 }] });
    applyResponse({ type: 'progress', progress: { ...progress, seen: 3000 }, points: [] });
    applyResponse({ type: 'progress', progress: { ...progress, seen: 4000 }, points: [{ x: 0.5, trainLoss: 0.3, testAccuracy: 0.7 }] });
    const s = useTraining.getState();
    expect(s.curves).toEqual({ x: [0.25, 0.5], loss: [0.5, 0.3], accuracy: [0.4, 0.7] });
    expect(s.progress?.seen).toBe(4000);
  });

  it('starts a run afresh: curves, epochs and the edit question cleared, the run\'s graph remembered', () => {
    applyResponse({ type: 'progress', progress: { epoch: 1, epochs: 1, seen: 1, perEpoch: 1, samplesPerSecond: 1 }, points: [{ x: 1, trainLoss: 1, testAccuracy: 1 }] });
    applyResponse({ type: 'epoch', result: { epoch: 1, trainLoss: 1, testAccuracy: 0.5, correct: 1, total: 2, seconds: 0.1 } });
    useTraining.setState({ editedWhileTraining: true });
    resetRun(graph);
    const s = useTraining.getState();
    expect(s.curves.x).toEqual([]);
    expect(s.epochs).toEqual([]);
    expect(s.editedWhileTraining).toBe(false);
    expect(s.trainedGraph).toBe(graph);
  });

  it('ties a worker compile error to the run\'s graph and its node', () => {
    resetRun(graph);
    applyResponse({ type: 'compileError', message: 'the samples node has size 4 but the data has 784 inputs per sample', place: { nodeId: 'x' } });
    const s = useTraining.getState();
    expect(s.compileError).toEqual({ message: 'the samples node has size 4 but the data has 784 inputs per sample', nodeId: 'x' });
    expect(s.compiledKey).toBe(graphFingerprint(graph));
  });

  it('clears the edit question when a run ends, and routes errors by scope', () => {
    useTraining.setState({ status: 'running', editedWhileTraining: true });
    applyResponse({ type: 'status', status: 'paused' });
    expect(useTraining.getState().editedWhileTraining).toBe(true);
    applyResponse({ type: 'status', status: 'stopped' });
    expect(useTraining.getState().editedWhileTraining).toBe(false);
    useTraining.setState((s) => ({ data: { ...s.data, loading: true } }));
    applyResponse({ type: 'error', scope: 'data', message: 'missing t10k-labels-idx1-ubyte' });
    expect(useTraining.getState().data).toMatchObject({ loading: false, error: 'missing t10k-labels-idx1-ubyte' });
    expect(useTraining.getState().error).toBeNull();
    applyResponse({ type: 'error', scope: 'weights', message: 'bad file' });
    expect(useTraining.getState().weightsError).toBe('bad file');
    expect(useTraining.getState().error).toBeNull();
    applyResponse({ type: 'error', scope: 'training', message: 'no data loaded yet' });
    expect(useTraining.getState().error).toBe('no data loaded yet');
  });

  it('fingerprints what a network is built from, not where nodes sit', () => {
    const moved: Graph = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: 50, y: 9 }, label: 'moved' })) };
    expect(graphFingerprint(moved)).toBe(graphFingerprint(graph));
    const wider: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'd' ? { ...n, params: { units: 3, init: 'normal' } } : n)) };
    expect(graphFingerprint(wider)).not.toBe(graphFingerprint(graph));
    const rewired: Graph = { ...graph, edges: [graph.edges[0], { ...graph.edges[1], targetPort: 1 }] };
    expect(graphFingerprint(rewired)).not.toBe(graphFingerprint(graph));
  });
});
