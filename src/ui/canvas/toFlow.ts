import type { Edge, Node } from '@xyflow/react';
import { OPS, portCount, type Evaluation, type Graph, type OpName } from '../core';
import type { Measured } from '../store/store';
import type { PassView } from '../stepper/passView';

/** One input handle of a node. */
export type PortData = { label: string; connected: boolean };

/** What an operator node draws: serialisable, no callbacks (components call store actions). */
export type OpNodeData = {
  op: OpName;
  name: string;
  /** The editable number of input/const nodes, else null. */
  leafValue: number | null;
  /** Parameter values in the table's order. */
  params: (number | string)[];
  /** The value shown (null while the forward pass has not reached it). */
  value: number | null;
  /** The gradient so far (null until the backward pass reaches the node). */
  grad: number | null;
  /** "2 of 3 edges" while a fan-out sum accumulates, or "sum of 3 edges" once complete. */
  gradNote: string | null;
  ports: PortData[];
  problem: string | null;
  output: boolean;
  current: boolean;
};

/** What an edge label shows; numbers are null until revealed. */
export type GradEdgeData = {
  value: number | null;
  grad: number | null;
  localGrad: number | null;
  /** The target's gradient: the "upstream" factor of this edge's product. */
  upstream: number | null;
  emphasis: boolean;
  sourceName: string;
  targetName: string;
  outputName: string;
};

export type OpFlowNode = Node<OpNodeData, 'op'>;
export type GradFlowEdge = Edge<GradEdgeData, 'grad'>;

/** Everything the canvas derives from. */
export interface FlowInput {
  graph: Graph;
  evaluation: Evaluation | undefined;
  view: PassView | undefined;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Measured;
}

/** Previous output, so unchanged nodes and edges keep their identity (React Flow and memo skip them). */
export interface FlowCache {
  nodes: Map<string, OpFlowNode>;
  edges: Map<string, GradFlowEdge>;
}

/** A fresh cache. */
export const newFlowCache = (): FlowCache => ({ nodes: new Map(), edges: new Map() });

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

const domCache = new Map<OpName, OpFlowNode['domAttributes']>();
/** `data-op` on React Flow's node element (a test hook); one object per operator. */
function domAttributes(op: OpName): OpFlowNode['domAttributes'] {
  let attrs = domCache.get(op);
  if (attrs === undefined) {
    attrs = { 'data-op': op } as OpFlowNode['domAttributes'];
    domCache.set(op, attrs);
  }
  return attrs;
}

const revealed = (shown: boolean, v: number): number | null => (shown ? v : null);

/** Where a node without a stored position goes: a simple grid, so old files still show. */
const gridPosition = (i: number) => ({ x: (i % 6) * 180, y: Math.floor(i / 6) * 140 });

/** The ONE derivation of React Flow nodes and edges from the core graph, its evaluation and the pass view. */
export function toFlow(input: FlowInput, cache: FlowCache): { nodes: OpFlowNode[]; edges: GradFlowEdge[] } {
  const { graph, evaluation, view, selectedNodes, selectedEdges, measured } = input;
  const program = evaluation?.program;
  const problems = new Map<string, string>();
  for (const issue of program?.issues ?? []) {
    if (issue.place.nodeId !== undefined && !problems.has(issue.place.nodeId)) problems.set(issue.place.nodeId, issue.message);
  }
  for (const warning of evaluation?.warnings ?? []) if (!problems.has(warning.nodeId)) problems.set(warning.nodeId, warning.message);
  const connected = new Set(graph.edges.map((e) => `${e.target}\u0000${e.targetPort}`));
  const names = new Map(graph.nodes.map((n) => [n.id, n.label ?? n.id]));
  const outputName = evaluation?.outputId === undefined ? 'out' : names.get(evaluation.outputId) ?? 'out';

  const nodes: OpFlowNode[] = graph.nodes.map((node, i) => {
    const def = OPS[node.op];
    const k = program?.index.get(node.id);
    const shown = view !== undefined && k !== undefined && view.valueShown[k] === 1;
    const grad = view !== undefined && k !== undefined && !Number.isNaN(view.nodeGrad[k]) ? view.nodeGrad[k] : null;
    let gradNote: string | null = null;
    if (grad !== null && k !== undefined && view !== undefined && view.gradTotal[k] > 1) {
      gradNote = view.gradTerms[k] < view.gradTotal[k] ? `${view.gradTerms[k]} of ${view.gradTotal[k]} edges` : `sum of ${view.gradTotal[k]} edges`;
    }
    const count = def.arity.kind === 'fixed' ? def.arity.count : portCount(graph, node.id);
    const ports: PortData[] = [];
    for (let p = 0; p < count; p++) ports.push({ label: def.portNames[p] ?? '', connected: connected.has(`${node.id}\u0000${p}`) });
    const data: OpNodeData = {
      op: node.op,
      name: node.label ?? node.id,
      leafValue: def.leaf && typeof node.value === 'number' ? node.value : null,
      params: def.params.map((p) => node.params?.[p.name] ?? p.default),
      value: k !== undefined && evaluation !== undefined ? revealed(shown, evaluation.values[k]) : null,
      grad,
      gradNote,
      ports,
      problem: problems.get(node.id) ?? null,
      output: evaluation?.outputId === node.id,
      current: view?.currentNode === node.id,
    };
    const position = node.position ?? gridPosition(i);
    const selected = selectedNodes.has(node.id);
    const size = measured[node.id];
    const prev = cache.nodes.get(node.id);
    if (prev !== undefined && prev.selected === selected && prev.position.x === position.x && prev.position.y === position.y
      && prev.measured?.width === size?.width && prev.measured?.height === size?.height && sameValue(prev.data, data)) {
      return prev;
    }
    const flowNode: OpFlowNode = { id: node.id, type: 'op', position, data, selected, ariaLabel: `${def.label} ${data.name}`, domAttributes: domAttributes(node.op) };
    if (size !== undefined) flowNode.measured = size;
    return flowNode;
  });

  const edges: GradFlowEdge[] = graph.edges.map((edge, e) => {
    const s = program?.index.get(edge.source);
    const t = program?.index.get(edge.target);
    const valueShown = view !== undefined && s !== undefined && view.valueShown[s] === 1;
    const gradShown = view !== undefined && view.edgeGradShown[e] === 1;
    const data: GradEdgeData = {
      value: evaluation !== undefined ? revealed(valueShown, evaluation.edgeValue[e]) : null,
      grad: evaluation !== undefined ? revealed(gradShown, evaluation.edgeGrad[e]) : null,
      localGrad: evaluation !== undefined ? revealed(gradShown, evaluation.edgeLocalGrad[e]) : null,
      upstream: evaluation !== undefined && t !== undefined ? revealed(gradShown, evaluation.grads[t]) : null,
      emphasis: view?.currentEdges.has(edge.id) ?? false,
      sourceName: names.get(edge.source) ?? edge.source,
      targetName: names.get(edge.target) ?? edge.target,
      outputName,
    };
    const selected = selectedEdges.has(edge.id);
    const targetHandle = `in${edge.targetPort}`;
    const prev = cache.edges.get(edge.id);
    if (prev !== undefined && prev.selected === selected && prev.source === edge.source && prev.target === edge.target
      && prev.targetHandle === targetHandle && sameValue(prev.data, data)) {
      return prev;
    }
    return { id: edge.id, type: 'grad', source: edge.source, sourceHandle: 'out', target: edge.target, targetHandle, data, selected };
  });

  cache.nodes = new Map(nodes.map((n) => [n.id, n]));
  cache.edges = new Map(edges.map((e) => [e.id, e]));
  return { nodes, edges };
}
