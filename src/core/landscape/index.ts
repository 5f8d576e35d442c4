/** Loss landscapes: loss problems, slices and planes through them, search strategies. */
export * from './types';
export * from './svm';
export * from './problem-graph';
export * from './directions';
export * from './slice';
export * from './strategies';
export * from './problem-network';
