import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  compileNetwork, createNetwork, createRng, createTrainer, evaluateNetwork, serializeWeights, toFileValue,
  type DataSplit, type Graph, type NetworkSpec, type TrainOptions,
} from '../../core';
import { loadData } from '../data';
import { asUsage, readGraphSource } from '../graphSource';
import { UsageError } from '../usage';

interface TrainFlags {
  epochs?: string;
  batchSize?: string;
  lr?: string;
  seed?: string;
  l2?: string;
  data: string;
  save?: string;
  json?: boolean;
}

/** One epoch's line of the --json output. */
interface EpochReport {
  epoch: number;
  trainLoss: number;
  testAccuracy: number;
  correct: number;
  total: number;
  seconds: number;
}

/** Samples per trainer step between progress updates. */
const CHUNK = 2000;

function whole(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v) || v < min) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number >= ${min}`);
  return v;
}

function positive(flag: string, text: string | undefined, allowZero: boolean): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return v;
}

/** Flags over the file's training defaults over gradflow's (Nielsen's batch 10; η = 3 for mse, 0.1 otherwise). */
export function trainOptions(flags: TrainFlags, graph: Graph, spec: NetworkSpec): TrainOptions {
  const d = graph.training ?? {};
  return {
    epochs: whole('--epochs', flags.epochs, 1) ?? d.epochs ?? 30,
    batchSize: whole('--batch-size', flags.batchSize, 1) ?? d.batchSize ?? 10,
    learningRate: positive('--lr', flags.lr, false) ?? d.learningRate ?? (spec.loss === 'mse' ? 3 : 0.1),
    seed: whole('--seed', flags.seed, 0) ?? d.seed ?? 1,
    l2: positive('--l2', flags.l2, true) ?? d.l2 ?? 0,
  };
}

/** Trains, printing `Epoch k: correct / total` per epoch (or JSON at the end); returns the reports. */
function train(file: string, flags: TrainFlags): void {
  const graph = readGraphSource(file, {});
  const spec = asUsage(() => compileNetwork(graph));
  const options = trainOptions(flags, graph, spec);
  let data: DataSplit;
  try {
    data = loadData(flags.data);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--data ${flags.data}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data.train.inputSize !== spec.inputSize) {
    throw new UsageError(`${file}: samples node '${spec.samplesNodeId}' has size ${spec.inputSize} but ${data.name} images have ${data.train.inputSize} pixels`);
  }
  const network = createNetwork(spec, createRng(options.seed));
  const trainer = createTrainer(network, data.train, options);
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'epoch {epoch}/{epochs} |{bar}| {percentage}% {speed} samples/s',
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(options.epochs * data.train.count, 0, { epoch: 1, epochs: options.epochs, speed: '-' });
  const reports: EpochReport[] = [];
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
        const test = evaluateNetwork(network, data.test);
        const report = { epoch, trainLoss: progress.trainLoss, testAccuracy: test.correct / test.total, correct: test.correct, total: test.total, seconds: epochSeconds };
        reports.push(report);
        if (flags.json !== true) {
          // Keep the bar and the line apart on a terminal.
          bar.stop();
          process.stdout.write(`Epoch ${epoch}: ${test.correct} / ${test.total}\n`);
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
      throw new UsageError(`--save ${flags.save}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (flags.json === true) {
    const samplesPerSecond = Math.round((options.epochs * data.train.count) / trainSeconds);
    process.stdout.write(JSON.stringify({ epochs: reports, samplesPerSecond }) + '\n');
  }
}

/** `gradflow train`: compile a layered graph and train it by mini-batch SGD on MNIST or IDX files. */
export function register(program: Command): void {
  program
    .command('train')
    .description('Compile a layered graph (samples -> dense -> ... -> loss) and train it by mini-batch SGD, testing after each epoch.')
    .argument('<file>', 'a gradflow.graph JSON file with layer operators')
    .option('--epochs <n>', 'passes over the training set (default: the file\'s, else 30)')
    .option('--batch-size <b>', 'mini-batch size (default: the file\'s, else 10)')
    .option('--lr <eta>', 'learning rate η (default: the file\'s, else 3 for mse and 0.1 otherwise)')
    .option('--seed <s>', 'seed for initial weights and shuffles (default: the file\'s, else 1)')
    .option('--l2 <lambda>', 'L2 weight decay λ (default: the file\'s, else 0)')
    .option('--data <source>', '"mnist" (the embedded 8,000/2,000 split) or a folder with the four IDX files (plain or .gz)', 'mnist')
    .option('--save <weights>', 'write the trained weights, with the graph, to this JSON file')
    .option('--json', 'print only {"epochs": [{epoch, trainLoss, testAccuracy, correct, total, seconds}], "samplesPerSecond"}')
    .addHelpText('after', '\nExample:\n  gradflow train public/examples/mnist-nielsen.json --epochs 3')
    .action((file: string, flags: TrainFlags) => {
      train(file, flags);
    });
}
