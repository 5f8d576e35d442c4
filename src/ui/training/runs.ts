/**
 * Training results belong to the network they came from. The panel shows the results of the graph on
 * the canvas: switching to another graph puts the shown ones aside (by graphFingerprint) and brings back that
 * graph's, or none. The worker holds one network at a time, so only the graph it was trained on (or
 * loaded with) can draw predictions or save weights.
 */
import type { Graph } from '../../core/graph/types';
import { graphFingerprint } from '../../core/graph/fingerprint';
import { useTraining, type TrainingState } from './store';

/** The fields that describe one run's outcome. */
const RUN_FIELDS = ['progress', 'curves', 'epochs', 'results', 'prediction', 'error', 'weightsError'] as const;

/** One run's outcome, as the panel shows it. */
export type RunView = Pick<TrainingState, (typeof RUN_FIELDS)[number]>;

/** How many graphs' results are kept aside; older ones are dropped (retraining brings them back). */
export const KEPT_RUNS = 8;

const kept = new Map<string, RunView>();

/** Nothing to show: a graph never trained in this page. */
export const emptyRun = (): RunView => ({ progress: null, curves: { x: [], loss: [], accuracy: [] }, epochs: [], results: null, prediction: null, error: null, weightsError: null });

const hasSomething = (v: RunView): boolean => v.results !== null || v.epochs.length > 0 || v.curves.x.length > 0 || v.error !== null || v.weightsError !== null;

/** The key whose results `graph` shows: its own, or the trained network's when the user chose to keep training past this edit. */
function keyFor(graph: Graph, s: TrainingState): string {
  const key = graphFingerprint(graph);
  return key === s.keptKey && s.trainedGraph !== null ? graphFingerprint(s.trainedGraph) : key;
}

/** Shows `graph`'s results (or none). A run in progress keeps its own on screen: the edit guard asks about it. */
export function showResultsFor(graph: Graph): void {
  const s = useTraining.getState();
  if (s.status === 'running' || s.status === 'paused') return;
  const key = keyFor(graph, s);
  if (key === s.shownKey) return;
  if (s.shownKey !== null) {
    const view = Object.fromEntries(RUN_FIELDS.map((f) => [f, s[f]])) as RunView;
    kept.delete(s.shownKey);
    if (hasSomething(view)) kept.set(s.shownKey, view);
    while (kept.size > KEPT_RUNS) kept.delete(kept.keys().next().value as string);
  }
  useTraining.setState({ ...(kept.get(key) ?? emptyRun()), shownKey: key });
}

/** True when the worker's network is the one the panel shows: predictions and saved weights come from it. */
export function workerHoldsShown(s: Pick<TrainingState, 'trainedGraph' | 'shownKey' | 'results'>): boolean {
  return s.results !== null && s.trainedGraph !== null && graphFingerprint(s.trainedGraph) === s.shownKey;
}

/** Forgets every kept result (tests). */
export function forgetRuns(): void {
  kept.clear();
}
