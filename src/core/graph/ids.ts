import type { Graph } from './types';
import type { OpName } from '../ops/table';

/** The first `prefix1`, `prefix2`, … not in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let k = 1; ; k++) {
    const id = `${prefix}${k}`;
    if (!taken.has(id)) return id;
  }
}

/** Id prefix for a new node: variables read as x1, x2, constants as c1, the rest by operator name. */
export function idPrefix(op: OpName): string {
  if (op === 'input') return 'x';
  if (op === 'const') return 'c';
  return op;
}

/** Every node id of a graph. */
export function nodeIds(graph: Graph): Set<string> {
  return new Set(graph.nodes.map((node) => node.id));
}

/** Every edge id of a graph. */
export function edgeIds(graph: Graph): Set<string> {
  return new Set(graph.edges.map((edge) => edge.id));
}
