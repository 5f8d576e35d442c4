import { GraphError, reason } from './errors';
import { freshId } from './ids';
import { compileProgram } from './program';
import type { GateDefinition, Graph, GraphEdge, GraphNode } from './types';
import { opDef } from '../ops/table';

/** Options of fuseSubgraph. */
export interface FuseOptions {
  /** Id of the new gate node; default gate1, gate2, … */
  id?: string;
  /** Symbol drawn on the gate, e.g. σ; default "gate". */
  label?: string;
}

const quoteList = (ids: readonly string[]): string => ids.map((id) => `'${id}'`).join(', ');

/**
 * Fuses a connected selection with exactly one output into one `gate` node (topic 19): its forward
 * is the subgraph's, its local gradients come from backprop through it, so every other gradient is
 * unchanged. The gate keeps the subgraph exactly as it was, so unfuseGate restores it. Input ports
 * are the distinct outside sources feeding the selection, in the order their first edges appear.
 * Refused with a GraphError: unknown or repeated ids, input nodes or layer operators in the
 * selection, a disconnected selection, none or several outputs, no outside inputs, or a fusion that
 * would close a cycle.
 */
export function fuseSubgraph(graph: Graph, nodeIds: readonly string[], options: FuseOptions = {}): Graph {
  const inside = new Set<string>();
  const present = new Map(graph.nodes.map((node, i) => [node.id, i]));
  for (const id of nodeIds) {
    const i = present.get(id);
    if (i === undefined) throw new GraphError(`cannot fuse: no node '${id}'`, { nodeId: id }, 'fuse', reason('fuse.cannotFuseNode', { id }));
    if (inside.has(id)) throw new GraphError(`cannot fuse: node '${id}' is selected twice`, { nodeId: id }, 'fuse', reason('fuse.cannotFuseNodeSelected', { id }));
    const node = graph.nodes[i];
    if (node.op === 'input') throw new GraphError(`cannot fuse: '${id}' is an input; a gate's variables stay outside it`, { nodeId: id }, 'fuse', reason('fuse.cannotFuseInputGate', { id }));
    const def = opDef(node.op);
    if (def.layer !== undefined && def.forward === undefined) {
      throw new GraphError(`cannot fuse: '${id}' (${node.op}) is a layer operator`, { nodeId: id }, 'fuse', reason('fuse.cannotFuseLayerOperator', { id, op: node.op }));
    }
    inside.add(id);
  }
  if (inside.size < 2) throw new GraphError('cannot fuse: select at least two nodes', {}, 'fuse', reason('fuse.cannotFuseSelectLeast'));
  checkConnected(graph, inside);

  checkNoCycle(graph, inside);
  const outputId = gateOutput(graph, inside);

  const inputs: string[] = [];
  const firstEdgeOf = new Map<string, string>();
  for (const edge of graph.edges) {
    if (!inside.has(edge.source) && inside.has(edge.target) && !firstEdgeOf.has(edge.source)) {
      firstEdgeOf.set(edge.source, edge.id);
      inputs.push(edge.source);
    }
  }
  if (inputs.length === 0) throw new GraphError('cannot fuse: nothing outside feeds the selection, so the gate would have no inputs', { nodeId: outputId }, 'fuse', reason('fuse.cannotFuseNothingOutside'));
  const taken = new Set(graph.nodes.map((node) => node.id));
  const gateId = options.id ?? freshId('gate', taken);
  if (taken.has(gateId) && !inside.has(gateId)) throw new GraphError(`cannot fuse: a node '${gateId}' already exists`, { nodeId: gateId }, 'fuse', reason('fuse.cannotFuseNodeAlready', { gateId }));

  const definition: GateDefinition = { label: options.label ?? 'gate', inputs, output: outputId, nodes: [], edges: [], nodeIndex: [], edgeIndex: [] };
  const outNode = graph.nodes[present.get(outputId)!];
  const gate: GraphNode = { id: gateId, op: 'gate', label: definition.label, gate: definition };
  if (outNode.position !== undefined) gate.position = { ...outNode.position };
  if (outNode.output === true) gate.output = true;

  const nodes: GraphNode[] = [];
  graph.nodes.forEach((node, i) => {
    if (!inside.has(node.id)) nodes.push(node);
    else {
      definition.nodes.push(node);
      definition.nodeIndex.push(i);
      if (node.id === outputId) nodes.push(gate);
    }
  });
  const edges: GraphEdge[] = [];
  graph.edges.forEach((edge, j) => {
    const from = inside.has(edge.source);
    const to = inside.has(edge.target);
    if (!from && !to) {
      edges.push(edge);
      return;
    }
    definition.edges.push(edge);
    definition.edgeIndex.push(j);
    // The first edge from each outside source becomes that source's port edge, keeping its id.
    if (!from && firstEdgeOf.get(edge.source) === edge.id) edges.push({ id: edge.id, source: edge.source, target: gateId, targetPort: inputs.indexOf(edge.source) });
    else if (from && !to) edges.push({ ...edge, source: gateId });
  });
  return { ...graph, nodes, edges };
}

function checkConnected(graph: Graph, inside: Set<string>): void {
  const neighbours = new Map<string, string[]>();
  for (const id of inside) neighbours.set(id, []);
  for (const edge of graph.edges) {
    if (inside.has(edge.source) && inside.has(edge.target)) {
      neighbours.get(edge.source)!.push(edge.target);
      neighbours.get(edge.target)!.push(edge.source);
    }
  }
  const [start] = inside;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) for (const next of neighbours.get(stack.pop()!)!) if (!seen.has(next)) { seen.add(next); stack.push(next); }
  if (seen.size < inside.size) {
    const apart = [...inside].filter((id) => !seen.has(id));
    throw new GraphError(`cannot fuse: the selection is not connected (${quoteList(apart)} ${apart.length === 1 ? 'is' : 'are'} apart from '${start}')`, { nodeId: apart[0] }, 'fuse',
      reason('fuse.notConnected', { names: quoteList(apart), count: apart.length, start }));
  }
}

/** The one selected node whose value leaves the selection (by an edge, or as the graph's output). */
function gateOutput(graph: Graph, inside: Set<string>): string {
  const outputs = new Set<string>();
  for (const edge of graph.edges) if (inside.has(edge.source) && !inside.has(edge.target)) outputs.add(edge.source);
  const program = compileProgram(graph, { lenient: true, allowLayers: true });
  if (program.output >= 0 && inside.has(program.ids[program.output])) outputs.add(program.ids[program.output]);
  if (outputs.size === 0) throw new GraphError('cannot fuse: nothing leaves the selection, so the gate would have no output', {}, 'fuse', reason('fuse.cannotFuseNothingLeaves'));
  if (outputs.size > 1) {
    const list = graph.nodes.filter((node) => outputs.has(node.id)).map((node) => node.id);
    throw new GraphError(`cannot fuse: the selection has ${list.length} outputs (${quoteList(list)}); a gate has exactly one`, { nodeId: list[1] }, 'fuse',
      reason('fuse.severalOutputs', { count: list.length, names: quoteList(list) }));
  }
  return [...outputs][0];
}

/** Refuses a selection that a path leaves and re-enters: as one node, it would feed itself. */
function checkNoCycle(graph: Graph, inside: Set<string>): void {
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = next.get(edge.source);
    if (list === undefined) next.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const edge of graph.edges) if (inside.has(edge.source) && !inside.has(edge.target) && !seen.has(edge.target)) { seen.add(edge.target); stack.push(edge.target); }
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const target of next.get(at) ?? []) {
      if (inside.has(target)) {
        throw new GraphError(`cannot fuse: the path through '${at}' leaves the selection and comes back into '${target}', so the gate would be part of a cycle`, { nodeId: at }, 'fuse', reason('fuse.cannotFusePathThrough', { at, target }));
      }
      if (!seen.has(target)) { seen.add(target); stack.push(target); }
    }
  }
}

/**
 * Restores the subgraph a gate replaced, exactly (ids, positions, values, edges, and where each sat
 * in the node and edge lists). Edges added to the gate's output since fusing move to the inner
 * output node, as does the gate's output mark; a port rewired since fusing feeds the inner nodes
 * from its new source.
 */
export function unfuseGate(graph: Graph, nodeId: string): Graph {
  const gate = graph.nodes.find((node) => node.id === nodeId);
  if (gate === undefined) throw new GraphError(`cannot unfuse: no node '${nodeId}'`, { nodeId }, 'fuse', reason('fuse.cannotUnfuseNode', { nodeId }));
  const def = gate.gate;
  if (gate.op !== 'gate' || def === undefined) throw new GraphError(`cannot unfuse: '${nodeId}' (${gate.op}) is not a fused gate`, { nodeId }, 'fuse', reason('fuse.cannotUnfuseFusedGate', { nodeId, op: gate.op }));
  const saved = new Set(def.edges.map((edge) => edge.id));
  const portSource = new Map<number, string>();
  const edges: GraphEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.target === nodeId) portSource.set(edge.targetPort, edge.source);
    if (edge.target === nodeId || (edge.source === nodeId && saved.has(edge.id))) continue;
    edges.push(edge.source === nodeId ? { ...edge, source: def.output } : edge);
  }
  const restoredEdges = def.edges.map((edge) => {
    const port = def.inputs.indexOf(edge.source);
    const now = port >= 0 ? portSource.get(port) : undefined;
    return now !== undefined && now !== edge.source ? { ...edge, source: now } : edge;
  });
  // The inner output takes over the gate's output mark, which may have moved since fusing.
  const restoredNodes = def.nodes.map((node) => {
    if (node.id !== def.output || (node.output === true) === (gate.output === true)) return node;
    const copy: GraphNode = { ...node };
    if (gate.output === true) copy.output = true;
    else delete copy.output;
    return copy;
  });
  const nodes = graph.nodes.filter((node) => node.id !== nodeId);
  return { ...graph, nodes: insertAt(nodes, restoredNodes, def.nodeIndex), edges: insertAt(edges, restoredEdges, def.edgeIndex) };
}

/** Puts items back at their old indices; ascending order rebuilds the original list exactly. */
function insertAt<T>(list: T[], items: readonly T[], indices: readonly number[]): T[] {
  const out = list.slice();
  const order = indices.map((index, k) => ({ index, k })).sort((a, b) => a.index - b.index);
  for (const { index, k } of order) out.splice(Math.min(index, out.length), 0, items[k]);
  return out;
}
