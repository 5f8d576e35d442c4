// `gradflow optimize`, loaded when the command runs.
import { runStrategy, STRATEGY_METHODS } from '../../core/landscape/strategies';
import type { StrategyMethod, StrategyOptions } from '../../core/landscape/types';
import { positiveFlag, wholeFlag } from '../flags';
import { readGraphSource } from '../graphSource';
import { t } from '../../i18n';
import { formatNumber, jsonNumber, problemWords, table } from '../output';
import { problemOfGraph, type ProblemFlags } from '../problem';
import { UsageError } from '../usage';

/** What `gradflow optimize` reads from its command line. */
export interface OptimizeFlags extends ProblemFlags {
  method?: string;
  budget: string;
  lr?: string;
  step?: string;
  scale?: string;
  batchSize?: string;
  seed: string;
  json?: boolean;
}

/** Runs one strategy on the command line's problem and prints its loss curve. */
export async function runOptimize(file: string | undefined, flags: OptimizeFlags): Promise<void> {
  if (flags.method === undefined) throw new UsageError(t('cli.errors.methodRequired', { methods: STRATEGY_METHODS.join(', ') }));
  const method = flags.method as StrategyMethod;
  if (!STRATEGY_METHODS.includes(method)) throw new UsageError(t('cli.errors.method', { text: JSON.stringify(flags.method), methods: STRATEGY_METHODS.join(', ') }));
  const graph = await readGraphSource(file, flags);
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
  const problem = problemOfGraph(graph, flags, file);
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
  const what = t(method === 'random' || method === 'local' ? 'cli.out.optimize.bestLoss' : 'cli.out.optimize.loss');
  const ending = run.divergedAt === undefined
    ? t('cli.out.optimize.final', { loss: formatNumber(run.finalLoss), steps: run.steps })
    : t('cli.out.optimize.diverged', { step: run.divergedAt, loss: formatNumber(run.finalLoss) });
  const title = t('cli.out.optimize.title', { method: t(`cli.out.optimize.methods.${method}`), ...problemWords(problem), budget: options.budget });
  process.stdout.write(`${title}\n\n` + table([t('cli.out.optimize.point'), t('cli.out.optimize.evaluations'), what], rows) + `\n\n${ending}\n`);
}

