import { beforeEach, describe, expect, it } from 'vitest';
import type { Graph } from '../src/core/graph/types';
import { emptyRun, forgetRuns, showResultsFor, workerHoldsShown } from '../src/ui/training/runs';
import { applyResponse, resetRun, useTraining } from '../src/ui/training/store';
import type { Results } from '../src/worker/protocol';

const layered = (units: number): Graph => ({
  nodes: [
    { id: 'x', op: 'samples', params: { size: 4 }, position: { x: 0, y: 0 } },
    { id: 'd', op: 'dense', params: { units, init: 'normal' } },
    { id: 'l', op: 'svm' },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'd', targetPort: 0 },
    { id: 'e2', source: 'd', target: 'l', targetPort: 0 },
  ],
});
const a = layered(2);
const b = layered(3);
const scalar: Graph = { nodes: [{ id: 'x', op: 'input', value: 1 }], edges: [] };

const initial = useTraining.getState();

/** A run on `graph` that ends with one epoch at `accuracy` and results the panel draws. */
function train(graph: Graph, accuracy: number): void {
  resetRun(graph);
  applyResponse({ type: 'status', status: 'running' });
  applyResponse({ type: 'progress', progress: { epoch: 1, epochs: 1, seen: 8000, perEpoch: 8000, samplesPerSecond: 1 }, points: [{ x: 1, trainLoss: 0.4, testAccuracy: accuracy }] });
  applyResponse({ type: 'epoch', result: { epoch: 1, trainLoss: 0.4, testAccuracy: accuracy, correct: accuracy * 2000, total: 2000, seconds: 1 } });
  applyResponse({ type: 'results', results: { accuracy } as unknown as Results });
  applyResponse({ type: 'prediction', id: 1, probabilities: Float64Array.from([accuracy]) });
  applyResponse({ type: 'status', status: 'done' });
}

const shown = () => {
  const s = useTraining.getState();
  return { epochs: s.epochs.map((e) => e.testAccuracy), curve: s.curves.accuracy, results: s.results, prediction: s.prediction === null ? null : [...s.prediction], error: s.error };
};

describe('training results belong to their graph', () => {
  beforeEach(() => {
    useTraining.setState(initial, true);
    forgetRuns();
  });

  it('another graph shows its own results or none, and switching back brings them back', () => {
    showResultsFor(a);
    train(a, 0.9);
    expect(shown()).toEqual({ epochs: [0.9], curve: [0.9], results: { accuracy: 0.9 }, prediction: [0.9], error: null });
    showResultsFor(scalar);
    expect(shown()).toEqual({ epochs: [], curve: [], results: null, prediction: null, error: null });
    expect(workerHoldsShown(useTraining.getState())).toBe(false);
    showResultsFor(b);
    train(b, 0.7);
    showResultsFor(a);
    expect(shown()).toEqual({ epochs: [0.9], curve: [0.9], results: { accuracy: 0.9 }, prediction: [0.9], error: null });
    // The worker now holds b's network: a's results are shown, but the pad and Save weights wait for a retrain.
    expect(workerHoldsShown(useTraining.getState())).toBe(false);
    showResultsFor(b);
    expect(shown().epochs).toEqual([0.7]);
    expect(workerHoldsShown(useTraining.getState())).toBe(true);
  });

  it('moves and relabels keep the results; a run in progress keeps its own on screen until it ends', () => {
    showResultsFor(a);
    train(a, 0.8);
    showResultsFor({ ...a, nodes: a.nodes.map((n) => ({ ...n, label: 'moved', position: { x: 5, y: 5 } })) });
    expect(shown().epochs).toEqual([0.8]);
    resetRun(a);
    applyResponse({ type: 'status', status: 'running' });
    showResultsFor(scalar);
    expect(useTraining.getState().shownKey).not.toBe(null);
    applyResponse({ type: 'epoch', result: { epoch: 1, trainLoss: 0.3, testAccuracy: 0.85, correct: 1700, total: 2000, seconds: 1 } });
    expect(shown().epochs).toEqual([0.85]);
    applyResponse({ type: 'status', status: 'done' });
    showResultsFor(scalar);
    expect(shown().epochs).toEqual([]);
    showResultsFor(a);
    expect(shown().epochs).toEqual([0.85]);
  });

  it('an error belongs to its run: a later successful run, or another graph, does not show it', () => {
    showResultsFor(a);
    resetRun(a);
    applyResponse({ type: 'error', scope: 'training', message: 'the loss became NaN at epoch 1' });
    applyResponse({ type: 'status', status: 'stopped' });
    useTraining.setState({ weightsError: 'these weights are for another network' });
    expect(shown().error).toBe('the loss became NaN at epoch 1');
    showResultsFor(b);
    expect(shown().error).toBeNull();
    expect(useTraining.getState().weightsError).toBeNull();
    showResultsFor(a);
    expect(shown().error).toBe('the loss became NaN at epoch 1');
    train(a, 0.9);
    expect(shown().error).toBeNull();
    expect(useTraining.getState().weightsError).toBeNull();
    expect(emptyRun().results).toBeNull();
  });
});
