import type { GraphErrorCode, Reason } from '../graph/errors';
import type { Graph } from '../graph/types';
import { inferShapes, isLayeredGraph } from '../net/shapes';
import type { EvalWarning, Evaluation } from './evaluate';

/** One problem of a graph as an editor shows it: what kind (its code), the sentence, and the node it is on. */
export interface GraphProblem {
  code: GraphErrorCode | EvalWarning['code'];
  message: string;
  /** The sentence without its language, for the UI to word. */
  reason?: Reason;
  nodeId?: string;
}

/**
 * Every problem of a graph an editor shows, in order: a layered graph's shape problems (its scalar
 * evaluation means nothing), else what the lenient evaluation tolerated and the non-finite numbers it met.
 */
export function graphProblems(graph: Graph, evaluation: Evaluation | undefined): GraphProblem[] {
  if (isLayeredGraph(graph)) return inferShapes(graph).errors.map((e) => ({ code: e.code, message: e.message, reason: e.reason, nodeId: e.place.nodeId }));
  if (evaluation === undefined) return [];
  return [
    ...evaluation.program.issues.map((e) => ({ code: e.code, message: e.message, reason: e.reason, nodeId: e.place.nodeId })),
    ...evaluation.warnings.map((w) => ({ code: w.code, message: w.message, reason: w.reason, nodeId: w.nodeId })),
  ];
}
