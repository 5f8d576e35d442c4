import { GraphError, reason } from './errors';
import { freshId } from './ids';
import type { GateDefinition, Graph, GraphEdge, GraphNode } from './types';

/** The subgraph of a gate as a graph of its own: one `input` node per port, the output marked. */
export function gateInnerGraph(def: GateDefinition): { graph: Graph; ports: string[] } {
  if (!def.nodes.some((node) => node.id === def.output)) throw new GraphError(`its output '${def.output}' is not one of its nodes`, {}, 'gate', reason('gate.outputOneNodes', { output: def.output }));
  const taken = new Set(def.nodes.map((node) => node.id));
  const ports = def.inputs.map(() => {
    const id = freshId('port', taken);
    taken.add(id);
    return id;
  });
  const inner = new Set(def.nodes.map((node) => node.id));
  const nodes: GraphNode[] = def.nodes.map((node) => {
    const copy: GraphNode = { ...node };
    delete copy.output;
    if (node.id === def.output) copy.output = true;
    return copy;
  });
  ports.forEach((id) => nodes.push({ id, op: 'input', value: 0 }));
  const edges: GraphEdge[] = [];
  for (const edge of def.edges) {
    if (!inner.has(edge.target)) continue;
    if (inner.has(edge.source)) edges.push(edge);
    else {
      const port = def.inputs.indexOf(edge.source);
      if (port < 0) throw new GraphError(`gate edge '${edge.id}' comes from '${edge.source}', which is not one of the gate's inputs`, { edgeId: edge.id }, 'gate', reason('gate.gateEdgeComesFrom', { id: edge.id, source: edge.source }));
      edges.push({ ...edge, source: ports[port] });
    }
  }
  return { graph: { nodes, edges }, ports };
}
