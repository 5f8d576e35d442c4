/** The training panel's state: settings, the worker's reports, and what the panel draws. */
import { create } from 'zustand';
import type { Graph } from '../../core/graph/types';
import type { NetworkSpec } from '../../core/net/types';
import type { Reason } from '../../core/graph/errors';
import { graphFingerprint } from '../../core/graph/fingerprint';
import { clearTrained, setTrained } from '../store/trained';
import { assertNever, type DataSource, type EpochResult, type Progress, type Response, type Results, type RunStatus, type TrainingSettings } from '../../worker/protocol';
import { downloadText } from '../files/download';
import { problemText } from '../i18n';

/** The live curves as uPlot wants them: shared x (epochs), loss, test accuracy. */
export interface Curves {
  x: number[];
  loss: number[];
  accuracy: number[];
}

/** The settings fields' text. */
export type SettingsText = Record<Exclude<keyof TrainingSettings, 'optimizer'>, string>;

/** Which dataset the worker holds. */
export interface DataState {
  kind: DataSource['kind'];
  /** "MNIST (embedded)"... or null while loading. */
  description: string | null;
  /** The description without its language (a toy set's kind and settings), for the panel to word; absent for a file's name. */
  descriptionReason?: Reason;
  train: number;
  test: number;
  loading: boolean;
  error: string | null;
}

/** Everything the panel shows. */
export interface TrainingState {
  settings: TrainingSettings;
  /** What the settings fields show, as typed. */
  settingsText: SettingsText;
  /** Why the typed settings cannot be used, or null; `settings` keeps the last good ones. */
  settingsProblem: string | null;
  data: DataState;
  /** The last successful Compile, or null. */
  compiled: NetworkSpec | null;
  /** fingerprint of the graph `compiled` / `compileError` are about. */
  compiledKey: string | null;
  /** The last compile problem, with the node that causes it. */
  compileError: { message: string; nodeId: string | undefined } | null;
  status: RunStatus;
  progress: Progress | null;
  curves: Curves;
  epochs: EpochResult[];
  results: Results | null;
  /** The pad's latest prediction, one probability per class. */
  prediction: Float64Array | null;
  /** The last error from training or prediction. */
  error: string | null;
  /** The last error from saving or loading weights (a file for another network...). */
  weightsError: string | null;
  /** The graph the current network was trained on (or loaded with). */
  trainedGraph: Graph | null;
  /** Set when the user edited the graph while a run was going; the panel asks what to do. */
  editedWhileTraining: boolean;
  /** fingerprint of an edited graph the user chose to keep training past. */
  keptKey: string | null;
  /** fingerprint of the graph whose results the panel shows (see runs.ts); null before any graph was shown. */
  shownKey: string | null;
}

const emptyCurves = (): Curves => ({ x: [], loss: [], accuracy: [] });

/** Nielsen's network.py settings, used when the graph carries no training defaults. */
export const DEFAULT_SETTINGS: TrainingSettings = { epochs: 30, batchSize: 10, learningRate: 3, seed: 1 };

/** The training panel's store. */
export const useTraining = create<TrainingState>(() => ({
  settings: DEFAULT_SETTINGS,
  settingsText: { epochs: '30', batchSize: '10', learningRate: '3', seed: '1' },
  settingsProblem: null,
  data: { kind: 'embedded', description: null, train: 0, test: 0, loading: false, error: null },
  compiled: null,
  compiledKey: null,
  compileError: null,
  status: 'idle',
  progress: null,
  curves: emptyCurves(),
  epochs: [],
  results: null,
  prediction: null,
  error: null,
  weightsError: null,
  trainedGraph: null,
  editedWhileTraining: false,
  keptKey: null,
  shownKey: null,
}));

/** Clears the previous run's curves and results when a new run starts. */
export function resetRun(graph: Graph): void {
  clearTrained();
  // The new run's results belong to this graph; an error or weights problem of an earlier run no longer applies.
  useTraining.setState({ progress: null, curves: emptyCurves(), epochs: [], error: null, weightsError: null, prediction: null, trainedGraph: graph, editedWhileTraining: false, keptKey: null, compileError: null, shownKey: graphFingerprint(graph) });
}

/** Folds one worker response into the store. */
export function applyResponse(response: Response): void {
  const set = useTraining.setState;
  switch (response.type) {
    case 'dataLoaded':
      set((s) => ({ data: { ...s.data, kind: response.kind, description: response.description, descriptionReason: response.descriptionReason, train: response.train, test: response.test, loading: false, error: null } }));
      return;
    case 'compileError':
      set((s) => ({
        compileError: { message: problemText(response), nodeId: response.place.nodeId },
        compiled: null,
        compiledKey: s.trainedGraph === null ? null : graphFingerprint(s.trainedGraph),
      }));
      return;
    case 'status':
      set((s) => ({ status: response.status, editedWhileTraining: response.status === 'running' || response.status === 'paused' ? s.editedWhileTraining : false }));
      return;
    case 'progress':
      set((s) => ({ progress: response.progress, curves: response.points.length === 0 ? s.curves : appendPoints(s.curves, response.points) }));
      return;
    case 'epoch':
      set((s) => ({ epochs: [...s.epochs, response.result] }));
      return;
    case 'results':
      set({ results: response.results });
      return;
    case 'prediction':
      set({ prediction: response.probabilities });
      return;
    case 'weights':
      downloadText('gradflow-weights.json', response.json);
      return;
    case 'parameters': {
      // Shared with the lecture tabs, keyed by the network they belong to.
      const graph = useTraining.getState().trainedGraph;
      if (graph !== null) setTrained(graph, response.parameters);
      return;
    }
    case 'error':
      if (response.scope === 'data') set((s) => ({ data: { ...s.data, loading: false, error: problemText(response) } }));
      else if (response.scope === 'weights') set({ weightsError: problemText(response) });
      else set({ error: problemText(response) });
      return;
    default:
      assertNever(response);
  }
}

function appendPoints(curves: Curves, points: { x: number; trainLoss: number; testAccuracy: number }[]): Curves {
  return {
    x: [...curves.x, ...points.map((p) => p.x)],
    loss: [...curves.loss, ...points.map((p) => p.trainLoss)],
    accuracy: [...curves.accuracy, ...points.map((p) => p.testAccuracy)],
  };
}
