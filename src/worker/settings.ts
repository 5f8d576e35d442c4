/** Checks on training settings, shared by the panel (before sending) and the worker (on receipt). */
import type { TrainingSettings } from './protocol';

/** The first problem with the settings, or null when SGD can use them. */
export function checkSettings(s: TrainingSettings): string | null {
  if (!Number.isInteger(s.epochs) || s.epochs < 1) return 'epochs must be a whole number ≥ 1';
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) return 'batch size must be a whole number ≥ 1';
  if (!Number.isFinite(s.learningRate) || s.learningRate <= 0) return 'learning rate must be a positive number';
  if (!Number.isInteger(s.seed) || s.seed < 0) return 'seed must be a whole number ≥ 0';
  return null;
}
