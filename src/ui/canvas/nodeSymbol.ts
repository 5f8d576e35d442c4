import { OPS, type GraphNode } from '../core';

/** The symbol a node draws: the table's, or a fused gate's own label (e.g. σ) from its gate definition. */
export function nodeSymbol(node: GraphNode): string {
  if (node.op === 'gate' && node.gate !== undefined && node.gate.label !== '') return node.gate.label;
  return OPS[node.op].symbol;
}
