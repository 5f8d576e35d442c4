import { nodeKernels, paramsWithDefaults } from '../graph/program';
import type { Graph, GraphNode } from '../graph/types';
import { OPS } from '../ops/table';

/** Every node's value and d output / d node, by node id. */
export interface ReferenceEvaluation {
  value: Map<string, number>;
  grad: Map<string, number>;
}

/**
 * The backward pass as micrograd writes it, to read and to check the fast evaluator against: order the
 * nodes the output depends on (micrograd's build_topo), compute values forward, then walk back and let
 * each node hand grad × local gradient to each input. Maps and a lookup per edge make it slow; evaluate.ts
 * does the same over flat arrays. Expects a graph that compiles (one output, every port wired).
 */
export function referenceEvaluate(graph: Graph): ReferenceEvaluation {
  const order = topologicalOrder(graph);
  const value = new Map<string, number>();
  const grad = new Map<string, number>(order.map((node) => [node.id, 0]));
  for (const node of order) value.set(node.id, at(graph, node, value).forward());
  grad.set(order[order.length - 1].id, 1);
  for (const node of [...order].reverse()) {
    const { inputs, localGrad } = at(graph, node, value);
    inputs.forEach((input, k) => grad.set(input.id, grad.get(input.id)! + grad.get(node.id)! * localGrad(k)));
  }
  return { value, grad };
}

/** A node's inputs in port order. */
const inputsOf = (graph: Graph, node: GraphNode): GraphNode[] =>
  graph.edges.filter((e) => e.target === node.id).sort((a, b) => a.targetPort - b.targetPort).map((e) => graph.nodes.find((n) => n.id === e.source)!);

/** The output and every node it depends on, each after its inputs (depth-first, as micrograd). */
function topologicalOrder(graph: Graph): GraphNode[] {
  const output = graph.nodes.find((node) => node.output === true) ?? graph.nodes.find((node) => !graph.edges.some((e) => e.source === node.id))!;
  const order: GraphNode[] = [];
  const visit = (node: GraphNode): void => {
    if (order.includes(node)) return;
    inputsOf(graph, node).forEach(visit);
    order.push(node);
  };
  visit(output);
  return order;
}

/** A node at the current values: its inputs, its value from them, and its local gradient for input k. */
function at(graph: Graph, node: GraphNode, value: Map<string, number>) {
  const inputs = inputsOf(graph, node);
  const x = Float64Array.from(inputs, (input) => value.get(input.id)!);
  const params = paramsWithDefaults(OPS[node.op], node.params);
  const { forward, localGrad } = nodeKernels(node, inputs.length);
  return {
    inputs,
    forward: (): number => (forward === undefined ? node.value! : forward(x, 0, x.length, params)),
    localGrad: (k: number): number => localGrad!(x, 0, x.length, value.get(node.id)!, k, params),
  };
}
