import { GraphError } from '../graph/errors';
import type { Activation, LayerSpec, Network } from '../net/types';
import { onnx, type OnnxTypes } from './proto';

/** The operator set the exported models declare (Softmax takes its axis per opset 13). */
export const ONNX_OPSET = 13;

/** Metadata keys that carry what ONNX has no field for, so an import restores the graph as drawn. */
export const ONNX_META = { loss: 'gradflow.loss', training: 'gradflow.training', init: 'gradflow.init' } as const;

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

/** The ONNX operator of a parameter-free layer. */
function plainNode(layer: Exclude<LayerSpec, { kind: 'dense' }>, input: string, output: string): OnnxTypes.INodeProto {
  switch (layer.kind) {
    case 'activation': {
      const opType = ONNX_ACTIVATIONS[layer.activation];
      if (opType === undefined) throw new Error(`no ONNX operator for activation ${layer.activation}`);
      return { name: layer.nodeId, opType, input: [input], output: [output] };
    }
    case 'softmax':
      return { name: layer.nodeId, opType: 'Softmax', input: [input], output: [output], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] };
    case 'conv2d':
    case 'maxpool':
    case 'flatten':
    case 'dropout':
      // The model's input is declared [N, size] and its layers as Gemm: image layers need their own shapes first.
      throw new GraphError(`the ONNX export handles dense stacks only: ${layer.kind} '${layer.nodeId}' has no export yet`, { nodeId: layer.nodeId });
    default: {
      const never: never = layer;
      throw new Error(`no ONNX operator for layer ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The trained network as an ONNX model for inference: input `input` float32 [N, size], output `output`
 * (the last layer's values, what the loss reads: probabilities after a softmax). Each dense layer is a
 * Gemm with its weights [units, inputs] (transB = 1) and biases; nodes are named after the graph's nodes.
 */
export function networkToOnnx(network: Network, meta: { training?: unknown; producerVersion?: string } = {}): Uint8Array {
  const { spec } = network;
  if (spec.layers.length === 0) throw new Error('the network has no layers to export');
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [];
  let current = 'input';
  let dense = 0;
  spec.layers.forEach((layer, index) => {
    const output = index === spec.layers.length - 1 ? 'output' : `${layer.nodeId}:out`;
    if (layer.kind === 'dense') {
      const params = network.dense[dense++];
      const w = `${layer.nodeId}:W`;
      const b = `${layer.nodeId}:b`;
      initializers.push(initializer(w, [params.units, params.inputSize], params.weights), initializer(b, [params.units], params.biases));
      nodes.push({
        name: layer.nodeId, opType: 'Gemm', input: [current, w, b], output: [output],
        attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      });
    } else {
      nodes.push(plainNode(layer, current, output));
    }
    current = output;
  });
  const inits = spec.layers.flatMap((l) => (l.kind === 'dense' ? [l.init] : []));
  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'gradflow',
    producerVersion: meta.producerVersion ?? '',
    docString: spec.summary.join('\n'),
    metadataProps: [
      { key: ONNX_META.loss, value: spec.loss },
      { key: ONNX_META.init, value: JSON.stringify(inits) },
      ...(meta.training === undefined ? [] : [{ key: ONNX_META.training, value: JSON.stringify(meta.training) }]),
    ],
    graph: {
      name: 'gradflow',
      node: nodes,
      initializer: initializers,
      input: [tensorType('input', [spec.inputSize])],
      output: [tensorType('output', [spec.outputSize])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
