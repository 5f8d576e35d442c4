import { t } from '../../i18n';
import type { Command } from 'commander';
import type { ImportOptions } from '../actions/import';

/** `gradflow import`: an ONNX model as a layered graph file, with its weights. */
export function register(program: Command): void {
  program
    .command('import')
    .description(t('cli.import.description'))
    .argument('<model>', t('cli.import.args.model'))
    .option('-o, --output <file>', t('cli.import.options.output'))
    .option('--weights-out <file>', t('cli.import.options.weightsOut'))
    .addHelpText('after', `\n${t('cli.example')}\n  gradflow import model.onnx -o graph.json --weights-out weights.json`)
    .action(async (model: string, options: ImportOptions) => {
      await (await import('../actions/import')).runImport(model, options);
    });
}
