import { i18n, problemText } from '../i18n';
import { graphProblems, inferShapes, isLayeredGraph, type Evaluation, type Graph, type GraphProblem } from '../core';
import type { PassView } from './passView';
import { formulaName } from '../names';

/** The numbers a node shows; null until the pass reveals them. */
export type NodeNumbers = {
  /** The number an input/const node holds (its editable field), else null. */
  leafValue: number | null;
  value: number | null;
  grad: number | null;
  /** "2 of 3 edges" while a fan-out sum accumulates, "sum of 3 edges" once complete. */
  gradNote: string | null;
  /** The node's first problem in full (tooltip) and in a few words (on the node). */
  problem: string | null;
  problemShort: string | null;
  output: boolean;
  current: boolean;
};

/** The numbers an edge label shows; null until revealed. */
export type EdgeNumbers = {
  value: number | null;
  grad: number | null;
  localGrad: number | null;
  /** The target's gradient: the "upstream" factor of this edge's product. */
  upstream: number | null;
  emphasis: boolean;
  sourceName: string;
  targetName: string;
  outputName: string;
  /** In a layered graph: the length of the vector the edge carries, where known. */
  /** The shape the edge carries in a network: "784" or "8x24x24". */
  shape: string | null;
};

/** Every node's and edge's numbers, by id. */
export interface Annotations {
  nodes: Map<string, NodeNumbers>;
  edges: Map<string, EdgeNumbers>;
}


/** A few words for a problem on its node, by its code; the full message is in the tooltip and the inspector. */
export function shortProblem(problem: GraphProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.code) {
    case 'unconnected-port': return i18n.t('canvas.problem.unconnected');
    case 'non-finite-value': return i18n.t('canvas.problem.nonFiniteValue');
    case 'non-finite-gradient': return i18n.t('canvas.problem.nonFiniteGradient');
    case 'layer-operator': return i18n.t('canvas.problem.layer');
    default: break;
  }
  const { message } = problem;
  if (message.length <= 28) return message;
  if (problem.code === 'ambiguous-output') return i18n.t('canvas.problem.ambiguous');
  return `${message.slice(0, 27)}…`;
}

/** No numbers at all (before the first evaluation). */
export const NO_ANNOTATIONS: Annotations = { nodes: new Map(), edges: new Map() };

function sameFields<T extends Record<string, unknown>>(a: T | undefined, b: T): a is T {
  if (a === undefined) return false;
  for (const k in b) if (!Object.is(a[k], b[k])) return false;
  return true;
}

const revealed = (shown: boolean, v: number): number | null => (shown ? v : null);

/**
 * The numbers the canvas shows, derived from the evaluation and the pass view. Objects that did not
 * change are taken from `prev`, so a label subscribed to its own entry re-renders only when its numbers do.
 */
export function annotate(graph: Graph, scalarEvaluation: Evaluation | undefined, view: PassView | undefined, prev: Annotations = NO_ANNOTATIONS): Annotations {
  // A layered graph has no scalar numbers: show none rather than NaN everywhere, but the vector lengths.
  // A layered graph's numbers are vectors, computed by the network, not here.
  const layered = isLayeredGraph(graph);
  const evaluation = layered ? undefined : scalarEvaluation;
  const shapes = layered ? inferShapes(graph) : undefined;
  const program = evaluation?.program;
  const problems = new Map<string, GraphProblem>();
  for (const problem of graphProblems(graph, evaluation)) {
    if (problem.nodeId !== undefined && !problems.has(problem.nodeId)) problems.set(problem.nodeId, problem);
  }
  const names = new Map(graph.nodes.map((n) => [n.id, formulaName(n.id, n.label)]));
  const outputName = evaluation?.outputId === undefined ? 'out' : names.get(evaluation.outputId) ?? 'out';

  const nodes = new Map<string, NodeNumbers>();
  for (const node of graph.nodes) {
    const k = program?.index.get(node.id);
    const known = evaluation !== undefined && view !== undefined && k !== undefined;
    const grad = known && !Number.isNaN(view.nodeGrad[k]) ? view.nodeGrad[k] : null;
    let gradNote: string | null = null;
    if (grad !== null && known && view.gradTotal[k] > 1) {
      gradNote = view.gradTerms[k] < view.gradTotal[k] ? i18n.t('canvas.termsOf', { terms: view.gradTerms[k], total: view.gradTotal[k] }) : i18n.t('canvas.sumOf', { total: view.gradTotal[k] });
    }
    const numbers: NodeNumbers = {
      leafValue: typeof node.value === 'number' ? node.value : null,
      value: known ? revealed(view.valueShown[k] === 1, evaluation.values[k]) : null,
      grad,
      gradNote,
      problem: ((p) => (p === undefined ? null : problemText(p)))(problems.get(node.id)),
      problemShort: shortProblem(problems.get(node.id)),
      output: evaluation?.outputId === node.id,
      current: view?.currentNode === node.id,
    };
    const old = prev.nodes.get(node.id);
    nodes.set(node.id, sameFields(old, numbers) ? old : numbers);
  }

  const edges = new Map<string, EdgeNumbers>();
  graph.edges.forEach((edge, e) => {
    const s = program?.index.get(edge.source);
    const t = program?.index.get(edge.target);
    const known = evaluation !== undefined && view !== undefined;
    const valueShown = known && s !== undefined && view.valueShown[s] === 1;
    const gradShown = known && view.edgeGradShown[e] === 1;
    const numbers: EdgeNumbers = {
      value: known ? revealed(valueShown, evaluation.edgeValue[e]) : null,
      grad: known ? revealed(gradShown, evaluation.edgeGrad[e]) : null,
      localGrad: known ? revealed(gradShown, evaluation.edgeLocalGrad[e]) : null,
      upstream: known && t !== undefined ? revealed(gradShown, evaluation.grads[t]) : null,
      emphasis: view?.currentEdges.has(edge.id) ?? false,
      sourceName: names.get(edge.source) ?? edge.source,
      targetName: names.get(edge.target) ?? edge.target,
      outputName,
      shape: shapes?.edgeLabels[edge.id] ?? null,
    };
    const old = prev.edges.get(edge.id);
    edges.set(edge.id, sameFields(old, numbers) ? old : numbers);
  });
  return { nodes, edges };
}
