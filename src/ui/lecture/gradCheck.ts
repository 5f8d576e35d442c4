/** The editor graph's gradient check, computed once per graph and shared by every badge. */
import { checkVerdict, gradientCheck, type CheckVerdict, type InputCheck } from '../../core/eval/gradcheck';
import type { Graph } from '../../core/graph/types';
import { errorLine } from '../i18n';

/** One input's check with its verdict. */
export interface BadgeCheck extends InputCheck {
  verdict: CheckVerdict;
}

/** Per input node id its check, or why the graph cannot be checked. */
export type GraphCheck = { ok: true; byNode: Map<string, BadgeCheck> } | { ok: false; message: string };

const cache = new WeakMap<Graph, GraphCheck>();

/** Numerical (centred differences) against analytic gradient for every input of `graph`, cached by graph. */
export function checkGraph(graph: Graph): GraphCheck {
  let found = cache.get(graph);
  if (found === undefined) {
    try {
      const check = gradientCheck(graph);
      found = { ok: true, byNode: new Map(check.inputs.map((c) => [c.nodeId, { ...c, verdict: checkVerdict(c) }])) };
    } catch (error) {
      found = { ok: false, message: errorLine(error) };
    }
    cache.set(graph, found);
  }
  return found;
}
