// The exports read the operator table: every activation has a PyTorch module and an ONNX operator,
// and ONNX import reads each of those operators back.
import { describe, expect, it } from 'vitest';
import { OP_NAMES, opDef } from '../src/core';
import { TORCH_MODULES } from '../src/core/export/pytorchNetwork';
import { ONNX_ACTIVATIONS } from '../src/core/onnx/export';
import { ONNX_IMPORT_OPERATORS } from '../src/core/onnx/import';

const activations = OP_NAMES.filter((op) => opDef(op).layer === 'activation');

describe('exports cover the operator table', () => {
  it('finds the activations in the table', () => {
    expect(activations).toEqual(expect.arrayContaining(['sigmoid', 'relu', 'tanh']));
  });

  it.each(activations)('%s has a PyTorch module, an ONNX operator, and import reads that operator', (op) => {
    expect(TORCH_MODULES[op]).toMatch(/^nn\.[A-Z]\w*\(.*\)$/);
    const onnxOp = ONNX_ACTIVATIONS[op] as string;
    expect(onnxOp).toMatch(/^[A-Z]\w+$/);
    expect(ONNX_IMPORT_OPERATORS).toContain(onnxOp);
  });
});
