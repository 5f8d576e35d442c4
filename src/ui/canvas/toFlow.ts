import type { Edge, Node } from '@xyflow/react';
import { OPS, portCount, type Graph, type GraphEdge, type GraphNode, type OpName } from '../core';
import type { Measured } from '../store/store';
import type { LabelSpot } from './labelPlacement';
import { nodeSymbol } from './nodeSymbol';

/** One input handle of a node. */
export type PortData = { label: string; connected: boolean };

/**
 * What an operator node is: serialisable, no callbacks (components call store actions). Its numbers
 * (value, gradient, problems) come from the store's annotations, so a value edit does not rebuild
 * every React Flow node downstream.
 */
export type OpNodeData = {
  op: OpName;
  /** What the node draws large: the table's symbol, a fused gate's own label (e.g. σ). */
  symbol: string;
  name: string;
  /** Input and const nodes show a value field; the value itself comes with the node's numbers. */
  hasValue: boolean;
  /** Parameter values in the table's order. */
  params: (number | string)[];
  ports: PortData[];
};

export type OpFlowNode = Node<OpNodeData, 'op'>;
/** An edge's data: where its label sits along the wire (set by the canvas from placeLabels; the middle when absent). */
export type GradEdgeData = { spot?: LabelSpot };
export type GradFlowEdge = Edge<GradEdgeData, 'grad'>;

/** Everything the canvas structure derives from. */
export interface FlowInput {
  graph: Graph;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Measured;
}

/** Previous output, so unchanged nodes and edges (and whole arrays) keep their identity. */
export interface FlowCache {
  nodes: Map<string, OpFlowNode>;
  edges: Map<string, GradFlowEdge>;
  nodeList: OpFlowNode[];
  edgeList: GradFlowEdge[];
}

/** A fresh cache. */
export const newFlowCache = (): FlowCache => ({ nodes: new Map(), edges: new Map(), nodeList: [], edgeList: [] });

function sameData(a: OpNodeData, b: OpNodeData): boolean {
  return a.op === b.op && a.symbol === b.symbol && a.name === b.name && a.hasValue === b.hasValue
    && a.params.length === b.params.length && a.params.every((p, k) => Object.is(p, b.params[k]))
    && a.ports.length === b.ports.length && a.ports.every((p, k) => p.label === b.ports[k].label && p.connected === b.ports[k].connected);
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

/** Where a node without a stored position goes: a simple grid, so old files still show. */
const gridPosition = (i: number) => ({ x: (i % 6) * 180, y: Math.floor(i / 6) * 140 });

/** Ports of one node by the core's rule (portCount), asked of a view holding only the node and its incoming edges. */
function portsOf(node: GraphNode, incoming: readonly GraphEdge[]): number {
  // The one-node view keeps toFlow linear in the graph's size; portCount itself looks up the node and scans edges.
  return portCount({ nodes: [node], edges: incoming as GraphEdge[] }, node.id);
}

/** A gate's name line shows its own label only when that says more than its symbol (fusing labels it σ too). */
function symbolAndName(node: GraphNode): { symbol: string; name: string } {
  const symbol = nodeSymbol(node);
  if (node.op !== 'gate') return { symbol, name: node.label ?? node.id };
  return { symbol, name: node.label !== undefined && node.label !== symbol ? node.label : node.id };
}

/** Keeps the previous array when every element is the previous one. */
function sameList<T>(prev: T[], next: T[]): T[] {
  return prev.length === next.length && next.every((x, k) => x === prev[k]) ? prev : next;
}

/** The ONE derivation of React Flow nodes and edges from the core graph, the selection and measured sizes. */
export function toFlow(input: FlowInput, cache: FlowCache): { nodes: OpFlowNode[]; edges: GradFlowEdge[] } {
  const { graph, selectedNodes, selectedEdges, measured } = input;
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.target);
    if (list === undefined) incoming.set(e.target, [e]);
    else list.push(e);
  }
  const nodes: OpFlowNode[] = graph.nodes.map((node, i) => {
    const def = OPS[node.op];
    const into = incoming.get(node.id) ?? [];
    const count = portsOf(node, into);
    const ports: PortData[] = [];
    for (let p = 0; p < count; p++) ports.push({ label: def.portNames[p] ?? '', connected: into.some((e) => e.targetPort === p) });
    const data: OpNodeData = {
      op: node.op,
      ...symbolAndName(node),
      hasValue: def.leaf && typeof node.value === 'number',
      params: def.params.map((p) => node.params?.[p.name] ?? p.default),
      ports,
    };
    const position = node.position ?? gridPosition(i);
    const selected = selectedNodes.has(node.id);
    const size = measured[node.id];
    const prev = cache.nodes.get(node.id);
    if (prev !== undefined && prev.selected === selected && prev.position.x === position.x && prev.position.y === position.y
      && prev.measured?.width === size?.width && prev.measured?.height === size?.height && sameData(prev.data, data)) {
      return prev;
    }
    const flowNode: OpFlowNode = { id: node.id, type: 'op', position, data, selected, ariaLabel: `${def.label} ${data.name}`, domAttributes: domAttributes(node.op) };
    if (size !== undefined) flowNode.measured = size;
    return flowNode;
  });

  const edges: GradFlowEdge[] = graph.edges.map((edge) => {
    const selected = selectedEdges.has(edge.id);
    const targetHandle = `in${edge.targetPort}`;
    const prev = cache.edges.get(edge.id);
    if (prev !== undefined && prev.selected === selected && prev.source === edge.source && prev.target === edge.target && prev.targetHandle === targetHandle) {
      return prev;
    }
    return { id: edge.id, type: 'grad', source: edge.source, sourceHandle: 'out', target: edge.target, targetHandle, data: {}, selected };
  });

  cache.nodeList = sameList(cache.nodeList, nodes);
  cache.edgeList = sameList(cache.edgeList, edges);
  if (cache.nodeList === nodes) cache.nodes = new Map(nodes.map((n) => [n.id, n]));
  if (cache.edgeList === edges) cache.edges = new Map(edges.map((e) => [e.id, e]));
  return { nodes: cache.nodeList, edges: cache.edgeList };
}
