import type { Command } from 'commander';
import type { ExportOptions } from '../actions/export';
import { collect } from '../flags';

/** `gradflow export`: a graph as a graph file, a PyTorch or plain-Python script, or an ONNX model. */
export function register(program: Command): void {
  program
    .command('export')
    .description('Export a graph: the laid-out graph file (default), a PyTorch program (--format pytorch), a plain-Python script of a scalar graph (--format python) or a trained network as ONNX (--format onnx).')
    .argument('[file]', 'a gradflow.graph JSON file (or use --expr)')
    .option('--expr <expression>', 'the expression, e.g. "(x+y)*z"')
    .option('--set <name=value>', 'set a variable\'s value (repeatable); others are 1', collect, [])
    .option('--format <format>', 'graph, pytorch, python or onnx', 'graph')
    .option('--weights <file>', 'trained weights (gradflow train --save) for a network: embedded in the PyTorch program, required for ONNX')
    .option('-o, --output <file>', 'write here instead of stdout (required for ONNX)')
    .addHelpText('after', [
      '',
      'Examples:',
      '  gradflow export --expr "(x+y)*z" --set x=-2 > xyz.json',
      '  gradflow export public/examples/xyz.json --format pytorch -o xyz.py && python3 xyz.py',
      '  gradflow export public/examples/mnist-nielsen.json --format pytorch -o net.py && python3 net.py --data DIR',
      '  gradflow export public/examples/mnist-nielsen.json --format onnx --weights w.json -o model.onnx',
    ].join('\n'))
    .action(async (file: string | undefined, options: ExportOptions) => {
      await (await import('../actions/export')).runExport(file, options);
    });
}
