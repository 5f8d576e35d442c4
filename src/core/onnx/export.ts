import type { Activation, Dims, Network } from '../net/types';
import { onnx, type OnnxTypes } from './proto';

/** The operator set the exported models declare (Softmax takes its axis per opset 13). */
export const ONNX_OPSET = 13;

/** Metadata keys that carry what ONNX has no field for, so an import restores the graph as drawn. */
export const ONNX_META = { loss: 'gradflow.loss', training: 'gradflow.training', init: 'gradflow.init', ids: 'gradflow.ids' } as const;

/** The doc string of a Flatten the export adds where gradflow flattens by itself (a dense layer or softmax reading an image); import leaves it out. */
export const IMPLICIT_FLATTEN = 'gradflow: flattens the image its dense layer or softmax reads';

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A float tensor type with a symbolic batch dimension N. */
function tensorType(name: string, dims: readonly number[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, ...dims.map((d) => ({ dimValue: d }))] } } },
  };
}

/** A float32 initializer (ONNX Runtime and most tools run inference in float32). */
function initializer(name: string, dims: readonly number[], values: Float64Array): OnnxTypes.ITensorProto {
  return { name, dims: [...dims], dataType: FLOAT, floatData: Array.from(values) };
}

/** ONNX's operator for each activation of the operator table (import reads them back; a test walks the table for missing ones). */
export const ONNX_ACTIVATIONS: Partial<Record<Activation, string>> = { sigmoid: 'Sigmoid', relu: 'Relu', tanh: 'Tanh', softplus: 'Softplus' };

const INT = onnx.AttributeProto.AttributeType.INT;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const ints = (name: string, values: number[]): OnnxTypes.IAttributeProto => ({ name, type: INTS, ints: values });

/**
 * The trained network as an ONNX model for inference: input `input` float32 [N, size], or [N, C, H, W]
 * when the samples have a shape; output `output` [N, classes] (the values the loss reads: probabilities
 * after a softmax). Dense layers are Gemm (weights [units, inputs], transB = 1), convolutions Conv
 * (weights [filters, channels, k, k], pads top, left, bottom, right), max pooling MaxPool, flatten
 * Flatten, dropout Dropout (nothing at inference), activations their operators; a Flatten goes before a
 * dense layer or softmax that reads an image. Nodes are named after the graph's nodes.
 */
export function networkToOnnx(network: Network, meta: { training?: unknown; producerVersion?: string } = {}): Uint8Array {
  const { spec } = network;
  if (spec.layers.length === 0) throw new Error('the network has no layers to export');
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [];
  let current = 'input';
  let dims: Dims = spec.inputDims;
  let params = 0;
  /** Adds a node reading `current` (and `extra` inputs), and makes its output current. */
  const add = (name: string, opType: string, extra: string[] = [], attribute: OnnxTypes.IAttributeProto[] = []): void => {
    const output = `${name}:out`;
    nodes.push({ name, opType, input: [current, ...extra], output: [output], attribute });
    current = output;
  };
  /** A Flatten for an image: the layer `name` itself, or (implicit) one before a layer that flattens its input itself. */
  const flatten = (name: string, implicit: boolean): void => {
    if (dims.length <= 1) return;
    add(implicit ? `${name}:flatten` : name, 'Flatten', [], [{ name: 'axis', type: INT, i: 1 }]);
    if (implicit) nodes[nodes.length - 1].docString = IMPLICIT_FLATTEN;
  };
  spec.layers.forEach((layer, index) => {
    const id = layer.nodeId;
    switch (layer.kind) {
      case 'dense': {
        flatten(id, true);
        const p = network.dense[params++];
        initializers.push(initializer(`${id}:W`, [p.units, p.inputSize], p.weights), initializer(`${id}:b`, [p.units], p.biases));
        add(id, 'Gemm', [`${id}:W`, `${id}:b`], [{ name: 'transB', type: INT, i: 1 }]);
        break;
      }
      case 'conv2d': {
        const p = network.dense[params++];
        const g = layer.geometry;
        const padBottom = Math.max(0, (g.outHeight - 1) * g.stride + g.kernel - g.height - g.padTop);
        const padRight = Math.max(0, (g.outWidth - 1) * g.stride + g.kernel - g.width - g.padLeft);
        initializers.push(initializer(`${id}:W`, [g.filters, g.channels, g.kernel, g.kernel], p.weights), initializer(`${id}:b`, [g.filters], p.biases));
        add(id, 'Conv', [`${id}:W`, `${id}:b`], [
          ints('kernel_shape', [g.kernel, g.kernel]), ints('strides', [g.stride, g.stride]), ints('pads', [g.padTop, g.padLeft, padBottom, padRight]),
        ]);
        break;
      }
      case 'maxpool': {
        const g = layer.geometry;
        add(id, 'MaxPool', [], [ints('kernel_shape', [g.size, g.size]), ints('strides', [g.stride, g.stride])]);
        break;
      }
      case 'flatten':
        flatten(id, false);
        break;
      case 'dropout':
        initializers.push({ name: `${id}:ratio`, dims: [], dataType: FLOAT, floatData: [layer.rate] });
        add(id, 'Dropout', [`${id}:ratio`]);
        break;
      case 'activation': {
        const opType = ONNX_ACTIVATIONS[layer.activation];
        if (opType === undefined) throw new Error(`no ONNX operator for activation ${layer.activation}`);
        add(id, opType);
        break;
      }
      case 'softmax':
        flatten(id, true);
        add(id, 'Softmax', [], [{ name: 'axis', type: INT, i: 1 }]);
        break;
      default: {
        const never: never = layer;
        throw new Error(`no ONNX operator for layer ${JSON.stringify(never)}`);
      }
    }
    dims = spec.layerDims[index];
  });
  flatten('output', true);
  // The last node's output is the model's output.
  const last = nodes[nodes.length - 1];
  last.output = ['output'];
  const inits = spec.layers.flatMap((l) => (l.kind === 'dense' || l.kind === 'conv2d' ? [l.init] : []));
  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'gradflow',
    producerVersion: meta.producerVersion ?? '',
    docString: spec.summary.join('\n'),
    metadataProps: [
      { key: ONNX_META.loss, value: spec.loss },
      { key: ONNX_META.init, value: JSON.stringify(inits) },
      { key: ONNX_META.ids, value: JSON.stringify({ samples: spec.samplesNodeId, loss: spec.lossNodeId }) },
      ...(meta.training === undefined ? [] : [{ key: ONNX_META.training, value: JSON.stringify(meta.training) }]),
    ],
    graph: {
      name: 'gradflow',
      node: nodes,
      initializer: initializers,
      input: [tensorType('input', [...spec.inputDims])],
      output: [tensorType('output', [spec.outputSize])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
