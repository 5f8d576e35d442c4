import type { Command } from 'commander';
import { runStrategy, STRATEGY_METHODS, type StrategyMethod, type StrategyOptions } from '../../core';
import { formatNumber, jsonNumber, table } from '../output';
import { UsageError } from '../usage';
import { readGraphSource } from '../graphSource';
import { positiveFlag, problemOfGraph, problemOptions, wholeFlag, type ProblemFlags } from './landscape';

interface OptimizeFlags extends ProblemFlags {
  method?: string;
  budget: string;
  lr?: string;
  step?: string;
  scale?: string;
  batchSize?: string;
  seed: string;
  json?: boolean;
}

const METHOD_NAMES: Record<StrategyMethod, string> = {
  random: 'random search',
  local: 'random local search',
  gd: 'gradient descent (full batch)',
  sgd: 'mini-batch SGD',
};

function optimize(file: string | undefined, flags: OptimizeFlags): void {
  if (flags.method === undefined) throw new UsageError(`--method is required: one of ${STRATEGY_METHODS.join(', ')}`);
  const method = flags.method as StrategyMethod;
  if (!STRATEGY_METHODS.includes(method)) throw new UsageError(`--method ${JSON.stringify(flags.method)}: expected one of ${STRATEGY_METHODS.join(', ')}`);
  const graph = readGraphSource(file, flags);
  // A layered graph's own training defaults (η, batch size) apply unless a flag says otherwise.
  const training = graph.training ?? {};
  const learningRate = flags.lr === undefined ? training.learningRate : positiveFlag('--lr', flags.lr);
  const batchSize = flags.batchSize === undefined ? training.batchSize : wholeFlag('--batch-size', flags.batchSize, 1);
  const options: StrategyOptions = {
    // The command prints losses only: keep no more of the path than its two ends.
    maxPath: 2,
    budget: wholeFlag('--budget', flags.budget, 1),
    seed: wholeFlag('--seed', flags.seed, 0),
    ...(learningRate === undefined ? {} : { learningRate }),
    ...(flags.step === undefined ? {} : { stepSize: positiveFlag('--step', flags.step) }),
    ...(flags.scale === undefined ? {} : { scale: positiveFlag('--scale', flags.scale) }),
    ...(batchSize === undefined ? {} : { batchSize }),
  };
  const problem = problemOfGraph(graph, flags);
  const run = runStrategy(problem, method, options);
  if (flags.json === true) {
    process.stdout.write(JSON.stringify({
      method, kind: problem.kind, parameters: problem.size, budget: options.budget, steps: run.steps,
      evaluations: Array.from(run.evaluations), losses: Array.from(run.losses, jsonNumber),
      finalLoss: jsonNumber(run.finalLoss), ...(run.divergedAt === undefined ? {} : { divergedAt: run.divergedAt }),
    }) + '\n');
    return;
  }
  const rows = Array.from(run.losses, (loss, k) => [String(k), formatNumber(run.evaluations[k]), formatNumber(loss)]);
  const what = method === 'random' || method === 'local' ? 'best loss so far' : 'loss';
  const ending = run.divergedAt === undefined ? `final loss ${formatNumber(run.finalLoss)} after ${run.steps} steps` : `diverged at step ${run.divergedAt} (loss ${formatNumber(run.finalLoss)})`;
  process.stdout.write(`${METHOD_NAMES[method]} on ${problem.kind} (${problem.size} parameters), budget ${options.budget} loss evaluations\n\n`
    + table(['point', 'evaluations', what], rows) + `\n\n${ending}\n`);
}

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
    .action((file: string | undefined, flags: OptimizeFlags) => {
      optimize(file, flags);
    });
}
