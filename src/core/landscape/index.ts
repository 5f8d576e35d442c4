/** Loss landscapes: loss problems, slices and planes through them, search strategies. */
export * from './types';
export * from './svm';
export * from './problemGraph';
export * from './directions';
export * from './slice';
export * from './strategies';
export * from './problemNetwork';
