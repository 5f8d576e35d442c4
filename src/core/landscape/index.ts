/** The lecture's tools: loss problems, landscapes, search strategies, sweeps, gradient-check verdicts. */
export * from './types';
export * from './svm';
export * from './problem-graph';
export * from './directions';
export * from './slice';
export * from './strategies';
export * from './sweep';
export * from './verdict';
export * from './problem-network';
export * from './equations';
