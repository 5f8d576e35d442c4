// `gradflow train`, loaded when the command runs.
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { toFileValue } from '../../core/format/serialize';
import type { Graph } from '../../core/graph/types';
import { compileNetwork } from '../../core/net/compile';
import { createNetwork } from '../../core/net/network';
import { createTrainer } from '../../core/net/train';
import type { EpochResult, NetworkSpec, TrainOptions } from '../../core/net/types';
import { serializeWeights } from '../../core/net/weights';
import { createRng } from '../../core/random';
import { trainOptionsFrom } from '../../core/net/defaults';
import { isOptimizerKind, optimizerFromTraining, OPTIMIZERS } from '../../core/net/optimizer';
import { loadDataFor, type DataOptions } from '../data';
import { fractionFlag, optionalFlag, positiveFlag, wholeFlag } from '../flags';
import { asUsage, readGraphSource } from '../graphSource';
import { t } from '../../i18n';
import { errorLine } from '../../i18n/refusals';
import { UsageError } from '../usage';

/** What `gradflow train` reads from its command line. */
export interface TrainFlags {
  epochs?: string;
  batchSize?: string;
  lr?: string;
  seed?: string;
  l2?: string;
  optimizer?: string;
  momentum?: string;
  data: string;
  testFraction?: string;
  standardize?: boolean;
  noise?: string;
  dataSeed?: string;
  save?: string;
  json?: boolean;
  float64?: boolean;
}

/** Samples per trainer step between progress updates. */
const CHUNK = 2000;

/** Flags over the file's training defaults over gradflow's (Nielsen's batch 10; η = 3 for mse, 0.1 otherwise). */
export function trainOptions(flags: TrainFlags, graph: Graph, spec: NetworkSpec): TrainOptions {
  const d = trainOptionsFrom(graph.training, spec.loss);
  const kind = optionalFlag(flags.optimizer, (name) => {
    if (!isOptimizerKind(name)) throw new UsageError(t('cli.errors.optimizer', { text: JSON.stringify(name), names: OPTIMIZERS.join(', ') }));
    return name;
  });
  const momentum = optionalFlag(flags.momentum, (text) => fractionFlag('--momentum', text));
  // --optimizer picks the rule with the file's hyper-parameters (else the defaults); --momentum alone implies momentum.
  let optimizer = kind === undefined || kind === d.optimizer?.kind ? d.optimizer : optimizerFromTraining({ ...graph.training, optimizer: kind });
  if (momentum !== undefined) {
    if (kind !== undefined && kind !== 'momentum') throw new UsageError(t('cli.errors.momentum', { kind }));
    optimizer = { kind: 'momentum', momentum };
  }
  return {
    epochs: optionalFlag(flags.epochs, (text) => wholeFlag('--epochs', text, 1)) ?? d.epochs,
    batchSize: optionalFlag(flags.batchSize, (text) => wholeFlag('--batch-size', text, 1)) ?? d.batchSize,
    learningRate: optionalFlag(flags.lr, (text) => positiveFlag('--lr', text)) ?? d.learningRate,
    seed: optionalFlag(flags.seed, (text) => wholeFlag('--seed', text, 0)) ?? d.seed,
    l2: optionalFlag(flags.l2, (text) => positiveFlag('--l2', text, true)) ?? d.l2,
    optimizer,
    ...(flags.float64 === true ? { kernel: 'js' as const } : {}),
  };
}

/** `--test-fraction`, `--standardize`, `--noise` and `--data-seed` (default: the training seed) for CSV and toy data. */
export function dataOptions(flags: Pick<TrainFlags, 'testFraction' | 'standardize' | 'noise' | 'dataSeed'>, seed: number): DataOptions {
  return {
    testFraction: optionalFlag(flags.testFraction, (text) => fractionFlag('--test-fraction', text)),
    standardize: flags.standardize === true,
    noise: optionalFlag(flags.noise, (text) => {
      const v = Number(text);
      if (text.trim() === '' || !(v >= 0 && v <= 1)) throw new UsageError(t('cli.errors.noise', { text: JSON.stringify(text) }));
      return v;
    }),
    seed: optionalFlag(flags.dataSeed, (text) => wholeFlag('--data-seed', text, 0)) ?? seed,
  };
}

/** Trains, printing `Epoch k: correct / total` per epoch (or JSON at the end). */
export async function runTrain(file: string, flags: TrainFlags): Promise<void> {
  const graph = await readGraphSource(file, {});
  const spec = asUsage(() => compileNetwork(graph), { file, graph });
  const options = trainOptions(flags, graph, spec);
  const data = loadDataFor(flags.data, spec, file, dataOptions(flags, options.seed));
  const network = createNetwork(spec, createRng(options.seed));
  const trainer = createTrainer(network, data.train, options);
  const bar = new SingleBar({
    stream: process.stderr,
    format: t('cli.out.train.progress'),
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(options.epochs * data.train.count, 0, { epoch: 1, epochs: options.epochs, speed: '-' });
  const reports: EpochResult[] = [];
  let trainSeconds = 0;
  let epochSeconds = 0;
  let done = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    epochSeconds = 0;
    for (;;) {
      const t0 = performance.now();
      const progress = trainer.step(CHUNK);
      const dt = (performance.now() - t0) / 1000;
      epochSeconds += dt;
      trainSeconds += dt;
      done = epoch * data.train.count + progress.samplesSeen;
      bar.update(done, { epoch: epoch + 1, speed: Math.round(progress.samplesSeen / epochSeconds).toLocaleString('en-US') });
      if (progress.epochDone) {
        const test = trainer.evaluate(data.test);
        const report = { epoch, trainLoss: progress.trainLoss, testAccuracy: test.correct / test.total, correct: test.correct, total: test.total, seconds: epochSeconds };
        reports.push(report);
        if (flags.json !== true) {
          // Keep the bar and the line apart on a terminal.
          bar.stop();
          process.stdout.write(t('cli.out.train.epoch', { epoch, correct: test.correct, total: test.total }) + '\n');
          if (epoch + 1 < options.epochs) bar.start(options.epochs * data.train.count, done, { epoch: epoch + 2, epochs: options.epochs, speed: '-' });
        }
        break;
      }
    }
  }
  bar.stop();
  if (flags.save !== undefined) {
    try {
      writeFileSync(flags.save, serializeWeights(network, toFileValue(graph)) + '\n');
    } catch (error) {
      throw new UsageError(t('cli.errors.save', { file: flags.save, problem: errorLine(error) }));
    }
  }
  if (flags.json === true) {
    const samplesPerSecond = Math.round((options.epochs * data.train.count) / trainSeconds);
    process.stdout.write(JSON.stringify({ epochs: reports, samplesPerSecond }) + '\n');
  }
}

