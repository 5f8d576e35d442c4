import type { Command } from 'commander';
import type { ImportOptions } from '../actions/import';

/** `gradflow import`: an ONNX model as a layered graph file, with its weights. */
export function register(program: Command): void {
  program
    .command('import')
    .description('Read an ONNX model (Gemm, MatMul + Add, Relu, Sigmoid, Tanh, Softmax, Flatten / Reshape) as a layered graph laid out left to right, with its weights.')
    .argument('<model>', 'an .onnx file')
    .option('-o, --output <file>', 'write the graph file here instead of stdout')
    .option('--weights-out <file>', 'write the model\'s weights as a gradflow weights file (for train, landscape and export)')
    .addHelpText('after', '\nExample:\n  gradflow import model.onnx -o graph.json --weights-out weights.json')
    .action(async (model: string, options: ImportOptions) => {
      await (await import('../actions/import')).runImport(model, options);
    });
}
