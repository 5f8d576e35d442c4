import { t } from '../../i18n';
import type { Command } from 'commander';
import type { ExportOptions } from '../actions/export';
import { collect } from '../flags';

/** `gradflow export`: a graph as a graph file, a PyTorch or plain-Python script, or an ONNX model. */
export function register(program: Command): void {
  program
    .command('export')
    .description(t('cli.export.description'))
    .argument('[file]', t('cli.export.args.file'))
    .option('--expr <expression>', t('cli.export.options.expr'))
    .option('--set <name=value>', t('cli.export.options.set'), collect, [])
    .option('--format <format>', t('cli.export.options.format'), 'graph')
    .option('--weights <file>', t('cli.export.options.weights'))
    .option('-o, --output <file>', t('cli.export.options.output'))
    .addHelpText('after', [
      '',
      t('cli.examples'),
      '  gradflow export --expr "(x+y)*z" --set x=-2 > xyz.json',
      '  gradflow export public/examples/xyz.json --format pytorch -o xyz.py && python3 xyz.py',
      '  gradflow export public/examples/mnist-nielsen.json --format pytorch -o net.py && python3 net.py --data DIR',
      '  gradflow export public/examples/mnist-nielsen.json --format onnx --weights w.json -o model.onnx',
    ].join('\n'))
    .action(async (file: string | undefined, options: ExportOptions) => {
      await (await import('../actions/export')).runExport(file, options);
    });
}
