/**
 * The training worker's message protocol: every request the page sends and every response the
 * worker posts, as tagged unions. Both sides switch over `type` exhaustively (see assertNever).
 */
import type { EpochResult } from '../core/net/types';
import type { Graph, Place, Reason } from '../core/index';
import type { ToyKind } from '../core/data/toy';
import type { OptimizerSettings } from '../core/net/optimizer';
import type { TrainedParameters } from './parameters';

/**
 * Where the data comes from: the embedded 8,000/2,000 MNIST split, four IDX files the user picked,
 * a CSV file's text (split and optionally standardised in the worker), or a built-in 2-D toy set.
 */
export type DataSource =
  | { kind: 'embedded'; url: string }
  | { kind: 'idx'; files: IdxFile[] }
  | { kind: 'csv'; name: string; text: string; testFraction: number; standardize: boolean; seed: number }
  | { kind: 'toy'; toy: ToyKind; noise: number; seed: number };

/** One picked file, read into memory on the page (plain or .gz; the worker decides which file it is by name). */
export interface IdxFile {
  name: string;
  bytes: ArrayBuffer;
}

/** The knobs of one training run (defaults come from the graph's `training` field). */
export interface TrainingSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Update rule and its hyper-parameters (plain SGD when absent). */
  optimizer?: OptimizerSettings;
}

/** Messages from the page to the worker. */
export type Request =
  | { type: 'loadData'; source: DataSource }
  | { type: 'start'; graph: Graph; settings: TrainingSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** A 28x28 image, row-major, ink 0..1; answered with `prediction` carrying the same id. */
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** Answered with `weights`: the trained parameters as JSON text. */
  | { type: 'saveWeights' }
  /** Picks the test image whose layer outputs the results show. */
  | { type: 'inspect'; index: number }
  /** Loads a weights file saved earlier for `graph`; answered with `results`, or an `error`. */
  | { type: 'loadWeights'; graph: Graph; json: string };

/** Where a run stands. */
export type RunStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done';

/** A few times per second while training. */
export interface Progress {
  /** 1-based epoch being trained. */
  epoch: number;
  epochs: number;
  /** Samples of this epoch already trained. */
  seen: number;
  perEpoch: number;
  samplesPerSecond: number;
}

/** A point of the live curves; `x` counts epochs (fractional within an epoch). */
export interface CurvePoint {
  x: number;
  /** Mean training loss since the previous point. */
  trainLoss: number;
  /** Test accuracy at this point, 0..1. */
  testAccuracy: number;
}

/** The end of one epoch (defined in the core, where the CLI shares it). */
export type { EpochResult } from '../core/net/types';

/** Some test images (0..255, `side` x `side` each, concatenated) with their labels and predictions. */
export interface Digits {
  count: number;
  side: number;
  pixels: Uint8Array;
  labels: Uint8Array;
  predicted: Uint8Array;
}

/** What the panel draws after or during training, all from the test set. */
export interface Results {
  /** 10x10 counts, row = true label, column = predicted. */
  confusion: Uint32Array;
  correct: number;
  total: number;
  /** Test digits spread over the test set, for the grid. */
  grid: Digits;
  /** The first misclassified test digits. */
  mistakes: Digits;
  /** The first dense layer's weights, row-major [units][inputs], when its inputs are 28x28 images. */
  firstLayer: { units: number; inputs: number; weights: Float32Array } | null;
  /** Networks with image layers: what each layer makes of one chosen test image, and the conv filters. */
  layers: LayerViews | null;
  /** Networks with 2 inputs: the decision boundary over the data's plane, with the test points. */
  boundary: Boundary | null;
}

/** One layer's output for the chosen test image: channels of height x width (a vector is 1 x 1 x n). */
export interface LayerView {
  nodeId: string;
  op: string;
  channels: number;
  height: number;
  width: number;
  values: Float32Array;
}

/** The conv filters of one layer, [filter][channel][kernel][kernel]. */
export interface FilterView {
  nodeId: string;
  filters: number;
  channels: number;
  kernel: number;
  weights: Float32Array;
}

/** What the network does with test image `index`, layer by layer, and its learned filters. */
export interface LayerViews {
  index: number;
  label: number;
  predicted: number;
  /** The input image, channels x height x width, 0..1. */
  input: LayerView;
  outputs: LayerView[];
  filters: FilterView[];
}

/** A 2-input network's outputs over a grid, and the test points to draw on it. */
export interface Boundary {
  /** Cells per side; row 0 is the top (largest y). */
  size: number;
  classes: number;
  extent: { x0: number; x1: number; y0: number; y1: number };
  /** size x size x classes outputs (probabilities after a softmax). */
  outputs: Float32Array;
  /** x, y of each point, and its label. */
  points: Float32Array;
  labels: Uint8Array;
}

/** Messages from the worker to the page. */
export type Response =
  | { type: 'dataLoaded'; kind: DataSource['kind']; description: string; descriptionReason?: Reason; train: number; test: number; inputSize: number }
  /** A problem with the graph, with the node that causes it when there is one. */
  | { type: 'compileError'; message: string; place: Place; reason?: Reason }
  | { type: 'status'; status: RunStatus }
  | { type: 'progress'; progress: Progress; points: CurvePoint[] }
  | { type: 'epoch'; result: EpochResult }
  | { type: 'results'; results: Results }
  | { type: 'prediction'; id: number; probabilities: Float64Array }
  | { type: 'weights'; json: string }
  /** A copy of the parameters after each epoch, on pause and stop, and after loading weights: what the lecture tools use. */
  | { type: 'parameters'; parameters: TrainedParameters }
  /** Anything else that went wrong (bad files, mismatched weights); `scope` says which control it concerns. */
  | { type: 'error'; scope: 'data' | 'training' | 'weights' | 'predict'; message: string; reason?: Reason };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
