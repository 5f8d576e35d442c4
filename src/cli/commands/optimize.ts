import { t } from '../../i18n';
import type { Command } from 'commander';
import { STRATEGY_METHODS } from '../../core/landscape/strategies';
import type { OptimizeFlags } from '../actions/optimize';
import { problemOptions } from './landscape';

/** `gradflow optimize`: one of the lecture's strategies on a graph or network, loss per evaluation spent. */
export function register(program: Command): void {
  problemOptions(
    program
      .command('optimize')
      .description(t('cli.optimize.description')),
  )
    .option('--method <m>', t('cli.optimize.options.method', { methods: STRATEGY_METHODS.join(', ') }))
    .option('--budget <n>', t('cli.optimize.options.budget'), '100')
    .option('--lr <eta>', t('cli.optimize.options.lr'))
    .option('--step <s>', t('cli.optimize.options.step'))
    .option('--scale <s>', t('cli.optimize.options.scale'))
    .option('--batch-size <b>', t('cli.optimize.options.batchSize'))
    .option('--seed <s>', t('cli.optimize.options.seed'), '1')
    .option('--json', t('cli.optimize.options.json'))
    .addHelpText('after', `\n${t('cli.examples')}\n  gradflow optimize public/examples/svm-lecture.json --method gd --budget 40\n  gradflow optimize public/examples/mnist-nielsen.json --method sgd --lr 3 --budget 20`)
    .action(async (file: string | undefined, flags: OptimizeFlags) => {
      await (await import('../actions/optimize')).runOptimize(file, flags);
    });
}
