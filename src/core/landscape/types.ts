/**
 * Public types of loss landscapes: loss problems, slices and planes through them, and search
 * strategies. Functions (in the sibling files):
 *
 * - graphProblem(graph, options?): Problem                          — problemGraph.ts (a scalar graph: W = its inputs)
 * - svmProblem(data: SvmData, initial?): Problem                    — svm.ts (the lecture's 3-sample multiclass SVM)
 * - svmLectureGraph(data?): Graph / SVM_LECTURE_DATA                — svm.ts (the same loss built from scalar gates)
 * - networkProblem(network, data, options?): Problem                — problemNetwork.ts (all parameters, loss on a subset)
 * - paramLayout / flattenParams / unflattenParams(network)            — problemNetwork.ts (W as one vector)
 * - problemFromGraph(graph, options?): Problem                      — problemGraph.ts (the SVM example's data if the file has it, else graphProblem)
 * - randomDirections(problem, center, count, rng): Float64Array[]   — directions.ts (seeded Gaussian, filter-normalised)
 * - slice1d(problem, options): Slice1d; slice2d(problem, options): Slice2d — slice.ts
 * - projectPath(path, center, d1, d2): ProjectedPath                — slice.ts (least squares onto the plane)
 * - randomSearch / randomLocalSearch / gradientDescent / sgd(problem, options): StrategyRun — strategies.ts
 * - runStrategy(problem, method, options): StrategyRun              — strategies.ts (by name)
 * - planeLosses(problem, center, d1, d2, alphas, betas)             — slice.ts (many points of a plane at once)
 * Learning-rate sweeps are in ../sweep, the four equations in ../net/equations.ts, gradient-check
 * verdicts in ../eval/verdict.ts.
 */

/** Which kind of thing a problem's W and L come from. */
export type ProblemKind = 'graph' | 'svm' | 'network';

/**
 * A group of parameters normalised together when drawing landscape directions
 * (Li et al. 2018, filter-wise): the block of a random direction at `start`..`start+length`
 * is rescaled to the norm of the same block of W. For a dense layer, one block per neuron
 * (a row of its weight matrix).
 */
export interface ParamBlock {
  start: number;
  length: number;
}

/**
 * "A vector of parameters W and a loss L(W)": what landscapes, strategies and sweeps work on.
 * Evaluations never modify the W passed in. Implementations reuse their working memory, so a
 * problem is not safe to share between concurrent callers (there are none in one thread).
 */
export interface Problem {
  kind: ProblemKind;
  /** Number of parameters. */
  size: number;
  /** A name per parameter for display (node ids, "w[2,1]", "d1.W[3,17]"). */
  names: (index: number) => string;
  /** The current point: where landscapes are centred and strategies start. */
  initial: Float64Array;
  /** L(W). */
  loss(w: Float64Array): number;
  /** L(W), writing dL/dW into `grad` (length size). */
  lossAndGrad(w: Float64Array, grad: Float64Array): number;
  /** Number of data samples L averages over; 0 when L is not a mean over samples (scalar graphs). */
  samples: number;
  /** Mean loss over the given samples, writing its gradient into `grad`; present when samples > 0. */
  batchLossAndGrad?(w: Float64Array, batch: ArrayLike<number>, grad: Float64Array): number;
  /**
   * Losses on the plane W = center + a·d1 + b·d2, for many (a, b) at once; present where a problem
   * can do better than one loss() per point (a network reuses its first layer's products).
   */
  planeLosses?(center: Float64Array, d1: Float64Array, d2: Float64Array | undefined, alphas: Float64Array, betas: Float64Array): Float64Array;
  /** Blocks for filter-wise direction normalisation (networks); absent: directions are unit vectors over all of W (directions.ts). */
  blocks?: ParamBlock[];
  /** Parameter ranges whose direction entries are zeroed (a network's biases; see directions.ts). */
  frozen?: ParamBlock[];
}

/** Options of a landscape slice. */
export interface SliceOptions {
  /** Points per axis (odd puts a point on the centre); default 41 for 2-D, 101 for 1-D. */
  steps?: number;
  /** The axes run from −range to +range; default 1. */
  range?: number;
  /** Seeds the random directions; default 1. */
  seed?: number;
  /** Directions to use instead of seeded random ones (e.g. the UI keeps them across redraws). */
  directions?: Float64Array[];
}

/** L(W + a·d1) along one direction. */
export interface Slice1d {
  alphas: Float64Array;
  losses: Float64Array;
  /** L(W) at a = 0. */
  centerLoss: number;
  direction: Float64Array;
}

/** L(W + a·d1 + b·d2) on a grid: grid[j * alphas.length + i] is at (alphas[i], betas[j]). */
export interface Slice2d {
  alphas: Float64Array;
  betas: Float64Array;
  grid: Float64Array;
  /** Smallest and largest finite losses on the grid (NaN when none is finite). */
  min: number;
  max: number;
  centerLoss: number;
  directions: [Float64Array, Float64Array];
}

/** An optimiser's path of W projected onto a landscape plane. */
export interface ProjectedPath {
  alphas: Float64Array;
  betas: Float64Array;
  /** Distance of each W from the plane: how much of the path the picture cannot show. */
  residuals: Float64Array;
}

/** The four strategies of the lecture (topics 6–8, 14–15). */
export type StrategyMethod = 'random' | 'local' | 'gd' | 'sgd';

/**
 * Settings shared by the strategies. The budget counts loss evaluations, where one evaluation is
 * one forward pass over all the problem's data (or of the whole graph): a gradient costs 2 (forward
 * plus backward), a mini-batch gradient of B of N samples costs 2·B/N. See docs/lecture-tools.md.
 */
export interface StrategyOptions {
  /** Loss evaluations to spend; default 100. */
  budget?: number;
  /** Seeds the random W, the perturbations and the mini-batches; default 1. */
  seed?: number;
  /** Gradient descent step: W −= learningRate · dL/dW; default 0.1. */
  learningRate?: number;
  /** Random local search: W + stepSize · N(0, I) is kept when it lowers the loss; default 0.1. */
  stepSize?: number;
  /** Random search draws W ~ N(0, scale² I); default 1. */
  scale?: number;
  /** Mini-batch size for sgd (clamped to the sample count); default 1 for tiny data, else 10. */
  batchSize?: number;
  /** At most this many W are kept on the path (evenly thinned); default 200. */
  maxPath?: number;
}

/** One strategy's run: the loss against evaluations spent, and the path of W. */
export interface StrategyRun {
  method: StrategyMethod;
  /** Evaluations spent when each point of `losses` was taken (non-decreasing). */
  evaluations: Float64Array;
  /**
   * Loss per point: best so far for the searches; for gd and sgd the full loss at the current W
   * (for sgd measured on the side at whole evaluations, not charged to the budget).
   */
  losses: Float64Array;
  /** W at (some of) the points, first and last always included. */
  path: Float64Array[];
  /** Which point of `losses` each path entry belongs to. */
  pathPoints: number[];
  /** The W the strategy ends with (the best found, for the searches). */
  final: Float64Array;
  finalLoss: number;
  /** Steps taken (candidates tried for the searches, updates for gd/sgd). */
  steps: number;
  /** Set when a gradient method's loss became non-finite: the step where it did. */
  divergedAt?: number;
}
