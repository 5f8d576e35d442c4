import * as protoModule from 'onnx-proto';

type Onnx = typeof protoModule.onnx;

// onnx-proto is CommonJS (`module.exports = root`): bundlers expose its `onnx` namespace as a named
// export, Node's ES module loader only under `default`.
const loaded = protoModule as unknown as { onnx?: Onnx; default?: { onnx?: Onnx } };

/** The ONNX schema's messages (ModelProto, GraphProto, NodeProto, TensorProto, ...), generated from onnx.proto by protobufjs. */
export const onnx: Onnx = (loaded.onnx ?? loaded.default?.onnx) as Onnx;

/** The schema's message types (onnx.INodeProto, ...), for type positions. */
export type { onnx as OnnxTypes } from 'onnx-proto';
