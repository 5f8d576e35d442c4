import type { Graph, GraphEdge, GraphNode, OpName } from '../../src/core';

/** A small seeded generator (mulberry32) so test graphs are reproducible from a seed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smooth operators with bounded growth: random graphs of them pass a gradient check everywhere. */
export const SMOOTH_OPS: readonly OpName[] = ['add', 'mul', 'sub', 'neg', 'scale', 'offset', 'sin', 'cos', 'tanh', 'sigmoid', 'square'];

/**
 * A random DAG: `inputs` input nodes (values in [-1.5, 1.5]), then `size` operator nodes whose
 * inputs are random earlier nodes, so fan-out is common. The last node is the output; every
 * other sink feeds a final n-ary add so that everything contributes.
 */
// `+ 0` turns -0 into 0: JSON writes -0 as 0, and a file round trip should be exact.
export function randomDag(random: () => number, size: number, inputs = 3, ops: readonly OpName[] = SMOOTH_OPS): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const used = new Set<number>();
  for (let i = 0; i < inputs; i++) nodes.push({ id: `x${i}`, op: 'input', value: Math.round((random() * 3 - 1.5) * 1000) / 1000 + 0 });
  const pick = (): number => {
    // Prefer recent nodes so depth grows, but reach back for fan-out.
    const n = nodes.length;
    const k = random() < 0.6 ? n - 1 - Math.floor(random() * Math.min(n, 4)) : Math.floor(random() * n);
    used.add(k);
    return k;
  };
  for (let j = 0; j < size; j++) {
    const op = ops[Math.floor(random() * ops.length)];
    const arity = op === 'add' || op === 'mul' ? 2 + Math.floor(random() * 2) : ['sub'].includes(op) ? 2 : 1;
    const id = `n${j}`;
    const node: GraphNode = { id, op };
    if (op === 'scale') node.params = { a: Math.round((random() * 4 - 2) * 100) / 100 + 0 };
    if (op === 'offset') node.params = { c: Math.round((random() * 4 - 2) * 100) / 100 + 0 };
    const sources = Array.from({ length: arity }, pick);
    nodes.push(node);
    sources.forEach((s, port) => edges.push({ id: `e${edges.length}`, source: nodes[s].id, target: id, targetPort: port }));
  }
  const sinks = nodes.map((_, i) => i).filter((i) => !used.has(i));
  if (sinks.length > 1) {
    const id = 'out';
    nodes.push({ id, op: 'add' });
    sinks.forEach((s, port) => edges.push({ id: `e${edges.length}`, source: nodes[s].id, target: id, targetPort: port }));
  }
  nodes[nodes.length - 1].output = true;
  return { nodes, edges };
}
