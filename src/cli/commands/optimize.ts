import type { Command } from 'commander';
import { STRATEGY_METHODS } from '../../core/landscape/strategies';
import type { OptimizeFlags } from '../actions/optimize';
import { problemOptions } from './landscape';

/** `gradflow optimize`: one of the lecture's strategies on a graph or network, loss per evaluation spent. */
export function register(program: Command): void {
  problemOptions(
    program
      .command('optimize')
      .description('Minimise the loss by random search, random local search, gradient descent or mini-batch SGD with a budget of loss evaluations (a gradient costs 2).'),
  )
    .option('--method <m>', `one of ${STRATEGY_METHODS.join(', ')}`)
    .option('--budget <n>', 'loss evaluations to spend (one forward pass over the data each)', '100')
    .option('--lr <eta>', 'learning rate of gd and sgd (default: the file\'s training.learningRate, else 0.1)')
    .option('--step <s>', 'step size of random local search (default 0.1)')
    .option('--scale <s>', 'random search draws W ~ N(0, s²) (default 1)')
    .option('--batch-size <b>', 'sgd mini-batch size (default: the file\'s training.batchSize, else 1 for up to 10 samples, else 10)')
    .option('--seed <s>', 'seed of the random choices', '1')
    .option('--json', 'print JSON: {method, kind, parameters, budget, steps, evaluations, losses, finalLoss, divergedAt?}')
    .addHelpText('after', '\nExamples:\n  gradflow optimize public/examples/svm-lecture.json --method gd --budget 40\n  gradflow optimize public/examples/mnist-nielsen.json --method sgd --lr 3 --budget 20')
    .action(async (file: string | undefined, flags: OptimizeFlags) => {
      await (await import('../actions/optimize')).runOptimize(file, flags);
    });
}
