// The parts of the core the editor uses, imported module by module so the bundle leaves out the rest
// (the network trainer and embedded data load only where their panels import them).
export * from '../core/ops/types';
export * from '../core/ops/table';
export * from '../core/graph/types';
export * from '../core/graph/errors';
export * from '../core/graph/quote';
export * from '../core/graph/program';
export * from '../core/graph/ids';
export * from '../core/graph/fingerprint';
export * from '../core/graph/edits';
export * from '../core/graph/connect';
export * from '../core/eval/evaluate';
export * from '../core/eval/passes';
export * from '../core/eval/problems';
export * from '../core/eval/stepper';
export * from '../core/format/index';
export * from '../core/expr/index';
export { layoutGraph, withPlacements, type LaidOut, type Layout } from '../core/graph/layout';
export { inferShapes, isLayeredGraph } from '../core/net/shapes';
