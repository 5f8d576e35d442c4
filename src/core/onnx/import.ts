import { GraphError } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { parseGraphValue } from '../format/parse';
import { toFileValue } from '../format/serialize';
import { compileNetwork } from '../net/compile';
import type { Activation, DenseParams, Network, NetworkSpec } from '../net/types';
import { ONNX_ACTIVATIONS, ONNX_META } from './export';
import { onnx, type OnnxTypes } from './proto';

/** An ONNX model read as a gradflow network: the laid-out graph, its compiled spec and the weights. */
export interface OnnxImport {
  graph: Graph;
  spec: NetworkSpec;
  network: Network;
}

/** Graph operator of each ONNX activation: the inverse of the export's table. */
const ACTIVATIONS: Record<string, Activation> = Object.fromEntries(Object.entries(ONNX_ACTIVATIONS).map(([op, onnxOp]) => [onnxOp as string, op as Activation]));

/** The ONNX operators import understands (the rest are refused by name). */
export const ONNX_IMPORT_OPERATORS: readonly string[] = ['Gemm', 'MatMul', 'Add', ...Object.keys(ACTIVATIONS), 'Softmax', 'Flatten', 'Reshape'];

/** Canvas spacing between layers, as the shipped network examples are drawn. */
const STEP_X = 180;

/** A layer read from the model, before it becomes a node. */
type Layer =
  | { kind: 'dense'; name: string; weights: Float64Array; biases: Float64Array; inputSize: number; units: number }
  | { kind: 'plain'; op: Activation; name: string };

type DenseLayer = Extract<Layer, { kind: 'dense' }>;

const fail = (message: string): never => {
  throw new GraphError(message, {}, 'import');
};

/** A tensor's numbers as float64 (float and double tensors, inline or raw little-endian bytes). */
function tensorValues(t: OnnxTypes.ITensorProto): Float64Array {
  const type = t.dataType ?? 0;
  const { FLOAT, DOUBLE } = onnx.TensorProto.DataType;
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = type === DOUBLE ? 8 : 4;
    if (type !== FLOAT && type !== DOUBLE) fail(`initializer '${t.name ?? ''}' has data type ${type}; only float and double weights are read`);
    const out = new Float64Array(raw.byteLength / size);
    for (let i = 0; i < out.length; i++) out[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    return out;
  }
  if (type === FLOAT) return Float64Array.from(t.floatData ?? []);
  if (type === DOUBLE) return Float64Array.from(t.doubleData ?? []);
  return fail(`initializer '${t.name ?? ''}' has data type ${type}; only float and double weights are read`);
}

const dimsOf = (t: OnnxTypes.ITensorProto): number[] => (t.dims ?? []).map((d) => Number(d));

function intAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number): number {
  const a = node.attribute?.find((x) => x.name === name);
  return a ? Number(a.i ?? 0) : fallback;
}

function floatAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number): number {
  const a = node.attribute?.find((x) => x.name === name);
  return a ? Number(a.f ?? 0) : fallback;
}

/** A node's name for messages: its name, else its operator and first output. */
const nodeName = (node: OnnxTypes.INodeProto, index: number): string => node.name || `${node.opType ?? '?'} #${index} (output '${node.output?.[0] ?? ''}')`;

/** Weights [units, inputs] row-major from a matrix stored [inputs, units] (MatMul's and Gemm's without transB). */
function transposed(values: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

/** Decodes the bytes of an .onnx file; anything that is not a model with a graph is refused in one line. */
function decode(bytes: Uint8Array): OnnxTypes.ModelProto {
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new GraphError(`not an ONNX model: ${error instanceof Error ? error.message : String(error)}`, {}, 'import');
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new GraphError('not an ONNX model: it has no graph nodes', {}, 'import');
  return model;
}

/**
 * Reads an ONNX model of the supported subset (Gemm, MatMul + Add, Relu, Sigmoid, Tanh, Softmax,
 * Flatten / Reshape) into a layered gradflow graph, laid out left to right, with its weights. The
 * model must be one chain from its input to its output; any other operator is refused with one line
 * naming it and its node.
 */
export function onnxToNetwork(bytes: Uint8Array): OnnxImport {
  const model = decode(bytes);
  const g = model.graph as OnnxTypes.IGraphProto;
  const initializers = new Map<string, OnnxTypes.ITensorProto>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', t);
  const inputs = (g.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) fail(`the model has ${inputs.length} inputs; gradflow imports models with one input`);
  const input = inputs[0];
  const inputDims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue === undefined || d.dimValue === null ? NaN : Number(d.dimValue)));
  let size = inputDims.slice(1).reduce((a, b) => a * b, 1);

  const layers: Layer[] = [];
  let current = input.name ?? '';
  const nodes = g.node ?? [];
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const op = node.opType ?? '';
    const where = nodeName(node, k);
    const data = (node.input ?? [])[0];
    if (!ONNX_IMPORT_OPERATORS.includes(op)) fail(`unsupported operator '${op}' at node '${where}'`);
    if (data !== current) fail(`node '${where}' (${op}) reads '${data ?? ''}', not the previous layer's output '${current}': gradflow imports one chain of layers`);
    const weight = (i: number): OnnxTypes.ITensorProto => {
      const name = (node.input ?? [])[i];
      const t = name === undefined ? undefined : initializers.get(name);
      return t ?? fail(`node '${where}' (${op}): input ${i + 1} '${name ?? ''}' is not a stored weight tensor`);
    };
    if (op === 'Gemm') {
      if (intAttribute(node, 'transA', 0) !== 0 || floatAttribute(node, 'alpha', 1) !== 1 || floatAttribute(node, 'beta', 1) !== 1) {
        fail(`node '${where}' (Gemm) uses transA, alpha or beta; gradflow reads Gemm as x·Wᵀ + b or x·W + b`);
      }
      const w = weight(1);
      const [r, c] = dimsOf(w);
      const transB = intAttribute(node, 'transB', 0) === 1;
      const [units, inputSize] = transB ? [r, c] : [c, r];
      const values = tensorValues(w);
      const biases = (node.input ?? []).length > 2 && (node.input ?? [])[2] !== '' ? tensorValues(weight(2)) : new Float64Array(units);
      layers.push({ kind: 'dense', name: node.name || `dense${layers.length + 1}`, weights: transB ? values : transposed(values, r, c), biases, inputSize, units });
    } else if (op === 'MatMul') {
      const w = weight(1);
      const [inputSize, units] = dimsOf(w);
      // A bias comes as the Add right after, onto this MatMul's output.
      const next = nodes[k + 1];
      let biases: Float64Array = new Float64Array(units);
      let out = (node.output ?? [])[0] ?? '';
      if (next?.opType === 'Add' && (next.input ?? []).includes(out)) {
        const other = (next.input ?? []).find((name) => name !== out) ?? '';
        const t = initializers.get(other) ?? fail(`node '${nodeName(next, k + 1)}' (Add) adds '${other}', which is not a stored bias`);
        biases = tensorValues(t);
        out = (next.output ?? [])[0] ?? '';
        k++;
      }
      layers.push({ kind: 'dense', name: node.name || `dense${layers.length + 1}`, weights: transposed(tensorValues(w), inputSize, units), biases, inputSize, units });
      current = out;
      continue;
    } else if (op === 'Add') {
      fail(`node '${where}' (Add) does not follow a MatMul; gradflow reads Add only as a MatMul's bias`);
    } else if (ACTIVATIONS[op] !== undefined) {
      layers.push({ kind: 'plain', op: ACTIVATIONS[op], name: node.name || `${ACTIVATIONS[op]}${layers.length + 1}` });
    } else if (op === 'Softmax') {
      const axis = intAttribute(node, 'axis', -1);
      if (axis !== 1 && axis !== -1) fail(`node '${where}' (Softmax) normalises axis ${axis}; gradflow's softmax is over the classes (axis 1)`);
      layers.push({ kind: 'plain', op: 'softmax', name: node.name || `softmax${layers.length + 1}` });
    }
    // Flatten and Reshape pass through: a sample is one flat vector of `size` values either way.
    current = (node.output ?? [])[0] ?? '';
  }
  const outputs = g.output ?? [];
  if (outputs.length !== 1 || outputs[0].name !== current) fail(`the model's output is not the end of its chain of layers ('${current}')`);
  const firstDense = layers.find((l) => l.kind === 'dense');
  if (firstDense === undefined) fail('the model has no Gemm or MatMul layer: nothing to train');
  if (!Number.isFinite(size) || size < 1) size = (firstDense as DenseLayer).inputSize;
  return buildNetwork(model, layers, size);
}

/** The gradflow graph for the layers read, checked by the file format and the network compiler. */
function buildNetwork(model: OnnxTypes.ModelProto, layers: Layer[], inputSize: number): OnnxImport {
  const meta = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const last = layers[layers.length - 1];
  const savedLoss = meta.get(ONNX_META.loss);
  const endsInSoftmax = last.kind === 'plain' && last.op === 'softmax';
  const loss = savedLoss === 'mse' || savedLoss === 'svm' || (savedLoss === 'cross_entropy' && endsInSoftmax) ? savedLoss : endsInSoftmax ? 'cross_entropy' : 'mse';
  let inits: unknown = [];
  try {
    inits = JSON.parse(meta.get(ONNX_META.init) ?? '[]');
  } catch {
    inits = [];
  }
  const taken = new Set<string>();
  const idFor = (name: string, fallback: string): string => {
    let base = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40) || fallback;
    if (base === '' || taken.has(base)) base = fallback;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
    taken.add(id);
    return id;
  };
  const nodes: GraphNode[] = [{ id: idFor('x', 'x'), op: 'samples', params: { size: inputSize }, position: { x: 0, y: 0 } }];
  let denseIndex = 0;
  for (const layer of layers) {
    const position = { x: STEP_X * nodes.length, y: 0 };
    if (layer.kind === 'dense') {
      const init = Array.isArray(inits) && typeof inits[denseIndex] === 'string' ? (inits[denseIndex] as string) : 'normal';
      denseIndex++;
      nodes.push({ id: idFor(layer.name, `d${denseIndex}`), op: 'dense', params: { units: layer.units, init }, position });
    } else nodes.push({ id: idFor(layer.name, layer.op), op: layer.op, position });
  }
  nodes.push({ id: idFor('loss', 'loss'), op: loss, position: { x: STEP_X * nodes.length, y: 0 }, output: true });
  const edges: GraphEdge[] = nodes.slice(1).map((node, k) => ({ id: `e${k + 1}`, source: nodes[k].id, target: node.id, targetPort: 0 }));
  let training: unknown;
  try {
    training = meta.has(ONNX_META.training) ? JSON.parse(meta.get(ONNX_META.training) as string) : undefined;
  } catch {
    training = undefined;
  }
  const file = { format: 'gradflow.graph', version: 1, nodes, edges, ...(training === undefined ? {} : { training }) };
  const graph = parseGraphValue(JSON.parse(JSON.stringify(toFileValue(parseGraphValue(file)))));
  const spec = compileNetwork(graph);
  const dense: DenseParams[] = [];
  let k = 0;
  spec.layers.forEach((layer, index) => {
    if (layer.kind !== 'dense') return;
    const read = layers.filter((l) => l.kind === 'dense')[k++] as DenseLayer;
    if (read.inputSize !== layer.inputSize || read.weights.length !== layer.units * layer.inputSize || read.biases.length !== layer.units) {
      fail(`layer '${layer.nodeId}' takes ${layer.inputSize} inputs but its weights are ${read.inputSize} x ${read.units} with ${read.biases.length} biases`);
    }
    dense.push({ layer: index, nodeId: layer.nodeId, inputSize: layer.inputSize, units: layer.units, weights: read.weights, biases: read.biases });
  });
  return { graph, spec, network: { spec, dense } };
}
