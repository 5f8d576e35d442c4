import { GraphError, reason, type Reason, type Who } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { isOpName, opDef } from '../ops/table';
import type { LayerRole } from '../ops/types';
import { convGeometry, poolGeometry } from './geometry';
import type { Dims, ShapeInference } from './types';

/** Options for shape inference and compilation. */
export interface ShapeOptions {
  /**
   * Length the loss expects: the number of classes. When absent, 10 for networks that read 28x28
   * images (784 values: MNIST and Fashion-MNIST); any number from 2 for other inputs (toy sets, CSV
   * files), whose data is checked against the outputs when it is loaded.
   */
  classes?: number;
}

/** The chain of a well-formed layered graph, from samples to loss, plus what was inferred on the way. */
export interface LayerChain extends ShapeInference {
  /** Node ids from the samples node to the loss, when the graph has one connected chain. */
  chain: GraphNode[];
}

/** True when a node's operator exists only as a layer (samples, dense, softmax, losses). */
function layerOnly(node: GraphNode): boolean {
  if (!isOpName(node.op)) return false;
  const def = opDef(node.op);
  return def.layer !== undefined && def.forward === undefined;
}

/** A node's role in a network, undefined for scalar-only or unknown operators. */
function roleOf(node: GraphNode): LayerRole | undefined {
  return isOpName(node.op) ? opDef(node.op).layer : undefined;
}

/** True when the graph holds layer-only operators, so it is a network rather than a scalar graph. */
export function isLayeredGraph(graph: Graph): boolean {
  return graph.nodes.some(layerOnly);
}

const describe = (node: GraphNode): string => `${node.op} '${node.id}'`;

/** A positive integer parameter, or an error message. */
function sizeParam(node: GraphNode, name: string, fallback: number): number | Who {
  const raw = node.params?.[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
    const got = String(JSON.stringify(raw));
    return { text: `${describe(node)} needs a whole number ${name} >= 1, got ${got}`, reason: reason('network.sizeParam', { node: describe(node), name, value: got }) };
  }
  return raw;
}

/**
 * Infers vector lengths on a layered graph without throwing: every problem is reported on the node
 * that causes it (a wrong size, a missing input or loss, an operator that has no vector meaning).
 * A graph without layer operators has no shapes and no errors.
 */
export function inferShapes(graph: Graph, options: ShapeOptions = {}): ShapeInference {
  const { edgeShapes, nodeShapes, nodeDims, edgeLabels, errors } = inferChain(graph, options);
  return { edgeShapes, nodeShapes, nodeDims, edgeLabels, errors };
}

/** A shape as the canvas writes it: 784, or 8x24x24. */
export const dimsText = (dims: Dims): string => dims.join('x');

const product = (dims: Dims): number => dims.reduce((p, d) => p * d, 1);

/** Shape inference that also returns the samples-to-loss chain (for compileNetwork). */
export function inferChain(graph: Graph, options: ShapeOptions = {}): LayerChain {
  let classes = options.classes ?? 0;
  const edgeShapes: Record<string, number> = Object.create(null) as Record<string, number>;
  const nodeShapes: Record<string, number> = Object.create(null) as Record<string, number>;
  const nodeDims: Record<string, Dims> = Object.create(null) as Record<string, Dims>;
  const edgeLabels: Record<string, string> = Object.create(null) as Record<string, string>;
  const errors: GraphError[] = [];
  const chain: GraphNode[] = [];
  if (!isLayeredGraph(graph)) return { edgeShapes, nodeShapes, nodeDims, edgeLabels, errors, chain };
  const fail = (message: string, node: GraphNode | undefined, why: Reason): void => {
    errors.push(new GraphError(message, node ? { nodeId: node.id } : {}, 'network', why));
  };

  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) byId.set(node.id, node);
  const inEdge = new Map<string, GraphEdge>();
  const outEdges = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      fail(`edge '${edge.id}' joins a missing node`, source ?? target, reason('network.edgeJoinsMissingNode', { id: edge.id }));
      continue;
    }
    if (edge.targetPort !== 0 && roleOf(target) !== undefined) {
      fail(`edge '${edge.id}' goes to port ${edge.targetPort} of ${describe(target)}, which has one input (port 0)`, target, reason('network.edgeGoesPortWhich', { id: edge.id, targetPort: edge.targetPort, target: describe(target) }));
      continue;
    }
    if (inEdge.has(edge.target)) {
      fail(`${describe(target)} has more than one input; a layer takes one vector`, target, reason('network.moreThanOneInput', { target: describe(target) }));
      continue;
    }
    inEdge.set(edge.target, edge);
    const outs = outEdges.get(edge.source) ?? [];
    outs.push(edge);
    outEdges.set(edge.source, outs);
  }

  const samples: GraphNode[] = [];
  const losses: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (!isOpName(node.op)) {
      fail(`node '${node.id}' has unknown operator '${String(node.op)}'`, node, reason('network.nodeUnknownOperator', { id: node.id, op: String(node.op) }));
      continue;
    }
    const role = roleOf(node);
    if (role === undefined) fail(`${describe(node)} is a scalar operator; a network takes only layer operators (samples, conv2d, maxpool, flatten, dropout, dense, activations, softmax, a loss)`, node, reason('network.scalarOperatorNetworkTakes', { node: describe(node) }));
    if (role === 'samples') samples.push(node);
    if (role === 'loss') losses.push(node);
    if (role !== 'samples' && role !== undefined && !inEdge.has(node.id)) fail(`${describe(node)} has no input`, node, reason('network.noInput', { node: describe(node) }));
    if ((outEdges.get(node.id)?.length ?? 0) > 1) fail(`${describe(node)} feeds ${outEdges.get(node.id)?.length} nodes; a network is a single chain`, node, reason('network.feedsSeveral', { node: describe(node), count: outEdges.get(node.id)?.length ?? 0 }));
    if (role === 'loss' && outEdges.has(node.id)) fail(`${describe(node)} is a loss and must end the network`, node, reason('network.lossMustEndNetwork', { node: describe(node) }));
  }
  if (samples.length === 0) fail('the network has no samples node (its input)', graph.nodes.find(layerOnly), reason('network.networkSamplesNodeInput'));
  for (const extra of samples.slice(1)) fail(`the network has more than one samples node ('${samples[0].id}' and '${extra.id}')`, extra, reason('network.severalSamples', { first: samples[0].id, second: extra.id }));
  if (losses.length > 1) for (const extra of losses.slice(1)) fail(`the network has more than one loss ('${losses[0].id}' and '${extra.id}')`, extra, reason('network.severalLosses', { first: losses[0].id, second: extra.id }));

  // Walk forward from the samples node, setting shapes.
  if (samples.length > 0) {
    const seen = new Set<string>();
    let node: GraphNode | undefined = samples[0];
    let shape = 0;
    let dims: Dims = [0];
    let lastSizer: GraphNode | undefined;
    // Set when a node's problem stops the walk: what lies after it has no shape, and no further error.
    let stopped = false;
    let previous: GraphNode | undefined;
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      chain.push(node);
      const role = roleOf(node);
      if (role === undefined) break;
      let next = 0;
      let nextDims: Dims | undefined;
      if (role === 'samples') {
        const size = sizeParam(node, 'size', 784);
        if (typeof size !== 'number') { fail(size.text, node, size.reason); stopped = true; break; }
        next = size;
        if (options.classes === undefined) classes = size === 784 ? 10 : 0;
        const declared = node.params?.shape;
        if (Array.isArray(declared)) {
          if (product(declared) !== size) { fail(`${describe(node)} has shape ${dimsText(declared)} (${product(declared)} values) but size ${size}`, node, reason('network.shapeValuesButSize', { node: describe(node), declared: dimsText(declared), declared2: product(declared), size })); stopped = true; break; }
          nextDims = declared.length === 3 ? [...declared] : [size];
        }
        lastSizer = node;
      } else if (role === 'conv2d' || role === 'maxpool') {
        if (dims.length !== 3) { fail(`${describe(node)} needs an image (channels x height x width) but receives a vector of ${shape}: give the samples node a shape such as [1, 28, 28]`, node, reason('network.needsImageChannelsX', { node: describe(node), shape })); stopped = true; break; }
        const made = role === 'conv2d' ? convGeometry(dims, node.params ?? {}) : poolGeometry(dims, node.params ?? {});
        if ('reason' in made) { fail(`${describe(node)} ${made.text}`, node, reason('network.geometry', { node: describe(node), made: made.reason })); stopped = true; break; }
        nextDims = 'filters' in made ? [made.filters, made.outHeight, made.outWidth] : [made.channels, made.outHeight, made.outWidth];
        next = product(nextDims);
        lastSizer = node;
      } else if (role === 'flatten') {
        next = shape;
      } else if (role === 'dropout') {
        const rate = node.params?.rate ?? 0.5;
        if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) fail(`${describe(node)} needs a rate in [0, 1), got ${JSON.stringify(rate)}`, node, reason('network.needsRateGot', { node: describe(node), rate: JSON.stringify(rate) }));
        next = shape;
        nextDims = dims;
      } else if (role === 'dense') {
        const units = sizeParam(node, 'units', 30);
        if (typeof units !== 'number') { fail(units.text, node, units.reason); stopped = true; break; }
        const init = node.params?.init;
        if (init !== undefined && init !== 'normal' && init !== 'xavier' && init !== 'he') {
          fail(`${describe(node)} has unknown init ${JSON.stringify(init)} (normal, xavier or he)`, node, reason('network.unknownInitNormalXavier', { node: describe(node), init: JSON.stringify(init) }));
        }
        next = units;
        lastSizer = node;
      } else if (role === 'activation' || role === 'softmax') {
        next = shape;
        if (role === 'activation') nextDims = dims;
        if (role === 'softmax' && shape < 2) fail(`${describe(node)} needs at least 2 inputs to normalise, got ${shape}`, node, reason('network.needsLeastInputsNormalise', { node: describe(node), shape }));
      } else {
        // The loss: its input length is the number of classes.
        if (classes === 0 && shape < 2) {
          fail(`${describe(node)} receives ${shape} value${shape === 1 ? '' : 's'}: a classifier needs one output per class, at least 2`, lastSizer && lastSizer.op === 'dense' ? lastSizer : node,
            reason('network.tooFewClasses', { node: describe(node), count: shape }));
        } else if (classes !== 0 && shape !== classes) {
          const cause = lastSizer && lastSizer.op === 'dense' ? lastSizer : node;
          fail(cause === node
            ? `${describe(node)} receives ${shape} values but there are ${classes} classes: put a dense layer with ${classes} units before it`
            : `${describe(cause)} gives ${shape} outputs but the loss needs ${classes}, one per class`, cause,
            cause === node ? reason('network.classesBeforeLoss', { node: describe(node), shape, classes }) : reason('network.classesFromDense', { node: describe(cause), shape, classes }));
        }
        if (node.op === 'cross_entropy' && previous?.op !== 'softmax') {
          fail(`${describe(node)} needs probabilities: put a softmax right before it`, node, reason('network.needsProbabilitiesPutSoftmax', { node: describe(node) }));
        }
        next = 1;
      }
      const outDims = nextDims ?? [next];
      nodeShapes[node.id] = next;
      nodeDims[node.id] = outDims;
      const outs = outEdges.get(node.id);
      if (outs && outs.length === 1) {
        edgeShapes[outs[0].id] = next;
        edgeLabels[outs[0].id] = dimsText(outDims);
      }
      shape = next;
      dims = outDims;
      previous = node;
      node = outs && outs.length === 1 ? byId.get(outs[0].target) : undefined;
    }
    if (!stopped && node && seen.has(node.id)) fail(`the network has a cycle through ${describe(node)}`, node, reason('network.networkCycleThrough', { node: describe(node) }));
    const last = chain[chain.length - 1];
    if (stopped) return { edgeShapes, nodeShapes, nodeDims, edgeLabels, errors, chain };
    if (losses.length === 0 && last && errors.length === 0) fail(`the network has no loss: connect ${describe(last)} to mse, cross_entropy (after softmax) or svm`, last, reason('network.networkLossConnectMse', { last: describe(last) }));
    else if (losses.length === 0 && last) fail('the network has no loss (mse, cross_entropy or svm)', last, reason('network.networkLossMseCross'));
    // Layer nodes not on the chain cannot be trained.
    for (const other of graph.nodes) {
      if (!seen.has(other.id) && roleOf(other) !== undefined && inEdge.has(other.id)) {
        if (!errors.some((e) => e.place.nodeId === other.id)) fail(`${describe(other)} is not on the path from the samples node to the loss`, other, reason('network.onPathFromSamples', { other: describe(other) }));
      }
    }
  }
  return { edgeShapes, nodeShapes, nodeDims, edgeLabels, errors, chain };
}
