import type { Edge, Node } from '@xyflow/react';
import { OPS, portCount, type Graph, type GraphEdge, type GraphNode, type OpName, type ParamDef, type Position } from '../core';
import { routeFor, type RoutedWire } from './routes';
import type { Measured } from '../store/store';
import type { LabelSpot } from './labelPlacement';
import { nodeSymbol } from '../names';
import { NODE_WIDTH, nodeMinHeight } from './geometry';

/** A parameter's value for the node's fields: a shape list becomes "1x28x28", a missing value its default. */
function paramText(value: number | string | readonly number[] | undefined, def: ParamDef): number | string {
  if (Array.isArray(value)) return value.join('x');
  if (value !== undefined) return value as number | string;
  return def.kind === 'shape' ? '' : def.default;
}

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
  /** Parameter values in table order; a shape as its text ("1x28x28", empty when absent). */
  params: (number | string)[];
  ports: PortData[];
};

export type OpFlowNode = Node<OpNodeData, 'op'>;
/**
 * An edge's data: where its label sits along the wire (set by the canvas from placeLabels; the middle when
 * absent), and the route the last layout gave the wire, while its nodes stay where that layout put them.
 */
export type GradEdgeData = { spot?: LabelSpot; route?: Position[] };
export type GradFlowEdge = Edge<GradEdgeData, 'grad'>;

/** A node's size and handle boxes as React Flow measured them, shared by every node of the same kind. */
export interface NodeShape {
  width: number;
  height: number;
  handles: NonNullable<OpFlowNode['handles']>;
}

/**
 * Shapes measured so far, by `shapeKey`. A node never drawn yet (off screen) borrows its kind's shape, so
 * React Flow can place it, fit it and draw its edges without rendering it first: with
 * onlyRenderVisibleElements it would otherwise render every node once, just to measure it.
 */
export type ShapeBook = ReadonlyMap<string, NodeShape>;

/** Everything the canvas structure derives from. */
export interface FlowInput {
  graph: Graph;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Measured;
  /** Learned shapes for nodes not measured yet; without one, an estimate. */
  shapes?: ShapeBook;
  /** Wires as the last layout routed them. */
  routes?: ReadonlyMap<string, RoutedWire>;
}

/** Previous output, so unchanged nodes and edges (and whole arrays) keep their identity. */
export interface FlowCache {
  nodes: Map<string, OpFlowNode>;
  edges: Map<string, GradFlowEdge>;
  nodeList: OpFlowNode[];
  edgeList: GradFlowEdge[];
  /** The graph nodes, edge list and shape book the cached flow nodes were made from. */
  sources: Map<string, GraphNode>;
  graphEdges: readonly GraphEdge[] | undefined;
  shapes: ShapeBook | undefined;
}

/** A fresh cache. */
export const newFlowCache = (): FlowCache => ({ nodes: new Map(), edges: new Map(), nodeList: [], edgeList: [], sources: new Map(), graphEdges: undefined, shapes: undefined });

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

/** What makes two nodes the same shape on screen: operator, port count, value field, parameters. */
export const shapeKey = (data: OpNodeData): string => `${data.op}:${data.symbol.length > 2 ? 'long' : 'short'}:${data.ports.length}:${data.hasValue ? 'v' : ''}:${data.params.length}`;

// A handle's box (CSS .react-flow__handle.port), and the height a value or parameter field adds to a node.
const HANDLE = 10;
const FIELD_HEIGHT = 17;

const estimates = new Map<string, NodeShape>();
/** A shape for a kind of node nothing has measured yet (one object per kind, so it compares by identity). */
function estimatedShape(data: OpNodeData): NodeShape {
  const key = shapeKey(data);
  let shape = estimates.get(key);
  if (shape === undefined) {
    shape = guessShape(data);
    estimates.set(key, shape);
  }
  return shape;
}

/** The OpNode's own port geometry and a guessed height. */
function guessShape(data: OpNodeData): NodeShape {
  const count = data.ports.length;
  const min = nodeMinHeight(count);
  const height = Math.max(min, nodeMinHeight(0) + FIELD_HEIGHT * ((data.hasValue ? 1 : 0) + data.params.length));
  const handles: NodeShape['handles'] = data.ports.map((_, k) => ({
    id: `in${k}`, type: 'target', position: 'left' as NodeShape['handles'][number]['position'],
    x: -HANDLE / 2, y: ((k + 1) * min) / (count + 1) - HANDLE / 2, width: HANDLE, height: HANDLE,
  }));
  handles.push({ id: 'out', type: 'source', position: 'right' as NodeShape['handles'][number]['position'], x: NODE_WIDTH - HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  return { width: NODE_WIDTH, height, handles };
}

/** Keeps the previous array when every element is the previous one. */
function sameList<T>(prev: T[], next: T[]): T[] {
  return prev.length === next.length && next.every((x, k) => x === prev[k]) ? prev : next;
}

/** The ONE derivation of React Flow nodes and edges from the core graph, the selection and measured sizes. */
export function toFlow(input: FlowInput, cache: FlowCache): { nodes: OpFlowNode[]; edges: GradFlowEdge[] } {
  const { graph, selectedNodes, selectedEdges, measured, shapes, routes } = input;
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.target);
    if (list === undefined) incoming.set(e.target, [e]);
    else list.push(e);
  }
  // Node by node, a flow node is reused outright when its graph node, the edges and its view state are the
  // ones it was made from: a drag frame on a 3,000-node graph then builds one new flow node, not 3,000.
  const sameEdges = cache.graphEdges === graph.edges && cache.shapes === shapes;
  const nodes: OpFlowNode[] = graph.nodes.map((node, i) => {
    const selected = selectedNodes.has(node.id);
    const size = measured[node.id];
    const prev = cache.nodes.get(node.id);
    if (sameEdges && prev !== undefined && cache.sources.get(node.id) === node && node.position !== undefined && prev.selected === selected
      && (size === undefined ? prev.handles !== undefined : prev.measured === size)) {
      return prev;
    }
    const def = OPS[node.op];
    const into = incoming.get(node.id) ?? [];
    const count = portsOf(node, into);
    const ports: PortData[] = [];
    for (let p = 0; p < count; p++) ports.push({ label: def.portNames[p] ?? '', connected: into.some((e) => e.targetPort === p) });
    const data: OpNodeData = {
      op: node.op,
      ...symbolAndName(node),
      hasValue: def.leaf && typeof node.value === 'number',
      params: def.params.map((p) => paramText(node.params?.[p.name], p)),
      ports,
    };
    const position = node.position ?? gridPosition(i);
    const shape = size === undefined ? shapes?.get(shapeKey(data)) ?? estimatedShape(data) : undefined;
    if (prev !== undefined && prev.selected === selected && prev.position.x === position.x && prev.position.y === position.y
      && (size === undefined ? prev.handles === shape?.handles && prev.measured?.width === shape?.width && prev.measured?.height === shape?.height : prev.measured === size && prev.handles === undefined)
      && sameData(prev.data, data)) {
      return prev;
    }
    const flowNode: OpFlowNode = { id: node.id, type: 'op', position, data, selected, ariaLabel: `${def.label} ${data.name}`, domAttributes: domAttributes(node.op) };
    // Measured: React Flow keeps the handles it measured. Not yet: its kind's shape stands in (see ShapeBook).
    if (size !== undefined) flowNode.measured = size;
    else if (shape !== undefined) {
      flowNode.measured = { width: shape.width, height: shape.height };
      flowNode.handles = shape.handles;
    }
    return flowNode;
  });

  const positions = routes === undefined || routes.size === 0 ? undefined : new Map(graph.nodes.map((n) => [n.id, n.position]));
  const edges: GradFlowEdge[] = graph.edges.map((edge) => {
    const selected = selectedEdges.has(edge.id);
    const targetHandle = `in${edge.targetPort}`;
    const route = positions === undefined ? undefined : routeFor(routes!, edge.id, positions.get(edge.source), positions.get(edge.target));
    const prev = cache.edges.get(edge.id);
    if (prev !== undefined && prev.selected === selected && prev.source === edge.source && prev.target === edge.target && prev.targetHandle === targetHandle && prev.data?.route === route) {
      return prev;
    }
    return { id: edge.id, type: 'grad', source: edge.source, sourceHandle: 'out', target: edge.target, targetHandle, data: route === undefined ? {} : { route }, selected };
  });

  cache.sources = new Map(graph.nodes.map((n) => [n.id, n]));
  cache.graphEdges = graph.edges;
  cache.shapes = shapes;
  cache.nodeList = sameList(cache.nodeList, nodes);
  cache.edgeList = sameList(cache.edgeList, edges);
  if (cache.nodeList === nodes) cache.nodes = new Map(nodes.map((n) => [n.id, n]));
  if (cache.edgeList === edges) cache.edges = new Map(edges.map((e) => [e.id, e]));
  return { nodes: cache.nodeList, edges: cache.edgeList };
}
