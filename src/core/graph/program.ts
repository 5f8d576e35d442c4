import { GraphError, reason } from './errors';
import { quoteId } from './quote';
import type { Graph, GraphNode } from './types';
import { OPS } from '../ops/table';
import type { Forward, LocalGrad, NodeKernels, OpDef, Params } from '../ops/types';

/**
 * A graph flattened into arrays for evaluation: nodes by index (graph.nodes order),
 * a topological order, and every input port as a "slot" (CSR layout by target node).
 */
export interface Program {
  graph: Graph;
  /** Node id by index. */
  ids: string[];
  index: Map<string, number>;
  defs: OpDef[];
  forward: (Forward | undefined)[];
  localGrad: (LocalGrad | undefined)[];
  params: Params[];
  /** Leaf values (input and const) by node index; NaN elsewhere. Gradient checks perturb these. */
  leafValue: Float64Array;
  /** Node indices, every node after all of its inputs. */
  order: Int32Array;
  /** Position of each node in `order`. */
  rank: Int32Array;
  /** Node whose gradient is seeded with 1, or -1 when there is none (lenient mode only). */
  output: number;
  /** Input ports of node i are slots slotStart[i] .. slotStart[i+1]-1, in port order. */
  slotStart: Int32Array;
  /** Source node of each slot, -1 where the port is unconnected (lenient mode only). */
  slotSrc: Int32Array;
  /** Edge index (graph.edges order) of each slot, -1 where unconnected. */
  slotEdge: Int32Array;
  /** Slot of each edge, -1 for an edge that was set aside (lenient mode only). */
  edgeSlot: Int32Array;
  /** Problems tolerated in lenient mode: unconnected ports, no single output, layer operators. */
  issues: GraphError[];
}

export interface CompileOptions {
  /**
   * Tolerate what an editor shows while the user is still building: unconnected ports
   * evaluate to NaN, and without a single output the backward pass is skipped.
   * Cycles, unknown operators and duplicate ids are refused either way.
   */
  lenient?: boolean;
  /** Accept layer-only operators (samples, dense, ...): a file may hold a network the scalar evaluator cannot run. */
  allowLayers?: boolean;
}

const describe = (graph: Graph, i: number): string => `${quoteId(graph.nodes[i].id)} (${graph.nodes[i].op})`;
/** The same node as a Reason, so each language orders its id and operator as it reads best. */
const describeReason = (graph: Graph, i: number) => reason('who.nodeOpBare', { id: quoteId(graph.nodes[i].id), op: graph.nodes[i].op });

/** Flattens and checks a graph; throws a GraphError naming the first problem that makes it unusable. */
export function compileProgram(graph: Graph, options: CompileOptions = {}): Program {
  const lenient = options.lenient ?? false;
  const issues: GraphError[] = [];
  const refuse = (error: GraphError): void => {
    if (!lenient) throw error;
    issues.push(error);
  };
  const n = graph.nodes.length;
  const m = graph.edges.length;
  const index = new Map<string, number>();
  const defs: OpDef[] = new Array(n);
  const leafValue = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const node = graph.nodes[i];
    if (index.has(node.id)) throw new GraphError(`duplicate node id ${quoteId(node.id)}`, { nodeId: node.id }, 'duplicate-id', reason('graph.duplicateNode', { id: quoteId(node.id) }));
    index.set(node.id, i);
    if (!Object.prototype.hasOwnProperty.call(OPS, node.op)) {
      throw new GraphError(`node ${quoteId(node.id)} has unknown operator ${quoteId(String(node.op))}`, { nodeId: node.id }, 'unknown-operator', reason('graph.unknownOperator', { id: quoteId(node.id), op: quoteId(String(node.op)) }));
    }
    const def: OpDef = OPS[node.op];
    defs[i] = def;
    if (def.leaf && def.layer === undefined) {
      if (typeof node.value !== 'number') throw new GraphError(`node ${describe(graph, i)} needs a numeric value`, { nodeId: node.id }, 'missing-value', reason('graph.missingValue', { node: describeReason(graph, i) }));
      leafValue[i] = node.value;
    }
  }

  // Count ports: a fixed arity is what it is; a variadic node has as many as its highest connected port.
  const ports = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const arity = defs[i].arity;
    ports[i] = arity.kind === 'fixed' ? arity.count : arity.min;
  }
  const edgeTarget = new Int32Array(m);
  const edgeSource = new Int32Array(m);
  const edgeOk = new Uint8Array(m);
  const edgeIds = new Set<string>();
  for (let e = 0; e < m; e++) {
    const edge = graph.edges[e];
    if (edgeIds.has(edge.id)) throw new GraphError(`duplicate edge id ${quoteId(edge.id)}`, { edgeId: edge.id }, 'duplicate-id', reason('graph.duplicateEdge', { id: quoteId(edge.id) }));
    edgeIds.add(edge.id);
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined) throw new GraphError(`edge ${quoteId(edge.id)} comes from missing node ${quoteId(edge.source)}`, { edgeId: edge.id }, 'bad-edge', reason('graph.missingSource', { id: quoteId(edge.id), node: quoteId(edge.source) }));
    if (t === undefined) throw new GraphError(`edge ${quoteId(edge.id)} goes to missing node ${quoteId(edge.target)}`, { edgeId: edge.id }, 'bad-edge', reason('graph.missingTarget', { id: quoteId(edge.id), node: quoteId(edge.target) }));
    if (s === t) throw new GraphError(`edge ${quoteId(edge.id)} connects node ${quoteId(edge.source)} to itself`, { edgeId: edge.id }, 'bad-edge', reason('graph.selfEdge', { id: quoteId(edge.id), node: quoteId(edge.source) }));
    const port = edge.targetPort;
    if (!Number.isInteger(port) || port < 0) throw new GraphError(`edge ${quoteId(edge.id)} has invalid targetPort ${String(port)}`, { edgeId: edge.id }, 'bad-edge', reason('graph.badPort', { id: quoteId(edge.id), port: String(port) }));
    const arity = defs[t].arity;
    if (arity.kind === 'fixed' && port >= arity.count) {
      const error = new GraphError(
        arity.count === 0
          ? `edge ${quoteId(edge.id)} goes into node ${describe(graph, t)}, which takes no inputs`
          : `edge ${quoteId(edge.id)} goes to port ${port} of node ${describe(graph, t)}, which has ${arity.count} input${arity.count === 1 ? '' : 's'}`,
        { edgeId: edge.id, nodeId: edge.target },
        'port-out-of-range',
        arity.count === 0
          ? reason('graph.noInputs', { id: quoteId(edge.id), node: describeReason(graph, t) })
          : reason('graph.portBeyond', { id: quoteId(edge.id), port, node: describeReason(graph, t), count: arity.count }),
      );
      refuse(error);
      continue;
    }
    if (arity.kind === 'variadic' && port >= m) {
      // Ports are numbered without gaps, so a port beyond the edge count can never be complete.
      refuse(new GraphError(
        `edge ${quoteId(edge.id)} goes to port ${port} of node ${describe(graph, t)}, but the graph has only ${m} edge${m === 1 ? '' : 's'}: ports are numbered 0, 1, 2, ... without gaps`,
        { edgeId: edge.id, nodeId: edge.target },
        'port-out-of-range',
        reason('graph.portGap', { id: quoteId(edge.id), port, node: describeReason(graph, t), count: m }),
      ));
      continue;
    }
    if (arity.kind === 'variadic' && port + 1 > ports[t]) ports[t] = port + 1;
    edgeSource[e] = s;
    edgeTarget[e] = t;
    edgeOk[e] = 1;
  }

  const slotStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) slotStart[i + 1] = slotStart[i] + ports[i];
  const slots = slotStart[n];
  const slotSrc = new Int32Array(slots).fill(-1);
  const slotEdge = new Int32Array(slots).fill(-1);
  const edgeSlot = new Int32Array(m).fill(-1);
  const outDegree = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    if (!edgeOk[e]) continue;
    const edge = graph.edges[e];
    const slot = slotStart[edgeTarget[e]] + edge.targetPort;
    if (slotSrc[slot] !== -1) {
      refuse(new GraphError(
        `two edges go into port ${edge.targetPort} of node ${describe(graph, edgeTarget[e])}: ${quoteId(graph.edges[slotEdge[slot]].id)} and ${quoteId(edge.id)}`,
        { edgeId: edge.id, nodeId: edge.target },
        'port-taken',
        reason('graph.portTaken', { port: edge.targetPort, node: describeReason(graph, edgeTarget[e]), first: quoteId(graph.edges[slotEdge[slot]].id), second: quoteId(edge.id) }),
      ));
      continue;
    }
    slotSrc[slot] = edgeSource[e];
    slotEdge[slot] = e;
    edgeSlot[e] = slot;
    outDegree[edgeSource[e]]++;
  }
  for (let i = 0; i < n; i++) {
    for (let k = slotStart[i]; k < slotStart[i + 1]; k++) {
      if (slotSrc[k] === -1) {
        refuse(new GraphError(`input port ${k - slotStart[i]} of node ${describe(graph, i)} has no edge`, { nodeId: graph.nodes[i].id }, 'unconnected-port', reason('graph.unconnectedPort', { port: k - slotStart[i], node: describeReason(graph, i) })));
      }
    }
  }

  const { order, rank } = topologicalOrder(graph, slotStart, slotSrc, outDegree);
  const output = findOutput(graph, outDegree, refuse);

  for (let i = 0; i < n && options.allowLayers !== true; i++) {
    const def = defs[i];
    if (def.layer !== undefined && def.forward === undefined) {
      refuse(new GraphError(
        `node ${describe(graph, i)} is a layer operator: compile the graph as a network to evaluate it`,
        { nodeId: graph.nodes[i].id },
        'layer-operator',
        reason('graph.layerOperator', { node: describeReason(graph, i) }),
      ));
      break;
    }
  }

  return {
    graph,
    ids: graph.nodes.map((node) => node.id),
    index,
    defs,
    ...kernels(graph, defs, slotStart, refuse),
    params: graph.nodes.map((node, i) => paramsWithDefaults(defs[i], node.params)),
    leafValue,
    order,
    rank,
    output,
    slotStart,
    slotSrc,
    slotEdge,
    edgeSlot,
    issues,
  };
}

/** A node's forward and local gradient: its operator's kernel hook (a fused gate's subgraph), else the table's. */
export function nodeKernels(node: GraphNode, ports: number): Partial<NodeKernels> {
  const def: OpDef = OPS[node.op];
  if (def.kernels === undefined) return { forward: def.forward, localGrad: def.localGrad };
  return def.kernels(node, ports, compileProgram);
}

/**
 * Each node's forward and local gradient. A node whose kernels cannot be built (a gate with no
 * definition or the wrong port count) is refused; in lenient mode it evaluates to NaN like an
 * unconnected port.
 */
function kernels(graph: Graph, defs: OpDef[], slotStart: Int32Array, refuse: (e: GraphError) => void): { forward: (Forward | undefined)[]; localGrad: (LocalGrad | undefined)[] } {
  const forward = defs.map((def) => def.forward);
  const localGrad = defs.map((def) => def.localGrad);
  graph.nodes.forEach((node, i) => {
    if (defs[i].kernels === undefined) return;
    try {
      const built = nodeKernels(node, slotStart[i + 1] - slotStart[i]);
      forward[i] = built.forward;
      localGrad[i] = built.localGrad;
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      refuse(error);
      forward[i] = () => NaN;
    }
  });
  return { forward, localGrad };
}

// Shared by every node without parameters: a million nodes need not mean a million empty objects.
const NO_PARAMS: Params = Object.freeze({});

/** A node's params with every missing one filled from the operator's defaults. */
export function paramsWithDefaults(def: OpDef, params: Params | undefined): Params {
  if (def.params.length === 0) return params ?? NO_PARAMS;
  const filled: Record<string, number | string | readonly number[]> = { ...params };
  // A shape has no default: absent means the samples are a plain vector.
  for (const p of def.params) if (p.kind !== 'shape' && !Object.prototype.hasOwnProperty.call(filled, p.name)) filled[p.name] = p.default;
  return filled;
}

/** Kahn's algorithm over the slots; on a cycle, throws naming the nodes around it. */
function topologicalOrder(graph: Graph, slotStart: Int32Array, slotSrc: Int32Array, outDegree: Int32Array): { order: Int32Array; rank: Int32Array } {
  const n = graph.nodes.length;
  // Consumers of each node, CSR by source.
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) outStart[i + 1] = outStart[i] + outDegree[i];
  const fill = outStart.slice(0, n);
  const consumers = new Int32Array(outStart[n]);
  const pending = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    for (let k = slotStart[t]; k < slotStart[t + 1]; k++) {
      const s = slotSrc[k];
      if (s < 0) continue;
      consumers[fill[s]++] = t;
      pending[t]++;
    }
  }
  const order = new Int32Array(n);
  // Files and editors mostly list nodes after their inputs already; keeping that order keeps
  // the passes walking memory in sequence, which matters at a million nodes.
  let listed = true;
  for (let t = 0; t < n && listed; t++) {
    for (let k = slotStart[t]; k < slotStart[t + 1]; k++) if (slotSrc[k] >= t) { listed = false; break; }
  }
  if (listed) {
    for (let i = 0; i < n; i++) order[i] = i;
    return { order, rank: order.slice() };
  }
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (pending[i] === 0) order[tail++] = i;
  while (head < tail) {
    const s = order[head++];
    for (let k = outStart[s]; k < outStart[s + 1]; k++) {
      const t = consumers[k];
      if (--pending[t] === 0) order[tail++] = t;
    }
  }
  if (tail < n) throw cycleError(graph, slotStart, slotSrc, pending);
  const rank = new Int32Array(n);
  for (let k = 0; k < n; k++) rank[order[k]] = k;
  return { order, rank };
}

function cycleError(graph: Graph, slotStart: Int32Array, slotSrc: Int32Array, pending: Int32Array): GraphError {
  // Every unordered node has an unordered input; walking inputs must revisit a node, closing the cycle.
  let at = pending.findIndex((p) => p > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(at)) {
    seenAt.set(at, path.length);
    path.push(at);
    let next = -1;
    for (let k = slotStart[at]; k < slotStart[at + 1]; k++) {
      const s = slotSrc[k];
      if (s >= 0 && pending[s] > 0) { next = s; break; }
    }
    at = next;
  }
  const cycle = path.slice(seenAt.get(at)).reverse();
  const names = [...cycle, cycle[0]].map((i) => quoteId(graph.nodes[i].id));
  // A cycle through a million nodes is named by its first and last few, so the message stays one short line.
  const shown = names.length > 8 ? [...names.slice(0, 4), `… (${(cycle.length - 6).toLocaleString('en-US')} more) …`, ...names.slice(-3)] : names;
  const size = names.length > 8 ? ` of ${cycle.length.toLocaleString('en-US')} nodes` : '';
  const chain = shown.join(' → ');
  return new GraphError(`the graph has a cycle${size}: ${chain}`, { nodeId: graph.nodes[cycle[0]].id }, 'cycle',
    names.length > 8 ? reason('graph.longCycle', { size: cycle.length.toLocaleString('en-US'), head: names.slice(0, 4).join(' → '), hidden: (cycle.length - 6).toLocaleString('en-US'), tail: names.slice(-3).join(' → ') }) : reason('graph.cycle', { path: chain }));
}

function findOutput(graph: Graph, outDegree: Int32Array, refuse: (e: GraphError) => void): number {
  const marked: number[] = [];
  graph.nodes.forEach((node, i) => { if (node.output === true) marked.push(i); });
  if (marked.length === 1) return marked[0];
  if (marked.length > 1) {
    const named = marked.slice(0, 8).map((i) => quoteId(graph.nodes[i].id)).join(', ');
    refuse(new GraphError(`several nodes are marked as output: ${named}${marked.length > 8 ? `, … (${marked.length} in all)` : ''}`, { nodeId: graph.nodes[marked[1]].id }, 'several-outputs',
      marked.length > 8 ? reason('graph.manyOutputs', { names: named, count: marked.length }) : reason('graph.severalOutputs', { names: named })));
    return -1;
  }
  const sinks: number[] = [];
  for (let i = 0; i < graph.nodes.length; i++) if (outDegree[i] === 0) sinks.push(i);
  if (sinks.length === 1) return sinks[0];
  if (sinks.length === 0) {
    refuse(new GraphError('the graph has no nodes', {}, 'no-nodes', reason('graph.noNodes')));
    return -1;
  }
  const shown = sinks.slice(0, 8).map((i) => quoteId(graph.nodes[i].id)).join(', ');
  refuse(new GraphError(
    `the output is ambiguous: ${sinks.length} nodes have no outgoing edge (${shown}${sinks.length > 8 ? ', …' : ''}); mark one with "output": true`,
    { nodeId: graph.nodes[sinks[0]].id },
    'ambiguous-output',
    reason('graph.ambiguousOutput', { count: sinks.length, names: `${shown}${sinks.length > 8 ? ', …' : ''}` }),
  ));
  return -1;
}
