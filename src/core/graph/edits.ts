import { reason, ReasonedError } from './errors';
import { edgeIds, freshId, idPrefix, nodeIds } from './ids';
import type { Graph, GraphEdge, GraphNode, Position } from './types';
import { OPS, type OpName } from '../ops/table';
import type { OpDef, Params } from '../ops/types';

// Pure graph edits for the editor: each takes a Graph and returns a new one, never mutating its input.
// Unchanged nodes and edges keep their identity, so a UI can skip re-rendering them.

/** What a new node starts with. */
export interface NewNode {
  id?: string;
  position?: Position;
  value?: number;
  label?: string;
  params?: Params;
}

/** Adds a node of operator `op` with a fresh id; inputs start at 0 and constants at 1 unless `value` is given. */
export function addNode(graph: Graph, op: OpName, init: NewNode = {}): { graph: Graph; id: string } {
  const id = init.id ?? freshId(idPrefix(op), nodeIds(graph));
  if (graph.nodes.some((node) => node.id === id)) throw new ReasonedError(`a node '${id}' already exists`, reason('edit.nodeExists', { id }));
  const def: OpDef = OPS[op];
  const node: GraphNode = { id, op };
  if (def.leaf && def.layer === undefined) node.value = init.value ?? (op === 'const' ? 1 : 0);
  if (init.label !== undefined) node.label = init.label;
  if (init.params !== undefined) node.params = { ...init.params };
  else if (def.params.length > 0) node.params = Object.fromEntries(def.params.flatMap((p) => (p.kind === 'shape' ? [] : [[p.name, p.default]])));
  if (init.position !== undefined) node.position = { ...init.position };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** Renumbers the inputs of add/mul nodes in `targets` to 0..k-1, keeping their order, so no gap is left. */
function compactVariadic(graph: Graph, targets: ReadonlySet<string>): Graph {
  const variadic = new Set(graph.nodes.filter((n) => targets.has(n.id) && OPS[n.op].arity.kind === 'variadic').map((n) => n.id));
  if (variadic.size === 0) return graph;
  const renumber = new Map<GraphEdge, number>();
  for (const id of variadic) {
    const incoming = graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetPort - b.targetPort);
    incoming.forEach((edge, k) => { if (edge.targetPort !== k) renumber.set(edge, k); });
  }
  if (renumber.size === 0) return graph;
  return { ...graph, edges: graph.edges.map((edge) => (renumber.has(edge) ? { ...edge, targetPort: renumber.get(edge)! } : edge)) };
}

/** Removes edges by id; the inputs of add/mul nodes close up behind them. */
export function removeEdges(graph: Graph, ids: Iterable<string>): Graph {
  const gone = new Set(ids);
  const targets = new Set<string>();
  const edges = graph.edges.filter((edge) => {
    if (!gone.has(edge.id)) return true;
    targets.add(edge.target);
    return false;
  });
  if (edges.length === graph.edges.length) return graph;
  return compactVariadic({ ...graph, edges }, targets);
}

/** Removes nodes by id, with every edge touching them. */
export function removeNodes(graph: Graph, ids: Iterable<string>): Graph {
  const gone = new Set(ids);
  const nodes = graph.nodes.filter((node) => !gone.has(node.id));
  if (nodes.length === graph.nodes.length) return graph;
  const touching = graph.edges.filter((edge) => gone.has(edge.source) || gone.has(edge.target)).map((edge) => edge.id);
  return removeEdges({ ...graph, nodes }, touching);
}

function updateNode(graph: Graph, id: string, change: (node: GraphNode) => GraphNode): Graph {
  const at = graph.nodes.findIndex((node) => node.id === id);
  if (at < 0) throw new ReasonedError(`no node '${id}'`, reason('edit.noNode', { id }));
  const nodes = graph.nodes.slice();
  nodes[at] = change(graph.nodes[at]);
  return { ...graph, nodes };
}

/** Sets the value of an `input` or `const` node. */
export function setValue(graph: Graph, id: string, value: number): Graph {
  return updateNode(graph, id, (node) => {
    if (!OPS[node.op].leaf) throw new ReasonedError(`node '${id}' (${node.op}) has no value to set`, reason('edit.noValue', { id, op: node.op }));
    // `+ 0` makes -0 a plain 0: a file cannot keep the sign of zero, so the graph does not hold it either.
    return { ...node, value: value + 0 };
  });
}

/** Sets one parameter of a node (scale's a, offset's c, a layer's size). */
export function setParam(graph: Graph, id: string, name: string, value: number | string | readonly number[]): Graph {
  return updateNode(graph, id, (node) => {
    if (!OPS[node.op].params.some((p) => p.name === name)) throw new ReasonedError(`operator ${node.op} has no parameter '${name}'`, reason('edit.noParam', { op: node.op, name }));
    return { ...node, params: { ...node.params, [name]: value } };
  });
}

/** Sets a node's label; an empty label removes it. */
export function setLabel(graph: Graph, id: string, label: string): Graph {
  return updateNode(graph, id, (node) => {
    const { label: _old, ...rest } = node;
    return label === '' ? rest : { ...node, label };
  });
}

/** Marks `id` as the output (or clears the mark with undefined); at most one node carries it. */
export function setOutput(graph: Graph, id: string | undefined): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.id === id) return node.output === true ? node : { ...node, output: true };
      if (node.output === undefined) return node;
      const { output: _old, ...rest } = node;
      return rest;
    }),
  };
}

/** Moves nodes to new positions; nodes not in `positions` keep their identity. */
export function moveNodes(graph: Graph, positions: ReadonlyMap<string, Position>): Graph {
  if (positions.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((node) => (positions.has(node.id) ? { ...node, position: { ...positions.get(node.id)! } } : node)) };
}

/** The nodes in `ids` and the edges running between them (what copy puts on the clipboard). */
export function extractSubgraph(graph: Graph, ids: Iterable<string>): Graph {
  const keep = new Set(ids);
  return {
    nodes: graph.nodes.filter((node) => keep.has(node.id)),
    edges: graph.edges.filter((edge) => keep.has(edge.source) && keep.has(edge.target)),
  };
}

/**
 * Adds a copy of `fragment` with fresh node and edge ids, shifted by `offset`.
 * Edges to nodes outside the fragment are dropped; the output mark is not copied.
 */
export function pasteSubgraph(graph: Graph, fragment: Graph, offset: Position = { x: 0, y: 0 }): { graph: Graph; nodeIds: string[]; edgeIds: string[] } {
  const takenNodes = nodeIds(graph);
  const takenEdges = edgeIds(graph);
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const node of fragment.nodes) {
    if (rename.has(node.id)) continue;
    const id = freshId(idPrefix(node.op), takenNodes);
    takenNodes.add(id);
    rename.set(node.id, id);
    const { output: _output, position, label, ...rest } = node;
    const copy: GraphNode = { ...rest, id };
    // A label that only repeated the old id would now mislabel the copy.
    if (label !== undefined && label !== node.id) copy.label = label;
    if (position !== undefined) copy.position = { x: position.x + offset.x, y: position.y + offset.y };
    if (node.params !== undefined) copy.params = { ...node.params };
    nodes.push(copy);
  }
  const edges: GraphEdge[] = [];
  for (const edge of fragment.edges) {
    const source = rename.get(edge.source);
    const target = rename.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = freshId('e', takenEdges);
    takenEdges.add(id);
    edges.push({ ...edge, id, source, target });
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
