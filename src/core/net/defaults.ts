import type { TrainingDefaults } from '../graph/types';
import { optimizerFromTraining } from './optimizer';
import type { LossKind, TrainOptions } from './types';

/**
 * A file's training block filled with gradflow's defaults: 30 epochs, batch 10, seed 1, no L2,
 * η = 3 for mse (Nielsen's) and 0.1 otherwise, plain SGD unless the block names an optimiser.
 */
export function trainOptionsFrom(training: TrainingDefaults | undefined, loss: LossKind): TrainOptions {
  const d = training ?? {};
  return {
    epochs: d.epochs ?? 30,
    batchSize: d.batchSize ?? 10,
    learningRate: d.learningRate ?? (loss === 'mse' ? 3 : 0.1),
    seed: d.seed ?? 1,
    l2: d.l2 ?? 0,
    optimizer: optimizerFromTraining(d),
  };
}
