/** Checks on training settings, shared by the panel (before sending) and the worker (on receipt). */
import { reason, ReasonedError } from '../core/graph/errors';
import type { TrainingSettings } from './protocol';

const refuse = (message: string, id: string): ReasonedError => new ReasonedError(message, reason(`settings.${id}`));

/** The first problem with the settings (its message and Reason), or null when SGD can use them. */
export function checkSettings(s: TrainingSettings): ReasonedError | null {
  if (!Number.isInteger(s.epochs) || s.epochs < 1) return refuse('epochs must be a whole number ≥ 1', 'epochs');
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) return refuse('batch size must be a whole number ≥ 1', 'batchSize');
  if (!Number.isFinite(s.learningRate) || s.learningRate <= 0) return refuse('learning rate must be a positive number', 'learningRate');
  if (!Number.isInteger(s.seed) || s.seed < 0) return refuse('seed must be a whole number ≥ 0', 'seed');
  return null;
}
