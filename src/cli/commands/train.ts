import { t } from '../../i18n';
import type { Command } from 'commander';
import type { TrainFlags } from '../actions/train';

/** `gradflow train`: compile a layered graph and train it by mini-batch SGD (or momentum, or Adam) on MNIST, IDX files, CSV or toy 2-D sets. */
export function register(program: Command): void {
  program
    .command('train')
    .description(t('cli.train.description'))
    .argument('<file>', t('cli.train.args.file'))
    .option('--epochs <n>', t('cli.train.options.epochs'))
    .option('--batch-size <b>', t('cli.train.options.batchSize'))
    .option('--lr <eta>', t('cli.train.options.lr'))
    .option('--seed <s>', t('cli.train.options.seed'))
    .option('--l2 <lambda>', t('cli.train.options.l2'))
    .option('--optimizer <name>', t('cli.train.options.optimizer'))
    .option('--momentum <mu>', t('cli.train.options.momentum'))
    .option('--data <source>', t('cli.train.options.data'), 'mnist')
    .option('--test-fraction <f>', t('cli.train.options.testFraction'))
    .option('--standardize', t('cli.train.options.standardize'))
    .option('--noise <n>', t('cli.train.options.noise'))
    .option('--data-seed <s>', t('cli.train.options.dataSeed'))
    .option('--save <weights>', t('cli.train.options.save'))
    .option('--float64', t('cli.train.options.float64'))
    .option('--json', t('cli.train.options.json'))
    .addHelpText('after', `\n${t('cli.examples')}\n  gradflow train public/examples/mnist-nielsen.json --epochs 3\n  gradflow train public/examples/mnist-cnn.json --epochs 3\n  gradflow train public/examples/toy-spiral.json --data toy:spiral --noise 0.1`)
    .action(async (file: string, flags: TrainFlags) => {
      await (await import('../actions/train')).runTrain(file, flags);
    });
}
