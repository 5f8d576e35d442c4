import type { OpName } from '../ops/table';
import type { Reason } from '../graph/errors';

/**
 * Public types of compiled networks. A layered graph (samples -> dense -> activation -> ... -> loss)
 * compiles into a NetworkSpec; createNetwork gives it parameters; backprop, training, evaluation and
 * weight files work on the Network. Functions (implemented in the sibling files):
 *
 * - inferShapes(graph: Graph, options?: { classes?: number }): ShapeInference       — shapes.ts (lenient)
 * - compileNetwork(graph: Graph, options?: { classes?: number }): NetworkSpec       — compile.ts (throws GraphError)
 * - createNetwork(spec: NetworkSpec, rng: Rng): Network                              — network.ts
 * - backpropBatch(network, data, batch: ArrayLike<number>): Backprop                — backprop.ts
 * - predict(network, input: ArrayLike<number>): Float64Array (input scaled to 0..1) — backprop.ts
 * - createTrainer(network, train: Dataset, options: TrainOptions): Trainer           — train.ts
 * - evaluateNetwork(network, test: Dataset): NetworkEvaluation                       — evaluate.ts
 * - meanLoss(network, data): number; meanLayerOutputs(network, data, batch)          — evaluate.ts
 * - fourEquations(network, data, batch): FourEquations                                — equations.ts
 * - serializeWeights(network, graph?: unknown): string / parseWeights(json, spec)    — weights.ts
 * - expandToScalarGraph(graph, network, sample: ScalarSample): Graph                 — expand.ts
 */

/** An elementwise activation a compiled network applies to vectors: an operator whose table entry has layer role 'activation' (sigmoid, relu, tanh, softplus, ...). */
export type Activation = OpName;

/** Losses at the end of a network; the label comes from the dataset. */
export type LossKind = 'mse' | 'cross_entropy' | 'svm';

/** Weight initialisation of a dense layer: N(0,1) as Nielsen, Xavier N(0, 1/in), He N(0, 2/in). */
export type InitKind = 'normal' | 'xavier' | 'he';

/** A tensor's shape, channels first: [length] for a vector, [channels, height, width] for images. */
export type Dims = readonly number[];

/** Geometry of a 2-D convolution: input c×h×w, `filters` kernels of c×kernel×kernel, output filters×oh×ow. */
export interface ConvGeometry {
  channels: number;
  height: number;
  width: number;
  filters: number;
  kernel: number;
  stride: number;
  /** Zero rows above and columns left of the input ("same" puts the odd one below/right, as TensorFlow). */
  padTop: number;
  padLeft: number;
  outHeight: number;
  outWidth: number;
}

/** Geometry of max pooling: windows of size×size every `stride` pixels over each of c channels. */
export interface PoolGeometry {
  channels: number;
  height: number;
  width: number;
  size: number;
  stride: number;
  outHeight: number;
  outWidth: number;
}

/** One layer of a compiled network, in forward order; `nodeId` is the graph node it came from. */
export type LayerSpec =
  | { kind: 'dense'; nodeId: string; inputSize: number; units: number; init: InitKind }
  /** A convolution is a dense layer applied to every patch: units = filters, inputSize = channels·kernel². */
  | { kind: 'conv2d'; nodeId: string; inputSize: number; units: number; init: InitKind; size: number; geometry: ConvGeometry }
  | { kind: 'maxpool'; nodeId: string; size: number; geometry: PoolGeometry }
  | { kind: 'flatten'; nodeId: string; size: number }
  /** Inverted dropout: while training, each value is zeroed with probability `rate` and the rest scaled by 1/(1 − rate). */
  | { kind: 'dropout'; nodeId: string; size: number; rate: number }
  | { kind: 'activation'; nodeId: string; activation: Activation; size: number }
  | { kind: 'softmax'; nodeId: string; size: number };

/** Layers that own weights and biases. */
export type ParamLayerSpec = Extract<LayerSpec, { kind: 'dense' | 'conv2d' }>;

/** A validated layered graph: what to build and train. */
export interface NetworkSpec {
  /** Length of one input vector (the samples node's size). */
  inputSize: number;
  /** The input's shape: [inputSize], or [channels, height, width] from the samples node's `shape`. */
  inputDims: Dims;
  /** Output shape of every layer, index as `layers`. */
  layerDims: Dims[];
  /** Layers in forward order (samples and loss excluded). */
  layers: LayerSpec[];
  loss: LossKind;
  /** Length of the vector the loss receives: the number of classes. */
  outputSize: number;
  /** Weights plus biases of all dense and conv2d layers. */
  paramCount: number;
  /** One readable line per layer, samples and loss included ("dense d1: 784 -> 30, 23,550 parameters"). */
  summary: string[];
  /** `summary` without its language, line for line, for the UI to word. */
  summaryReasons: Reason[];
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
  /** Output shape of each layer node (by node id), where known: [n] or [channels, height, width]. */
  nodeDims: Record<string, Dims>;
  /** The shape each edge carries as the canvas writes it: "784" or "8x24x24". */
  edgeLabels: Record<string, string>;
  /** Problems, each with place.nodeId on the node that causes it. */
  errors: import('../graph/errors').GraphError[];
}

/**
 * A dense or conv2d layer's parameters: z = W a + b with W row-major [units][inputSize]. For conv2d
 * units are the filters and inputSize one patch (channels·kernel², channel-major then row-major, as PyTorch).
 */
export interface DenseParams {
  /** Index into spec.layers. */
  layer: number;
  nodeId: string;
  inputSize: number;
  units: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** A network with parameters: the spec and one DenseParams per dense or conv2d layer, in forward order. */
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
  /** The name without its language (a toy set's kind and settings, the embedded digits), for a UI to word; absent when the name is a file's. */
  nameReason?: Reason;
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
   * delta^l = dC/dz^l per dense or conv2d layer (index as network.dense), batch-major: delta[l][s * size + j]
   * for sample s of the batch (size = units, or filters·height·width for conv2d); C is that sample's loss (BP1, BP2).
   */
  deltas: Float64Array[];
  /** dC/db per dense layer, averaged over the batch (BP3). */
  biasGrads: Float64Array[];
  /** dC/dw per dense layer, row-major like the weights, averaged over the batch (BP4). */
  weightGrads: Float64Array[];
}

/** Mini-batch training settings. */
export interface TrainOptions {
  /** Update rule and its hyper-parameters; plain SGD when absent. */
  optimizer?: import('./optimizer').OptimizerSettings;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the per-epoch shuffles: same seed, same network, same data, same result. */
  seed: number;
  /** L2 weight decay λ as Nielsen: C += λ/(2n) Σ w², so each step scales w by (1 − ηλ/n). */
  l2?: number;
  /** Kernels: 'auto' (WebAssembly SIMD where available: the first dense layer's, or a CNN's float32 conv path), 'js' (float64 JavaScript throughout) or 'simd'. */
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
  /** Scores the network as evaluateNetwork does, on the float32 kernels it trains on when it trains a convolutional network in float32. */
  evaluate(data: Dataset): NetworkEvaluation;
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
  /** Dropout masks by dropout node id (0 or 1/(1 − rate) per value), as a training step drew them. */
  masks?: Record<string, ArrayLike<number>>;
}
