import type { Extra, Graph, GraphEdge, GraphNode } from '../graph/types';
import { setOwn, type JsonObject } from './fields';
import { valueToFile } from './values';
import { FORMAT_NAME, FORMAT_VERSION } from './version';

function withExtra(object: JsonObject, extra: Extra | undefined): JsonObject {
  if (extra !== undefined) for (const key of Object.keys(extra)) if (!Object.prototype.hasOwnProperty.call(object, key)) setOwn(object, key, extra[key]);
  return object;
}

/** One node as file JSON; a fused gate's definition is written with the same rules, recursively. */
function nodeToFile(node: GraphNode): JsonObject {
  const out: JsonObject = { id: node.id, op: node.op };
  if (node.value !== undefined) out.value = valueToFile(node.value);
  if (node.label !== undefined) out.label = node.label;
  if (node.params !== undefined) out.params = { ...node.params };
  if (node.position !== undefined) out.position = { x: node.position.x, y: node.position.y };
  if (node.output !== undefined) out.output = node.output;
  if (node.gate !== undefined) {
    const g = node.gate;
    out.gate = { label: g.label, inputs: [...g.inputs], output: g.output, nodes: g.nodes.map(nodeToFile), edges: g.edges.map(edgeToFile), nodeIndex: [...g.nodeIndex], edgeIndex: [...g.edgeIndex] };
  }
  return withExtra(out, node.extra);
}

/** One edge as file JSON. */
function edgeToFile(edge: GraphEdge): JsonObject {
  const out: JsonObject = { id: edge.id, source: edge.source, target: edge.target, targetPort: edge.targetPort };
  if (edge.label !== undefined) out.label = edge.label;
  return withExtra(out, edge.extra);
}

/** A graph as the plain JSON value of a gradflow.graph file, fields in a fixed order, extras kept. */
export function toFileValue(graph: Graph): object {
  const nodes = graph.nodes.map(nodeToFile);
  const edges = graph.edges.map(edgeToFile);
  const file: JsonObject = { format: FORMAT_NAME, version: FORMAT_VERSION, nodes, edges };
  if (graph.training !== undefined) file.training = { ...graph.training };
  return withExtra(file, graph.extra);
}

/** A graph as the text of a gradflow.graph file: pretty JSON, 2-space indent, ending in a newline. */
export function serializeGraph(graph: Graph): string {
  return JSON.stringify(toFileValue(graph), null, 2) + '\n';
}
