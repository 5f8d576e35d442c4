import { GraphError, reason, type Reason } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { parseGraphValue } from '../format/parse';
import { toFileValue } from '../format/serialize';
import { compileNetwork } from '../net/compile';
import type { Activation, DenseParams, Network, NetworkSpec } from '../net/types';
import { IMPLICIT_FLATTEN, ONNX_ACTIVATIONS, ONNX_META } from './export';
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
export const ONNX_IMPORT_OPERATORS: readonly string[] = ['Gemm', 'MatMul', 'Add', 'Conv', 'MaxPool', 'Flatten', 'Reshape', 'Dropout', ...Object.keys(ACTIVATIONS), 'Softmax'];

/** Canvas spacing between layers, as the shipped network examples are drawn. */
const STEP_X = 180;

/** A layer read from the model, before it becomes a node. */
type Layer =
  | { kind: 'dense'; name: string; weights: Float64Array; biases: Float64Array; inputSize: number; units: number }
  | { kind: 'conv2d'; name: string; weights: Float64Array; biases: Float64Array; inputSize: number; units: number; kernel: number; stride: number; padding: 'valid' | 'same' }
  | { kind: 'maxpool'; name: string; size: number; stride: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dropout'; name: string; rate: number }
  | { kind: 'plain'; op: Activation; name: string };

/** Layers with weights. */
type ParamLayer = Extract<Layer, { kind: 'dense' | 'conv2d' }>;

const fail = (message: string, why?: Reason): never => {
  throw new GraphError(message, {}, 'import', why);
};

/** A tensor's numbers as float64 (float and double tensors, inline or raw little-endian bytes). */
function tensorValues(t: OnnxTypes.ITensorProto): Float64Array {
  const type = t.dataType ?? 0;
  const { FLOAT, DOUBLE } = onnx.TensorProto.DataType;
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const size = type === DOUBLE ? 8 : 4;
    if (type !== FLOAT && type !== DOUBLE) fail(`initializer '${t.name ?? ''}' has data type ${type}; only float and double weights are read`, reason('import.initializerDataType', { name: t.name ?? '', type }));
    const out = new Float64Array(raw.byteLength / size);
    for (let i = 0; i < out.length; i++) out[i] = size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
    return out;
  }
  if (type === FLOAT) return Float64Array.from(t.floatData ?? []);
  if (type === DOUBLE) return Float64Array.from(t.doubleData ?? []);
  return fail(`initializer '${t.name ?? ''}' has data type ${type}; only float and double weights are read`, reason('import.initializerDataType', { name: t.name ?? '', type }));
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

function intsAttribute(node: OnnxTypes.INodeProto, name: string): number[] | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a ? (a.ints ?? []).map(Number) : undefined;
}

function stringAttribute(node: OnnxTypes.INodeProto, name: string): string | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a?.s ? new TextDecoder().decode(a.s) : undefined;
}

/** An int64 tensor's values (inline or raw little-endian bytes), e.g. a Reshape's target shape. */
function int64Values(t: OnnxTypes.ITensorProto): number[] {
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Array.from({ length: raw.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  }
  return (t.int64Data ?? []).map(Number);
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
    // protobufjs words its decoding error in English; it is quoted as it is.
    const detail = error instanceof Error ? error.message : String(error);
    throw new GraphError(`not an ONNX model: ${detail}`, {}, 'import', reason('import.notOnnx', { detail }));
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new GraphError('not an ONNX model: it has no graph nodes', {}, 'import', reason('import.onnxModelGraphNodes'));
  return model;
}

/**
 * Reads an ONNX model of the supported subset (Gemm, MatMul + Add, Conv, MaxPool, Flatten / Reshape,
 * Dropout, the table's activations, Softmax) into a layered gradflow graph, laid out left to right,
 * with its weights. The model must be one chain from its input to its output; any other operator is
 * refused with one line naming it and its node.
 */
export function onnxToNetwork(bytes: Uint8Array): OnnxImport {
  const model = decode(bytes);
  const g = model.graph as OnnxTypes.IGraphProto;
  const initializers = new Map<string, OnnxTypes.ITensorProto>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', t);
  const inputs = (g.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) fail(`the model has ${inputs.length} inputs; gradflow imports models with one input`, reason('import.modelInputsGradflowImports', { inputsLength: inputs.length }));
  const input = inputs[0];
  const inputDims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue === undefined || d.dimValue === null ? NaN : Number(d.dimValue)));

  // The shape of one sample as it flows through the layers: [size] or [channels, height, width].
  let dims = inputDims.slice(1);
  const layers: Layer[] = [];
  let current = input.name ?? '';
  const nodes = g.node ?? [];
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const op = node.opType ?? '';
    const where = nodeName(node, k);
    const data = (node.input ?? [])[0];
    const name = node.name || `${op.toLowerCase()}${layers.length + 1}`;
    if (!ONNX_IMPORT_OPERATORS.includes(op)) fail(`unsupported operator '${op}' at node '${where}'`, reason('import.unsupportedOperatorNode', { op, where }));
    if (data !== current) fail(`node '${where}' (${op}) reads '${data ?? ''}', not the previous layer's output '${current}': gradflow imports one chain of layers`, reason('import.nodeReadsNotChain', { where, op, data: data ?? '', current }));
    const weight = (i: number): OnnxTypes.ITensorProto => {
      const input = (node.input ?? [])[i];
      const t = input === undefined ? undefined : initializers.get(input);
      return t ?? fail(`node '${where}' (${op}): input ${i + 1} '${input ?? ''}' is not a stored weight tensor`, reason('import.nodeInputNotWeight', { where, op, index: i + 1, input: input ?? '' }));
    };
    const hasInput = (i: number): boolean => (node.input ?? []).length > i && (node.input ?? [])[i] !== '';
    const image = (): [number, number, number] => {
      if (dims.length !== 3 || dims.some((d) => !Number.isInteger(d) || d < 1)) fail(`node '${where}' (${op}) needs an image input [N, C, H, W] with known sizes`, reason('import.nodeNeedsImageInput', { where, op }));
      return dims as [number, number, number];
    };
    if (op === 'Gemm') {
      if (intAttribute(node, 'transA', 0) !== 0 || floatAttribute(node, 'alpha', 1) !== 1 || floatAttribute(node, 'beta', 1) !== 1) {
        fail(`node '${where}' (Gemm) uses transA, alpha or beta; gradflow reads Gemm as x·Wᵀ + b or x·W + b`, reason('import.nodeGemmUsesTransa', { where }));
      }
      const w = weight(1);
      const [r, c] = dimsOf(w);
      const transB = intAttribute(node, 'transB', 0) === 1;
      const [units, inputSize] = transB ? [r, c] : [c, r];
      const values = tensorValues(w);
      const biases = hasInput(2) ? tensorValues(weight(2)) : new Float64Array(units);
      layers.push({ kind: 'dense', name, weights: transB ? values : transposed(values, r, c), biases, inputSize, units });
      dims = [units];
    } else if (op === 'MatMul') {
      const w = weight(1);
      const [inputSize, units] = dimsOf(w);
      // A bias comes as the Add right after, onto this MatMul's output.
      const next = nodes[k + 1];
      let biases: Float64Array = new Float64Array(units);
      let out = (node.output ?? [])[0] ?? '';
      if (next?.opType === 'Add' && (next.input ?? []).includes(out)) {
        const other = (next.input ?? []).find((x) => x !== out) ?? '';
        const t = initializers.get(other) ?? fail(`node '${nodeName(next, k + 1)}' (Add) adds '${other}', which is not a stored bias`, reason('import.addNotBias', { where: nodeName(next, k + 1), other }));
        biases = tensorValues(t);
        out = (next.output ?? [])[0] ?? '';
        k++;
      }
      layers.push({ kind: 'dense', name, weights: transposed(tensorValues(w), inputSize, units), biases, inputSize, units });
      dims = [units];
      current = out;
      continue;
    } else if (op === 'Add') {
      fail(`node '${where}' (Add) does not follow a MatMul; gradflow reads Add only as a MatMul's bias`, reason('import.nodeAddDoesFollow', { where }));
    } else if (op === 'Conv') {
      const [channels, height, width] = image();
      const w = weight(1);
      const [filters, inChannels, kh, kw] = dimsOf(w);
      if (inChannels !== channels || kh !== kw) fail(`node '${where}' (Conv) has weights ${dimsOf(w).join('x')}; gradflow's conv2d takes square kernels over all ${channels} channels`, reason('import.convWeights', { where, dims: dimsOf(w).join('x'), channels }));
      if (intAttribute(node, 'group', 1) !== 1 || (intsAttribute(node, 'dilations') ?? [1, 1]).some((d) => d !== 1)) fail(`node '${where}' (Conv) uses groups or dilations, which gradflow's conv2d does not have`, reason('import.nodeConvUsesGroups', { where }));
      const [sy, sx] = intsAttribute(node, 'strides') ?? [1, 1];
      if (sy !== sx) fail(`node '${where}' (Conv) has strides ${sy} and ${sx}; gradflow's conv2d has one stride`, reason('import.nodeConvStridesGradflow', { where, sy, sx }));
      const pads = intsAttribute(node, 'pads') ?? [0, 0, 0, 0];
      const autoPad = stringAttribute(node, 'auto_pad') ?? 'NOTSET';
      // gradflow's "same": out = ceil(in / stride), the odd row or column of padding below and right (SAME_UPPER).
      const same = [height, width].map((size) => {
        const total = Math.max(0, (Math.ceil(size / sx) - 1) * sx + kh - size);
        return [Math.floor(total / 2), total - Math.floor(total / 2)];
      });
      const samePads = [same[0][0], same[1][0], same[0][1], same[1][1]];
      const padding = autoPad === 'SAME_UPPER' || (autoPad === 'NOTSET' && pads.some((p) => p !== 0) && pads.every((p, i) => p === samePads[i])) ? 'same'
        : autoPad === 'VALID' || (autoPad === 'NOTSET' && pads.every((p) => p === 0)) ? 'valid'
        : fail(`node '${where}' (Conv) pads ${autoPad === 'NOTSET' ? `[${pads.join(', ')}]` : autoPad}; gradflow's conv2d pads "valid" (none) or "same" (SAME_UPPER)`, reason('import.convPads', { where, pads: autoPad === 'NOTSET' ? `[${pads.join(', ')}]` : autoPad }));
      const outH = padding === 'same' ? Math.ceil(height / sx) : Math.floor((height - kh) / sx) + 1;
      const outW = padding === 'same' ? Math.ceil(width / sx) : Math.floor((width - kh) / sx) + 1;
      const biases = hasInput(2) ? tensorValues(weight(2)) : new Float64Array(filters);
      layers.push({ kind: 'conv2d', name, weights: tensorValues(w), biases, inputSize: channels * kh * kh, units: filters, kernel: kh, stride: sx, padding });
      dims = [filters, outH, outW];
    } else if (op === 'MaxPool') {
      const [channels, height, width] = image();
      const [ky, kx] = intsAttribute(node, 'kernel_shape') ?? [0, 0];
      const [sy, sx] = intsAttribute(node, 'strides') ?? [1, 1];
      const pads = intsAttribute(node, 'pads') ?? [0, 0, 0, 0];
      if (ky !== kx || sy !== sx || pads.some((p) => p !== 0) || intAttribute(node, 'ceil_mode', 0) !== 0 || !['NOTSET', 'VALID'].includes(stringAttribute(node, 'auto_pad') ?? 'NOTSET')) {
        fail(`node '${where}' (MaxPool) is not a square window with one stride and no padding, as gradflow's maxpool`, reason('import.nodeMaxpoolSquareWindow', { where }));
      }
      layers.push({ kind: 'maxpool', name, size: kx, stride: sx });
      dims = [channels, Math.floor((height - kx) / sx) + 1, Math.floor((width - kx) / sx) + 1];
    } else if (op === 'Flatten' || op === 'Reshape') {
      if (op === 'Reshape') {
        const target = int64Values(weight(1));
        if (target.length > 2) fail(`node '${where}' (Reshape) to [${target.join(', ')}]; gradflow reads Reshape only as a flatten to [N, size]`, reason('import.nodeReshapeGradflowReads', { where, target: target.join(', ') }));
      } else if (intAttribute(node, 'axis', 1) !== 1) fail(`node '${where}' (Flatten) flattens from axis ${intAttribute(node, 'axis', 1)}; gradflow flattens each sample (axis 1)`, reason('import.flattenAxis', { where, axis: intAttribute(node, 'axis', 1) }));
      // A flat sample passes through; an image becomes one vector (a layer of its own unless the export added it).
      if (dims.length > 1) {
        if (node.docString !== IMPLICIT_FLATTEN) layers.push({ kind: 'flatten', name });
        dims = [dims.reduce((a, b) => a * b, 1)];
      }
    } else if (op === 'Dropout') {
      const ratio = hasInput(1) ? tensorValues(weight(1))[0] : floatAttribute(node, 'ratio', 0.5);
      layers.push({ kind: 'dropout', name, rate: ratio });
    } else if (ACTIVATIONS[op] !== undefined) {
      layers.push({ kind: 'plain', op: ACTIVATIONS[op], name });
    } else if (op === 'Softmax') {
      const axis = intAttribute(node, 'axis', -1);
      if (dims.length > 1 || (axis !== 1 && axis !== -1)) fail(`node '${where}' (Softmax) normalises axis ${axis} of ${dims.length > 1 ? 'an image' : 'a vector'}; gradflow's softmax is over the classes of a vector`, dims.length > 1 ? reason('import.softmaxImage', { where, axis }) : reason('import.softmaxVector', { where, axis }));
      layers.push({ kind: 'plain', op: 'softmax', name });
    }
    current = (node.output ?? [])[0] ?? '';
  }
  const outputs = g.output ?? [];
  if (outputs.length !== 1 || outputs[0].name !== current) fail(`the model's output is not the end of its chain of layers ('${current}')`, reason('import.modelSOutputEnd', { current }));
  const first = layers.find((l) => l.kind === 'dense' || l.kind === 'conv2d') as ParamLayer | undefined;
  if (first === undefined) fail('the model has no Gemm, MatMul or Conv layer: nothing to train', reason('import.modelGemmMatmulConv'));
  let sampleDims = inputDims.slice(1);
  if (sampleDims.length === 0 || sampleDims.some((d) => !Number.isInteger(d) || d < 1)) sampleDims = [(first as ParamLayer).inputSize];
  if (sampleDims.length !== 3) sampleDims = [sampleDims.reduce((a, b) => a * b, 1)];
  return buildNetwork(model, layers, sampleDims);
}

/** The gradflow graph for the layers read, checked by the file format and the network compiler. */
function buildNetwork(model: OnnxTypes.ModelProto, layers: Layer[], sampleDims: number[]): OnnxImport {
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
  const size = sampleDims.reduce((a, b) => a * b, 1);
  let ids: { samples?: unknown; loss?: unknown } = {};
  try {
    ids = JSON.parse(meta.get(ONNX_META.ids) ?? '{}') as typeof ids;
  } catch {
    ids = {};
  }
  const savedId = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);
  const nodes: GraphNode[] = [{ id: idFor(savedId(ids.samples, 'x'), 'x'), op: 'samples', params: sampleDims.length === 3 ? { size, shape: sampleDims } : { size }, position: { x: 0, y: 0 } }];
  let paramIndex = 0;
  const initOf = (fallback: string): string => {
    const saved: unknown = Array.isArray(inits) ? inits[paramIndex] : undefined;
    paramIndex++;
    return typeof saved === 'string' ? saved : fallback;
  };
  for (const layer of layers) {
    const position = { x: STEP_X * nodes.length, y: 0 };
    switch (layer.kind) {
      case 'dense':
        nodes.push({ id: idFor(layer.name, `d${nodes.length}`), op: 'dense', params: { units: layer.units, init: initOf('normal') }, position });
        break;
      case 'conv2d':
        nodes.push({ id: idFor(layer.name, `c${nodes.length}`), op: 'conv2d', params: { filters: layer.units, kernel: layer.kernel, stride: layer.stride, padding: layer.padding, init: initOf('he') }, position });
        break;
      case 'maxpool':
        nodes.push({ id: idFor(layer.name, `pool${nodes.length}`), op: 'maxpool', params: { size: layer.size, stride: layer.stride }, position });
        break;
      case 'flatten':
        nodes.push({ id: idFor(layer.name, `flat${nodes.length}`), op: 'flatten', position });
        break;
      case 'dropout':
        nodes.push({ id: idFor(layer.name, `drop${nodes.length}`), op: 'dropout', params: { rate: layer.rate }, position });
        break;
      case 'plain':
        nodes.push({ id: idFor(layer.name, layer.op), op: layer.op, position });
        break;
      default: {
        const never: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(never)}`);
      }
    }
  }
  nodes.push({ id: idFor(savedId(ids.loss, 'loss'), 'loss'), op: loss, position: { x: STEP_X * nodes.length, y: 0 }, output: true });
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
  const read = layers.filter((l): l is ParamLayer => l.kind === 'dense' || l.kind === 'conv2d');
  spec.layers.forEach((layer, index) => {
    if (layer.kind !== 'dense' && layer.kind !== 'conv2d') return;
    const params = read[k++];
    if (params.inputSize !== layer.inputSize || params.weights.length !== layer.units * layer.inputSize || params.biases.length !== layer.units) {
      fail(`layer '${layer.nodeId}' takes ${layer.inputSize} inputs but its weights are ${params.inputSize} x ${params.units} with ${params.biases.length} biases`, reason('import.layerTakesInputsBut', { nodeId: layer.nodeId, inputSize: layer.inputSize, inputSize2: params.inputSize, units: params.units, biasesLength: params.biases.length }));
    }
    dense.push({ layer: index, nodeId: layer.nodeId, inputSize: layer.inputSize, units: layer.units, weights: params.weights, biases: params.biases });
  });
  return { graph, spec, network: { spec, dense } };
}
