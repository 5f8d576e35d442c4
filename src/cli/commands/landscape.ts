import { t } from '../../i18n';
import type { Command } from 'commander';
import type { LandscapeFlags } from '../actions/landscape';
import { collect } from '../flags';

/** Adds the problem flags to a command. */
export function problemOptions(command: Command): Command {
  return command
    .argument('[file]', t('cli.landscape.args.file'))
    .option('--expr <expression>', t('cli.landscape.options.expr'))
    .option('--set <name=value>', t('cli.landscape.options.set'), collect, [])
    .option('--data <source>', t('cli.landscape.options.data'), 'mnist')
    .option('--samples <n>', t('cli.landscape.options.samples'), '500')
    .option('--weights <file>', t('cli.landscape.options.weights'));
}

/** `gradflow landscape`: a 1-D slice or 2-D map of a graph's or network's loss around its current W. */
export function register(program: Command): void {
  problemOptions(
    program
      .command('landscape')
      .description(t('cli.landscape.description')),
  )
    .option('--dims <1|2>', t('cli.landscape.options.dims'), '2')
    .option('--steps <n>', t('cli.landscape.options.steps'))
    .option('--range <r>', t('cli.landscape.options.range'), '1')
    .option('--seed <s>', t('cli.landscape.options.seed'), '1')
    .option('--json', t('cli.landscape.options.json'))
    .addHelpText('after', `\n${t('cli.examples')}\n  gradflow landscape public/examples/svm-lecture.json --dims 1 --range 3\n  gradflow landscape public/examples/mnist-nielsen.json --dims 2 --samples 500`)
    .action(async (file: string | undefined, flags: LandscapeFlags) => {
      await (await import('../actions/landscape')).runLandscape(file, flags);
    });
}
