/**
 * The lecture worker's message protocol: landscapes, strategy comparisons, learning-rate sweeps and
 * the four equations, as tagged unions. Every request carries an id its response repeats, so the
 * page can drop answers to requests it has since replaced.
 */
import type { Reason } from '../core/graph/errors';
import type { Graph } from '../core/graph/types';
import type { FourEquations } from '../core/net/equations';
import type { StrategyMethod } from '../core/landscape/types';
import type { TrainedParameters, WeightsUsed } from './parameters';

/** What W and L are: a scalar graph (its inputs, or some of them), the built-in SVM example, or a layered graph as a network. */
export type ProblemSource =
  | { kind: 'graph'; graph: Graph; inputs?: string[] }
  | { kind: 'svm' }
  /**
   * The Training tab's `parameters` when given, else parameters initialised from the graph's training seed;
   * L on the first `samples` training digits (seeded random inputs for graphs that do not read digits).
   */
  | { kind: 'network'; graph: Graph; samples: number; dataUrl: string; parameters?: TrainedParameters };

/** Settings of the optimiser path drawn on a 2-D map. */
export interface PathSettings {
  method: StrategyMethod;
  budget: number;
  learningRate: number;
  stepSize: number;
}

/** Settings of a strategy comparison (all methods get the same budget). */
export interface StrategySettings {
  methods: StrategyMethod[];
  budget: number;
  learningRate: number;
  stepSize: number;
  batchSize: number;
  seed: number;
}

/** Messages from the page to the lecture worker. */
export type LectureRequest =
  | { type: 'landscape'; id: number; source: ProblemSource; dims: 1 | 2; steps: number; range: number; seed: number; path: PathSettings | null }
  | { type: 'strategies'; id: number; source: ProblemSource; settings: StrategySettings }
  | { type: 'sweep'; id: number; source: ProblemSource; rates: number[]; steps: number; batchSize: number; seed: number }
  /**
   * BP1–BP4 for a mini-batch of `batchSize` samples shuffled with `seed`, plus the first sample for "Expand to
   * scalar graph"; the network holds `parameters` when given, else is initialised from the graph's training seed.
   */
  | { type: 'equations'; id: number; graph: Graph; batchSize: number; seed: number; dataUrl: string; parameters?: TrainedParameters };

/** A problem as the page describes it. */
export interface ProblemInfo {
  kind: 'graph' | 'svm' | 'network';
  /** Number of parameters. */
  size: number;
  /** "3 inputs: w0, x0, w1", "23,860 parameters, L on 500 training digits". */
  description: string;
  /** The description without its language, for the UI to word. */
  reason: Reason;
  /** For a network: whether it held trained or freshly initialised parameters. */
  weights?: WeightsUsed;
}

/** One strategy's curve, without the path of W (which can be large for a network). */
export interface StrategyCurve {
  method: StrategyMethod;
  evaluations: Float64Array;
  losses: Float64Array;
  finalLoss: number;
  steps: number;
  divergedAt?: number;
}

/** One learning rate's curve in a sweep. */
export interface SweepCurve {
  learningRate: number;
  losses: Float64Array;
  diverged: boolean;
  atStep?: number;
  finalLoss: number;
}

/** The first sample of an equations batch, to expand the network into a scalar graph for it. */
export interface EquationSample {
  input: Float64Array;
  label: number;
}

/** Messages from the lecture worker to the page. */
export type LectureResponse =
  | { type: 'slice1d'; id: number; problem: ProblemInfo; alphas: Float64Array; losses: Float64Array; centerLoss: number; ms: number }
  | {
    type: 'slice2d'; id: number; problem: ProblemInfo; alphas: Float64Array; betas: Float64Array; grid: Float64Array;
    min: number; max: number; centerLoss: number; ms: number;
    /** The optimiser's path projected onto the plane, when asked for. */
    path: { method: StrategyMethod; alphas: Float64Array; betas: Float64Array; maxResidual: number } | null;
  }
  | { type: 'strategies'; id: number; problem: ProblemInfo; curves: StrategyCurve[]; ms: number }
  | { type: 'sweep'; id: number; problem: ProblemInfo; curves: SweepCurve[]; ms: number }
  | { type: 'equations'; id: number; equations: FourEquations; batch: number[]; sample: EquationSample; dataDescription: string; dataReason: Reason; weights: WeightsUsed; ms: number }
  | { type: 'error'; id: number; message: string; reason?: Reason };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
