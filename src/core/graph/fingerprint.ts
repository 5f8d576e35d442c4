import type { Graph, GraphNode } from './types';

/** What a fingerprint leaves in besides what every computation on the graph depends on. */
export interface FingerprintOptions {
  /** Labels count (a formula names its variables by them); default false. */
  labels?: boolean;
  /** The numbers input nodes hold count (a formula's text does not depend on them); default true. */
  inputValues?: boolean;
}

const cache = new WeakMap<Graph, Map<string, string>>();

function nodeKey(node: GraphNode, options: Required<FingerprintOptions>): unknown[] {
  const value = node.op === 'input' && !options.inputValues ? null : node.value ?? null;
  const gate = node.gate === undefined ? null : [node.gate.label, node.gate.inputs, node.gate.output, fingerprintOf({ nodes: node.gate.nodes, edges: node.gate.edges }, options)];
  return [node.id, node.op, value, node.params ?? null, node.output ?? false, options.labels ? node.label ?? null : null, gate];
}

function fingerprintOf(graph: Graph, options: Required<FingerprintOptions>): string {
  return JSON.stringify([
    graph.nodes.map((node) => nodeKey(node, options)),
    graph.edges.map((e) => [e.source, e.target, e.targetPort]),
    graph.training?.seed ?? null,
  ]);
}

/**
 * The one fingerprint of a graph: equal strings mean equal operators, parameters, values, output
 * mark, fused gates, wiring and training seed, so a result computed for one holds for the other.
 * Positions never count (moving a node changes nothing computed). Memoised per graph object.
 */
export function graphFingerprint(graph: Graph, options: FingerprintOptions = {}): string {
  const full: Required<FingerprintOptions> = { labels: options.labels ?? false, inputValues: options.inputValues ?? true };
  const which = `${full.labels ? 'l' : ''}${full.inputValues ? 'v' : ''}`;
  let byOptions = cache.get(graph);
  if (byOptions === undefined) {
    byOptions = new Map();
    cache.set(graph, byOptions);
  }
  let key = byOptions.get(which);
  if (key === undefined) {
    key = fingerprintOf(graph, full);
    byOptions.set(which, key);
  }
  return key;
}
