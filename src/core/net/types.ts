import type { OpName } from '../ops/table';

/**
 * Public types of compiled networks. A layered graph (samples -> dense -> activation -> ... -> loss)
 * compiles into a NetworkSpec; createNetwork gives it parameters; backprop, training, evaluation and
 * weight files work on the Network. Functions (implemented in the sibling files):
 *
 * - inferShapes(graph: Graph, options?: { classes?: number }): ShapeInference       — shapes.ts (lenient)
 * - compileNetwork(graph: Graph, options?: { classes?: number }): NetworkSpec       — compile.ts (throws GraphError)
 * - createNetwork(spec: NetworkSpec, rng: Rng): Network                              — network.ts
 * - forwardBatch / backpropBatch(network, data, batch: ArrayLike<number>): Backprop  — backprop.ts
 * - predict(network, input: ArrayLike<number>): Float64Array (input scaled to 0..1) — backprop.ts
 * - createTrainer(network, train: Dataset, options: TrainOptions): Trainer           — train.ts
 * - evaluateNetwork(network, test: Dataset): NetworkEvaluation                       — evaluate.ts
 * - serializeWeights(network, graph?: unknown): string / parseWeights(json, spec)    — weights.ts
 * - expandToScalarGraph(graph, network, sample: ScalarSample): Graph                 — expand.ts
 */

/** An elementwise activation a compiled network applies to vectors: an operator whose table entry has layer role 'activation' (sigmoid, relu, tanh, softplus, ...). */
export type Activation = OpName;

/** Losses at the end of a network; the label comes from the dataset. */
export type LossKind = 'mse' | 'cross_entropy' | 'svm';

/** Weight initialisation of a dense layer: N(0,1) as Nielsen, Xavier N(0, 1/in), He N(0, 2/in). */
export type InitKind = 'normal' | 'xavier' | 'he';

/** One layer of a compiled network, in forward order; `nodeId` is the graph node it came from. */
export type LayerSpec =
  | { kind: 'dense'; nodeId: string; inputSize: number; units: number; init: InitKind }
  | { kind: 'activation'; nodeId: string; activation: Activation; size: number }
  | { kind: 'softmax'; nodeId: string; size: number };

/** A validated layered graph: what to build and train. */
export interface NetworkSpec {
  /** Length of one input vector (the samples node's size). */
  inputSize: number;
  /** Layers in forward order (samples and loss excluded). */
  layers: LayerSpec[];
  loss: LossKind;
  /** Length of the vector the loss receives: the number of classes. */
  outputSize: number;
  /** Weights plus biases of all dense layers. */
  paramCount: number;
  /** One readable line per layer, samples and loss included ("dense d1: 784 -> 30, 23,550 parameters"). */
  summary: string[];
  /** Graph node ids per line of `summary`: samples, each layer, loss. */
  nodeIds: string[];
  samplesNodeId: string;
  lossNodeId: string;
}

/** Shapes inferred for an editor: vector length per edge and per node, and problems on their nodes. */
export interface ShapeInference {
  /** Vector length carried by each edge (by edge id), where known. */
  edgeShapes: Record<string, number>;
  /** Output length of each layer node (by node id), where known. */
  nodeShapes: Record<string, number>;
  /** Problems, each with place.nodeId on the node that causes it. */
  errors: import('../graph/errors').GraphError[];
}

/** A dense layer's parameters: z = W a + b with W row-major [units][inputSize]. */
export interface DenseParams {
  /** Index into spec.layers. */
  layer: number;
  nodeId: string;
  inputSize: number;
  units: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** A network with parameters: the spec and one DenseParams per dense layer, in forward order. */
export interface Network {
  spec: NetworkSpec;
  dense: DenseParams[];
}

/**
 * Images and labels as buffers. Pixel j of sample i is images[i * inputSize + j]:
 * 0..255 in a Uint8Array, or already scaled to 0..1 in a Float32Array.
 */
export interface Dataset {
  count: number;
  inputSize: number;
  images: Uint8Array | Float32Array;
  labels: Uint8Array;
}

/** A training set and a test set. */
export interface DataSplit {
  name: string;
  train: Dataset;
  test: Dataset;
}

/** The result of one batched forward and backward pass (the lecture's four equations). */
export interface Backprop {
  /** Mean loss over the batch (without L2). */
  loss: number;
  /** Samples in the batch whose largest output is the label. */
  correct: number;
  /**
   * delta^l = dC/dz^l per dense layer (index as network.dense), batch-major: delta[l][s * units + j]
   * for sample s of the batch; C is the loss of that one sample (BP1, BP2).
   */
  deltas: Float64Array[];
  /** dC/db per dense layer, averaged over the batch (BP3). */
  biasGrads: Float64Array[];
  /** dC/dw per dense layer, row-major like the weights, averaged over the batch (BP4). */
  weightGrads: Float64Array[];
}

/** Mini-batch SGD settings. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the per-epoch shuffles: same seed, same network, same data, same result. */
  seed: number;
  /** L2 weight decay λ as Nielsen: C += λ/(2n) Σ w², so each step scales w by (1 − ηλ/n). */
  l2?: number;
  /** First-layer implementation: 'auto' (WebAssembly SIMD where available), 'js' or 'simd'. */
  kernel?: import('./simd').Kernel;
}

/** Where a trainer is after a step. */
export interface TrainProgress {
  /** Epochs completed so far. */
  epoch: number;
  /** True when this step completed an epoch. */
  epochDone: boolean;
  /** Samples seen in the current epoch (equals train.count when epochDone). */
  samplesSeen: number;
  /** Samples per epoch. */
  epochSamples: number;
  /** Mean training loss over the samples seen in the current (or just completed) epoch. */
  trainLoss: number;
  /** True when every epoch is done. */
  done: boolean;
}

/** The end of one epoch, as network.py prints it ("Epoch k: correct / total"); the CLI and the worker both report it. */
export interface EpochResult {
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
  correct: number;
  total: number;
  seconds: number;
}

/** Trains a network in chunks so a worker can report progress and pause between chunks. */
export interface Trainer {
  readonly network: Network;
  readonly options: TrainOptions;
  /** Runs whole mini-batches until about maxSamples samples are seen or the epoch ends; never crosses an epoch. */
  step(maxSamples: number): TrainProgress;
  /** The latest progress. */
  progress(): TrainProgress;
}

/** A network scored on a dataset. */
export interface NetworkEvaluation {
  correct: number;
  total: number;
  /** Mean loss over the dataset (without L2). */
  loss: number;
  /** confusion[label * 10 + predicted] counts; 10 x 10 (labels 0..9). */
  confusion: Uint32Array;
}

/** One sample for the scalar expansion: the input vector (0..1) and its label. */
export interface ScalarSample {
  input: ArrayLike<number>;
  label: number;
}
