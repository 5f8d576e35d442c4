/** The panel's one training worker, started on first use; every request to it goes through here. */
import { i18n } from '../i18n';
import type { ToyKind } from '../../core/data/toy';
import { embeddedUrl } from '../embeddedData';
import type { Graph } from '../../core/graph/types';
import { startTrainingWorker, type TrainingClient } from '../../worker/client';
import type { Request } from '../../worker/protocol';
import { onEditorGraph, sayInEditor } from './editorLink';
import { graphFingerprint } from '../../core/graph/fingerprint';
import { applyResponse, resetRun, useTraining } from './store';

let client: TrainingClient | null = null;
let watching = false;
let predictionId = 0;

function send(request: Request, transfer?: Transferable[]): void {
  if (client === null) {
    client = startTrainingWorker(applyResponse, (message) => useTraining.setState({ error: message ?? i18n.t('training.workerFailed'), status: 'stopped' }));
  }
  client.send(request, transfer);
}

/** Loads the embedded MNIST split into the worker unless some dataset is there already. */
export function ensureData(): void {
  const { data } = useTraining.getState();
  if (data.description !== null || data.loading) return;
  loadEmbedded();
}

/** Loads the embedded 8,000/2,000 MNIST split. */
export function loadEmbedded(): void {
  useTraining.setState((s) => ({ data: { ...s.data, loading: true, error: null } }));
  send({ type: 'loadData', source: { kind: 'embedded', url: embeddedUrl() } });
}

/** Reads the picked IDX files (plain or .gz) and hands them to the worker, which parses them. */
export async function loadIdxFiles(files: File[]): Promise<void> {
  useTraining.setState((s) => ({ data: { ...s.data, loading: true, error: null } }));
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  send({ type: 'loadData', source: { kind: 'idx', files: read } }, read.map((f) => f.bytes));
}

/** Reads a picked CSV file and hands its text to the worker, which splits it (seeded) and optionally standardises it. */
export async function loadCsvFile(file: File, testFraction: number, standardize: boolean, seed: number): Promise<void> {
  useTraining.setState((s) => ({ data: { ...s.data, loading: true, error: null } }));
  const text = await file.text();
  send({ type: 'loadData', source: { kind: 'csv', name: file.name, text, testFraction, standardize, seed } });
}

/** Generates one of the built-in 2-D toy sets in the worker. */
export function loadToy(toy: ToyKind, noise: number, seed: number): void {
  useTraining.setState((s) => ({ data: { ...s.data, loading: true, error: null } }));
  send({ type: 'loadData', source: { kind: 'toy', toy, noise, seed } });
}

/** Shows what test image `index` does in each layer (conv feature maps). */
export function inspectTestImage(index: number): void {
  send({ type: 'inspect', index });
}

/**
 * Watches the canvas from the first run on, whether or not the Training tab is open: an edit of the
 * network during a run raises the panel's question (and says so in the editor's status line).
 */
function watchEdits(): void {
  if (watching) return;
  watching = true;
  onEditorGraph((graph) => {
    const { status, trainedGraph, editedWhileTraining, keptKey } = useTraining.getState();
    const active = status === 'running' || status === 'paused';
    const key = active && trainedGraph !== null && graph !== trainedGraph ? graphFingerprint(graph) : null;
    // A graph the user already chose to keep training past does not ask again (moves, relabels).
    const changed = key !== null && key !== graphFingerprint(trainedGraph as Graph) && key !== keptKey;
    if (changed && !editedWhileTraining) sayInEditor(i18n.t('training.changedWhileTraining'));
    useTraining.setState({ editedWhileTraining: changed });
  });
}

/** Starts a run on `graph` with the panel's settings. */
export function startTraining(graph: Graph): void {
  watchEdits();
  resetRun(graph);
  send({ type: 'start', graph, settings: useTraining.getState().settings });
}

/** "Keep training": the run goes on, and this version of the graph does not ask again. */
export function keepTraining(graph: Graph): void {
  useTraining.setState({ editedWhileTraining: false, keptKey: graphFingerprint(graph) });
}

/** Pause, Resume and Stop. */
export function control(type: 'pause' | 'resume' | 'stop'): void {
  send({ type });
}

/** Asks the network for the probabilities of a 28x28 drawing. */
export function requestPrediction(pixels: Float32Array): void {
  send({ type: 'predict', id: ++predictionId, pixels }, [pixels.buffer as ArrayBuffer]);
}

/** Asks for the trained weights; the store downloads them when they arrive. */
export function saveWeights(): void {
  send({ type: 'saveWeights' });
}

/** Loads a weights file for `graph` into the worker. */
export function loadWeights(graph: Graph, json: string): void {
  useTraining.setState({ trainedGraph: graph, weightsError: null, error: null, editedWhileTraining: false, shownKey: graphFingerprint(graph) });
  send({ type: 'loadWeights', graph, json });
}
