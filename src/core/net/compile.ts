import { GraphError, reason, type Reason } from '../graph/errors';
import type { Graph } from '../graph/types';
import { opDef } from '../ops/table';
import { convGeometry, poolGeometry } from './geometry';
import { checkNetworkMemory, ESTIMATE_BATCH_SIZE } from './memory';
import { dimsText, inferChain, isLayeredGraph, type ShapeOptions } from './shapes';
import type { Activation, Dims, InitKind, LayerSpec, LossKind, NetworkSpec } from './types';

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Validates a layered graph and describes the network it draws. Throws the first problem as a
 * GraphError whose place.nodeId is the node that causes it.
 */
export function compileNetwork(graph: Graph, options: ShapeOptions = {}): NetworkSpec {
  if (!isLayeredGraph(graph)) throw new GraphError('the graph has no layer operators: a network starts at a samples node and ends at a loss', {}, 'network', reason('network.graphLayerOperatorsNetwork'));
  const { chain, errors, nodeShapes, nodeDims } = inferChain(graph, options);
  if (errors.length > 0) throw errors[0];
  const samples = chain[0];
  const lossNode = chain[chain.length - 1];
  const inputSize = nodeShapes[samples.id];
  const layers: LayerSpec[] = [];
  const inputDims = nodeDims[samples.id];
  const layerDims: Dims[] = [];
  const summary: string[] = [];
  const summaryReasons: Reason[] = [];
  // Each summary line in English and as a Reason (`layers.<id>`) the UI words in the language shown.
  const say = (text: string, id: string, params: Record<string, string | number>): void => {
    summary.push(text);
    summaryReasons.push(reason(`layers.${id}`, params));
  };
  if (inputDims.length === 3) say(`samples ${samples.id}: ${dimsText(inputDims)} (${inputSize} inputs)`, 'samplesImage', { id: samples.id, dims: dimsText(inputDims), inputs: inputSize });
  else say(`samples ${samples.id}: ${inputSize} inputs`, 'samples', { id: samples.id, inputs: inputSize });
  const nodeIds = [samples.id];
  let size = inputSize;
  let dims = inputDims;
  let paramCount = 0;
  for (const node of chain.slice(1, -1)) {
    const out = nodeShapes[node.id];
    const params = node.params ?? {};
    if (node.op === 'conv2d' || node.op === 'maxpool') {
      const geometry = node.op === 'conv2d' ? convGeometry(dims, params) : poolGeometry(dims, params);
      if ('reason' in geometry) throw new GraphError(`${node.op} '${node.id}' ${geometry.text}`, { nodeId: node.id }, 'network', reason('network.layerGeometry', { op: node.op, id: node.id, geometry: geometry.reason }));
      if ('filters' in geometry) {
        const init = (params.init ?? 'he') as InitKind;
        const fanIn = geometry.channels * geometry.kernel * geometry.kernel;
        const count = geometry.filters * fanIn + geometry.filters;
        paramCount += count;
        layers.push({ kind: 'conv2d', nodeId: node.id, inputSize: fanIn, units: geometry.filters, init, size: out, geometry });
        const conv = { id: node.id, from: dimsText(dims), to: dimsText(nodeDims[node.id]), filters: geometry.filters, kernel: geometry.kernel, stride: geometry.stride, parameters: count.toLocaleString('en-US'), init };
        say(`conv2d ${node.id}: ${conv.from} -> ${conv.to}, ${geometry.filters} filters ${geometry.kernel}x${geometry.kernel} stride ${geometry.stride}, ${conv.parameters} parameters (${init} init)`, 'conv2d', conv);
      } else {
        layers.push({ kind: 'maxpool', nodeId: node.id, size: out, geometry });
        say(`maxpool ${node.id}: ${dimsText(dims)} -> ${dimsText(nodeDims[node.id])}`, 'maxpool', { id: node.id, from: dimsText(dims), to: dimsText(nodeDims[node.id]) });
      }
    } else if (node.op === 'flatten') {
      layers.push({ kind: 'flatten', nodeId: node.id, size: out });
      say(`flatten ${node.id}: ${dimsText(dims)} -> ${out}`, 'flatten', { id: node.id, from: dimsText(dims), to: out });
    } else if (node.op === 'dropout') {
      const rate = typeof params.rate === 'number' ? params.rate : 0.5;
      layers.push({ kind: 'dropout', nodeId: node.id, size: out, rate });
      say(`dropout ${node.id}: ${dimsText(nodeDims[node.id])}, rate ${rate}`, 'dropout', { id: node.id, dims: dimsText(nodeDims[node.id]), rate });
    } else if (node.op === 'dense') {
      const init = (node.params?.init ?? 'normal') as InitKind;
      const params = out * size + out;
      paramCount += params;
      layers.push({ kind: 'dense', nodeId: node.id, inputSize: size, units: out, init });
      say(`dense ${node.id}: ${size} -> ${out}, ${count(params)} parameters (${init} init)`, 'dense', { id: node.id, from: size, to: out, parameters: count(params), init });
    } else if (node.op === 'softmax') {
      layers.push({ kind: 'softmax', nodeId: node.id, size: out });
      say(`softmax ${node.id}: ${out}`, 'softmax', { id: node.id, size: out });
    } else if (opDef(node.op).layer === 'activation' && opDef(node.op).activation !== undefined) {
      const activation: Activation = node.op;
      layers.push({ kind: 'activation', nodeId: node.id, activation, size: out });
      say(`${activation} ${node.id}: ${dimsText(nodeDims[node.id])}`, 'activation', { op: activation, id: node.id, dims: dimsText(nodeDims[node.id]) });
    } else {
      throw new GraphError(`${node.op} '${node.id}' cannot be a hidden layer`, { nodeId: node.id }, 'network', reason('network.cannotHiddenLayer', { op: node.op, id: node.id }));
    }
    nodeIds.push(node.id);
    layerDims.push(nodeDims[node.id]);
    size = out;
    dims = nodeDims[node.id];
  }
  const loss = lossNode.op as LossKind;
  say(`${loss} ${lossNode.id}: ${size} classes; ${count(paramCount)} parameters in all`, 'loss', { op: loss, id: lossNode.id, classes: size, parameters: count(paramCount) });
  nodeIds.push(lossNode.id);
  const spec: NetworkSpec = { inputSize, inputDims, layerDims, layers, loss, outputSize: size, paramCount, summary, summaryReasons, nodeIds, samplesNodeId: samples.id, lossNodeId: lossNode.id };
  // Sizes are checked against memory before anything is allocated for them.
  checkNetworkMemory(spec, graph.training?.batchSize ?? ESTIMATE_BATCH_SIZE);
  return spec;
}
