/** A fingerprint of what a network is built from, to tell real edits from moves and relabels. */
import type { Graph } from '../../core/graph/types';

/** Ops, params, values and wiring of a graph as a string; positions and labels do not count. */
export function networkKey(graph: Graph): string {
  return JSON.stringify([
    graph.nodes.map((n) => [n.id, n.op, n.params ?? null, n.value ?? null, n.output ?? false]),
    graph.edges.map((e) => [e.source, e.target, e.targetPort]),
  ]);
}
