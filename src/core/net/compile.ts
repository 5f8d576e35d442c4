import { GraphError } from '../graph/errors';
import type { Graph } from '../graph/types';
import { opDef } from '../ops/table';
import { checkNetworkMemory, ESTIMATE_BATCH_SIZE } from './memory';
import { inferChain, isLayeredGraph, type ShapeOptions } from './shapes';
import type { Activation, InitKind, LayerSpec, LossKind, NetworkSpec } from './types';

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Validates a layered graph and describes the network it draws. Throws the first problem as a
 * GraphError whose place.nodeId is the node that causes it.
 */
export function compileNetwork(graph: Graph, options: ShapeOptions = {}): NetworkSpec {
  if (!isLayeredGraph(graph)) throw new GraphError('the graph has no layer operators: a network starts at a samples node and ends at a loss', {}, 'network');
  const { chain, errors, nodeShapes } = inferChain(graph, options);
  if (errors.length > 0) throw errors[0];
  const samples = chain[0];
  const lossNode = chain[chain.length - 1];
  const inputSize = nodeShapes[samples.id];
  const layers: LayerSpec[] = [];
  const summary = [`samples ${samples.id}: ${inputSize} inputs`];
  const nodeIds = [samples.id];
  let size = inputSize;
  let paramCount = 0;
  for (const node of chain.slice(1, -1)) {
    const out = nodeShapes[node.id];
    if (node.op === 'dense') {
      const init = (node.params?.init ?? 'normal') as InitKind;
      const params = out * size + out;
      paramCount += params;
      layers.push({ kind: 'dense', nodeId: node.id, inputSize: size, units: out, init });
      summary.push(`dense ${node.id}: ${size} -> ${out}, ${count(params)} parameters (${init} init)`);
    } else if (node.op === 'softmax') {
      layers.push({ kind: 'softmax', nodeId: node.id, size: out });
      summary.push(`softmax ${node.id}: ${out}`);
    } else if (opDef(node.op).layer === 'activation' && opDef(node.op).activation !== undefined) {
      const activation: Activation = node.op;
      layers.push({ kind: 'activation', nodeId: node.id, activation, size: out });
      summary.push(`${activation} ${node.id}: ${out}`);
    } else {
      throw new GraphError(`${node.op} '${node.id}' cannot be a hidden layer`, { nodeId: node.id }, 'network');
    }
    nodeIds.push(node.id);
    size = out;
  }
  const loss = lossNode.op as LossKind;
  summary.push(`${loss} ${lossNode.id}: ${size} classes; ${count(paramCount)} parameters in all`);
  nodeIds.push(lossNode.id);
  const spec: NetworkSpec = { inputSize, layers, loss, outputSize: size, paramCount, summary, nodeIds, samplesNodeId: samples.id, lossNodeId: lossNode.id };
  // Sizes are checked against memory before anything is allocated for them.
  checkNetworkMemory(spec, graph.training?.batchSize ?? ESTIMATE_BATCH_SIZE);
  return spec;
}
