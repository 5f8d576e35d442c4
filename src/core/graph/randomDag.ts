import type { OpName } from '../ops/table';
import type { Params } from '../ops/types';
import type { Rng } from '../random';
import type { Graph, GraphEdge, GraphNode } from './types';

/** Smooth operators with bounded growth: random graphs of them pass a gradient check everywhere. */
export const SMOOTH_OPS: readonly OpName[] = ['add', 'mul', 'sub', 'neg', 'scale', 'offset', 'sin', 'cos', 'tanh', 'sigmoid', 'square'];

/** The shape of a random DAG; the defaults give the small gradient-checkable graphs the tests use. */
export interface RandomDagOptions {
  /** Input nodes, ids x0, x1, …; default 3. */
  inputs?: number;
  /** Operators to draw from, uniformly; default SMOOTH_OPS. */
  ops?: readonly OpName[];
  /** An operand is one of the last `recentWindow` nodes with this chance, else any earlier node: depth against fan-out. Default 0.6. */
  recentChance?: number;
  /** Default 4. */
  recentWindow?: number;
  /** add and mul take 2 or 3 operands (default true); with false, 2. */
  wideSums?: boolean;
  /** Each input's value; default uniform in [-1.5, 1.5] to three decimals. */
  inputValue?: (rng: Pick<Rng, 'next'>) => number;
  /** Params of scale and offset nodes; default a and c uniform in [-2, 2] to two decimals. */
  params?: (op: 'scale' | 'offset', rng: Pick<Rng, 'next'>) => Params;
  /** Every sink but the last feeds a final n-ary add `out`, so every node reaches the output; default true. */
  joinSinks?: boolean;
  /** The first operator's number in its id n0, n1, …; default 0. */
  firstId?: number;
}

// `+ 0` turns -0 into 0: JSON writes -0 as 0, and a file round trip should be exact.
const defaultInputValue = (rng: Pick<Rng, 'next'>): number => Math.round((rng.next() * 3 - 1.5) * 1000) / 1000 + 0;
const defaultParams = (op: 'scale' | 'offset', rng: Pick<Rng, 'next'>): Params => {
  const v = Math.round((rng.next() * 4 - 2) * 100) / 100 + 0;
  return op === 'scale' ? { a: v } : { c: v };
};

/**
 * A random DAG for tests and benchmarks: `inputs` input nodes, then `operators` operator nodes whose
 * operands are random earlier nodes, so fan-out is common. The last node is the output. The same
 * generator state gives the same graph.
 */
export function randomDag(rng: Pick<Rng, 'next'>, operators: number, options: RandomDagOptions = {}): Graph {
  const { inputs = 3, ops = SMOOTH_OPS, recentChance = 0.6, recentWindow = 4, wideSums = true, joinSinks = true, firstId = 0 } = options;
  const inputValue = options.inputValue ?? defaultInputValue;
  const params = options.params ?? defaultParams;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const used = new Uint8Array(inputs + operators);
  for (let i = 0; i < inputs; i++) nodes.push({ id: `x${i}`, op: 'input', value: inputValue(rng) });
  const pick = (): number => {
    const n = nodes.length;
    const k = rng.next() < recentChance ? n - 1 - Math.floor(rng.next() * Math.min(n, recentWindow)) : Math.floor(rng.next() * n);
    used[k] = 1;
    return k;
  };
  for (let j = 0; j < operators; j++) {
    const op = ops[Math.floor(rng.next() * ops.length)];
    const arity = op === 'add' || op === 'mul' ? (wideSums ? 2 + Math.floor(rng.next() * 2) : 2) : op === 'sub' ? 2 : 1;
    const id = `n${firstId + j}`;
    const node: GraphNode = { id, op };
    if (op === 'scale' || op === 'offset') node.params = params(op, rng);
    const sources = Array.from({ length: arity }, pick);
    nodes.push(node);
    sources.forEach((s, port) => edges.push({ id: `e${edges.length}`, source: nodes[s].id, target: id, targetPort: port }));
  }
  if (joinSinks) {
    const sinks = nodes.map((_, i) => i).filter((i) => used[i] === 0);
    if (sinks.length > 1) {
      nodes.push({ id: 'out', op: 'add' });
      sinks.forEach((s, port) => edges.push({ id: `e${edges.length}`, source: nodes[s].id, target: 'out', targetPort: port }));
    }
  }
  nodes[nodes.length - 1].output = true;
  return { nodes, edges };
}

/**
 * A big editor-sized graph for benchmarks and end-to-end tests: `n` nodes on a grid of columns, each
 * operator fed mostly from the two columns before it (now and then from far back, so there are long
 * wires), inputs scattered through every column so any part of the canvas holds editable values,
 * about 1.35 edges per node, values finite, the last node the output. The same seed gives the same graph.
 */
export function randomGridDag(rng: Pick<Rng, 'next'>, n: number, rows = n >= 300 ? 25 : 6): Graph {
  const unary: OpName[] = ['tanh', 'sigmoid', 'sin', 'scale', 'offset', 'neg'];
  const binary: OpName[] = ['add', 'mul', 'add', 'max', 'sub'];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const int = (k: number): number => Math.floor(rng.next() * k);
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    const column = Math.floor(i / rows);
    const position = { x: column * 200, y: (i % rows) * 140 };
    // The first column is all inputs; later ones about one in eight.
    if (column === 0 || (i < n - 1 && rng.next() < 0.12)) {
      nodes.push({ id, op: 'input', value: Math.round((rng.next() * 2 - 1) * 100) / 100 + 0, position });
      continue;
    }
    const two = rng.next() < 0.55;
    const op = two ? binary[int(binary.length)] : unary[int(unary.length)];
    const node: GraphNode = { id, op, position };
    if (op === 'scale') node.params = { a: 0.5 };
    if (op === 'offset') node.params = { c: 0.25 };
    nodes.push(node);
    const firstOfColumn = column * rows;
    const recentFrom = Math.max(0, firstOfColumn - 2 * rows);
    const pick = (): number => (rng.next() < 0.9 ? recentFrom + int(firstOfColumn - recentFrom) : int(firstOfColumn));
    const first = pick();
    let second = pick();
    if (second === first) second = first === 0 ? 1 : first - 1;
    (two ? [first, second] : [first]).forEach((s, port) => edges.push({ id: `e${edges.length + 1}`, source: `n${s}`, target: id, targetPort: port }));
  }
  nodes[nodes.length - 1].output = true;
  return { nodes, edges };
}
