import type { Graph } from '../graph/types';
import type { NetworkSpec, TrainOptions } from '../net/types';

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
