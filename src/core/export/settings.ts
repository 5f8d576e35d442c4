import type { Graph } from '../graph/types';
import type { NetworkSpec, TrainOptions } from '../net/types';

/** An update rule and its hyper-parameters, as an exported program names them (defaults: μ 0.9; β1 0.9, β2 0.999, ε 1e-8). */
export type ExportOptimizer =
  | { kind: 'sgd' }
  | { kind: 'momentum'; momentum: number }
  | { kind: 'adam'; beta1: number; beta2: number; epsilon: number };

/** The training block's optimiser fields, which files carry once the optimisers exist (read without assuming them). */
interface OptimizerFields {
  optimizer?: unknown;
  momentum?: unknown;
  beta1?: unknown;
  beta2?: unknown;
  epsilon?: unknown;
}

const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The optimiser a file's training block names: plain SGD unless it names momentum or Adam. */
export function graphOptimizer(graph: Graph): ExportOptimizer {
  const t = (graph.training ?? {}) as OptimizerFields;
  if (t.optimizer === 'momentum') return { kind: 'momentum', momentum: numberOr(t.momentum, 0.9) };
  if (t.optimizer === 'adam') return { kind: 'adam', beta1: numberOr(t.beta1, 0.9), beta2: numberOr(t.beta2, 0.999), epsilon: numberOr(t.epsilon, 1e-8) };
  return { kind: 'sgd' };
}

/** The training run a layered graph describes: its file's "training" defaults over gradflow's (as `gradflow train` resolves them). */
export function graphTraining(graph: Graph, spec: NetworkSpec): TrainOptions & { l2: number } {
  const d = graph.training ?? {};
  return {
    epochs: d.epochs ?? 30,
    batchSize: d.batchSize ?? 10,
    learningRate: d.learningRate ?? (spec.loss === 'mse' ? 3 : 0.1),
    seed: d.seed ?? 1,
    l2: d.l2 ?? 0,
  };
}
