import { edgeIds, freshId, nodeIds } from './ids';
import type { Graph, GraphEdge } from './types';
import { OPS, type OpName } from '../ops/table';
import type { OpDef } from '../ops/types';

// Wiring: the one edit that can be refused, with the reason as a tagged union.

/** Why a connection was refused; the editor turns this into a sentence. */
export type ConnectRefusal =
  | { kind: 'missing-node'; nodeId: string }
  | { kind: 'self-loop'; nodeId: string }
  | { kind: 'port-out-of-range'; nodeId: string; port: number; ports: number }
  | { kind: 'port-taken'; nodeId: string; port: number; edgeId: string; sourceId: string }
  | { kind: 'cycle'; path: string[] };

/** The outcome of `connect`: the new graph and edge, or the reason it was refused. */
export type ConnectResult =
  | { ok: true; graph: Graph; edgeId: string }
  | { ok: false; refusal: ConnectRefusal; message: string };

/** How many input handles a node shows: its fixed arity, or for add/mul one free port past the highest connected. */
export function portCount(graph: Graph, nodeId: string): number {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return 0;
  const def: OpDef = OPS[node.op];
  const own = def.portsOf?.(node);
  if (own !== undefined) return own;
  const arity = def.arity;
  if (arity.kind === 'fixed') return arity.count;
  let highest = -1;
  for (const edge of graph.edges) if (edge.target === nodeId && edge.targetPort > highest) highest = edge.targetPort;
  return Math.max(arity.min, highest + 2);
}

/** True when `to` can be reached from `from` by following edges forward; returns the path when it can. */
function pathBetween(graph: Graph, from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = next.get(edge.source);
    if (list === undefined) next.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const cameFrom = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    if (at === to) {
      const path = [to];
      for (let k = to; k !== from; ) { k = cameFrom.get(k)!; path.push(k); }
      return path.reverse();
    }
    for (const t of next.get(at) ?? []) {
      if (!cameFrom.has(t)) { cameFrom.set(t, at); queue.push(t); }
    }
  }
  return undefined;
}

/** A port's name for messages: its table name where order matters, else its number. */
export function portName(op: OpName, port: number): string {
  const names = OPS[op].portNames;
  return port < names.length ? names[port] : `${port + 1}`;
}

/** One sentence explaining a refused connection. */
export function describeRefusal(refusal: ConnectRefusal, graph: Graph): string {
  switch (refusal.kind) {
    case 'missing-node':
      return `there is no node '${refusal.nodeId}'`;
    case 'self-loop':
      return `a node cannot feed itself ('${refusal.nodeId}')`;
    case 'port-out-of-range': {
      const op = graph.nodes.find((n) => n.id === refusal.nodeId)?.op;
      return refusal.ports === 0
        ? `'${refusal.nodeId}' (${op === undefined ? '?' : OPS[op].label}) takes no inputs`
        : `'${refusal.nodeId}' has ${refusal.ports} input${refusal.ports === 1 ? '' : 's'}; there is no port ${refusal.port + 1}`;
    }
    case 'port-taken': {
      const op = graph.nodes.find((n) => n.id === refusal.nodeId)?.op;
      const name = op === undefined ? `${refusal.port + 1}` : portName(op, refusal.port);
      return `input ${name} of '${refusal.nodeId}' is already wired to '${refusal.sourceId}'; delete that edge first`;
    }
    case 'cycle':
      return `that would make a cycle: ${refusal.path.join(' → ')}`;
    default: {
      const never: never = refusal;
      return String(never);
    }
  }
}

/** Wires `source`'s output to input `port` of `target`, or says why not (self-loop, cycle, port taken or out of range). */
export function connect(graph: Graph, source: string, target: string, port: number): ConnectResult {
  const refuse = (refusal: ConnectRefusal): ConnectResult => ({ ok: false, refusal, message: describeRefusal(refusal, graph) });
  const ids = nodeIds(graph);
  if (!ids.has(source)) return refuse({ kind: 'missing-node', nodeId: source });
  if (!ids.has(target)) return refuse({ kind: 'missing-node', nodeId: target });
  if (source === target) return refuse({ kind: 'self-loop', nodeId: source });
  const ports = portCount(graph, target);
  if (!Number.isInteger(port) || port < 0 || port >= ports) return refuse({ kind: 'port-out-of-range', nodeId: target, port, ports });
  const taken = graph.edges.find((edge) => edge.target === target && edge.targetPort === port);
  if (taken !== undefined) return refuse({ kind: 'port-taken', nodeId: target, port, edgeId: taken.id, sourceId: taken.source });
  const back = pathBetween(graph, target, source);
  if (back !== undefined) return refuse({ kind: 'cycle', path: [...back, target] });
  const edgeId = freshId('e', edgeIds(graph));
  const edge: GraphEdge = { id: edgeId, source, target, targetPort: port };
  return { ok: true, graph: { ...graph, edges: [...graph.edges, edge] }, edgeId };
}

