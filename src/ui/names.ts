import { OPS, type Graph, type GraphNode } from './core';

// What nodes are called on screen: in formulas and the chain-rule line (names), and on the canvas (symbols).

/** A label fit for d f/d x notation: a short name, not a phrase like "f = 1/x". */
const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,11}$/u;

/** The name a node goes by in formulas: its label when it is a short name, else its id. */
export function formulaName(id: string, label: string | undefined): string {
  return label !== undefined && NAME.test(label) ? label : id;
}

/** The formula name of node `id` in `graph`. */
export function nodeName(graph: Graph, id: string): string {
  return formulaName(id, graph.nodes.find((n) => n.id === id)?.label);
}

/** The symbol a node draws: the table's, or a fused gate's own label (e.g. σ) from its gate definition. */
export function nodeSymbol(node: GraphNode): string {
  if (node.op === 'gate' && node.gate !== undefined && node.gate.label !== '') return node.gate.label;
  return OPS[node.op].symbol;
}
