import { createRng, shuffleInPlace, type Rng } from '../random';
import { reason, ReasonedError } from '../graph/errors';
import { createOptimizer, optimizerRefusal } from './optimizer';
import { checkData, engineFor } from './backprop';
import { loadSample, syncIn, syncOut, type Engine } from './engine';
import { evaluateNetwork, scoreSamples } from './evaluate';
import { backward } from './backward';
import { createConvF32 } from './convF32';
import { forward } from './forward';
import { loss } from './loss';
import type { Dataset, Network, NetworkEvaluation, TrainOptions, TrainProgress, Trainer } from './types';

/** Throws on settings SGD cannot use. */
export function checkTrainOptions(options: TrainOptions): void {
  const whole = (name: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1) throw new ReasonedError(`${name} must be a whole number >= 1, got ${v}`, reason('options.trainWhole', { name, value: v }));
  };
  whole('epochs', options.epochs);
  whole('batchSize', options.batchSize);
  if (!Number.isFinite(options.learningRate) || options.learningRate <= 0) throw new ReasonedError(`learningRate must be a positive number, got ${options.learningRate}`, reason('options.trainLearningRate', { value: options.learningRate }));
  if (!Number.isFinite(options.seed)) throw new ReasonedError(`seed must be a number, got ${options.seed}`, reason('options.trainSeed', { value: options.seed }));
  const l2 = options.l2 ?? 0;
  if (!Number.isFinite(l2) || l2 < 0) throw new ReasonedError(`l2 must be a number >= 0, got ${l2}`, reason('options.trainL2', { value: l2 }));
  const problem = options.optimizer ? optimizerRefusal(options.optimizer) : null;
  if (problem !== null) throw new ReasonedError(problem.text, problem.reason);
}

/** The dropout generator of a trainer: its own stream, so dropout does not change the shuffles. */
export function dropoutRng(seed: number): Rng {
  return createRng((Math.trunc(seed) ^ 0x2545f491) >>> 0);
}

/** The shuffle generator of a trainer: derived from the seed so it differs from the init stream. */
export function shuffleRng(seed: number): Rng {
  return createRng((Math.trunc(seed) ^ 0x5f3759df) >>> 0);
}

/**
 * Mini-batch training in chunks: each epoch shuffles the training set (seeded), walks it in batches of
 * batchSize and after each batch moves every parameter by the optimiser's rule on the batch-mean
 * gradient (plain SGD: −η/m Σ gradients, Nielsen's update_mini_batch). Dropout is on while training.
 */
export function createTrainer(network: Network, train: Dataset, options: TrainOptions): Trainer {
  checkTrainOptions(options);
  checkData(network, train);
  if (train.count === 0) throw new ReasonedError('the training set is empty', reason('options.emptyTrainingSet'));
  const e = engineFor(network, options.kernel ?? 'auto');
  const rng = shuffleRng(options.seed);
  const order = new Uint32Array(train.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const n = network.spec.inputSize;
  // Columns of the first dense layer's weights that the batch's non-zero pixels touched.
  const touched = new Uint8Array(n);
  const touchedList = new Int32Array(n);
  let touchedCount = 0;
  const l2 = options.l2 ?? 0;
  const optimizer = createOptimizer(options.optimizer ?? { kind: 'sgd' }, options.learningRate,
    network.dense.flatMap((d) => [d.weights.length, d.biases.length]), l2, train.count);
  // Plain SGD without L2 leaves the columns of pixels no sample of the batch lit untouched: skip them.
  const sparseFirst = e.w0T !== null && l2 === 0 && optimizer.sparse;
  const cache = e.sparseInput ? sparseCache(train) : null;
  const drop = dropoutRng(options.seed);
  // A network that starts with convolutions trains them in float32 SIMD (convF32.ts) unless kernel is 'js'.
  const convF32 = createConvF32(e, options.kernel ?? 'auto');
  for (const g of e.gW) g.fill(0);
  for (const g of e.gB) g.fill(0);

  let epoch = 0;
  let seen = 0;
  let lossSum = 0;
  let last: TrainProgress = { epoch: 0, epochDone: false, samplesSeen: 0, epochSamples: train.count, trainLoss: 0, done: false };

  const touchedBlocks = { list: touchedList, count: 0, block: 1 };
  const update = (m: number): void => {
    optimizer.nextStep();
    network.dense.forEach((d, k) => {
      optimizer.apply(2 * k + 1, d.biases, e.gB[k], m, false);
      if (k === 0 && e.w0T) {
        // The first layer's weights are transposed: one column of units per pixel.
        touchedBlocks.count = touchedCount;
        touchedBlocks.block = d.units;
        optimizer.apply(2 * k, e.w0T, e.gW[k], m, true, sparseFirst ? touchedBlocks : undefined);
      } else optimizer.apply(2 * k, d.weights, e.gW[k], m, true);
    });
    for (let t = 0; t < touchedCount; t++) touched[touchedList[t]] = 0;
    touchedCount = 0;
  };

  const runBatch = (engine: Engine, from: number, to: number): void => {
    convF32?.loadWeights();
    for (let s = from; s < to; s++) {
      const i = order[s];
      if (cache) {
        engine.nz = cache.index;
        engine.nzv = cache.value;
        engine.nz0 = cache.start[i];
        engine.nnz = cache.start[i + 1] - engine.nz0;
      } else loadSample(engine, train, i);
      if (sparseFirst) {
        for (let q = engine.nz0; q < engine.nz0 + engine.nnz; q++) {
          const p = engine.nz[q];
          if (!touched[p]) {
            touched[p] = 1;
            touchedList[touchedCount++] = p;
          }
        }
      }
      if (convF32) lossSum += convF32.trainSample(train.labels[i]);
      else {
        forward(engine);
        lossSum += loss(engine, train.labels[i], true);
        backward(engine);
      }
    }
    convF32?.addGradients();
    update(to - from);
  };

  return {
    network,
    options,
    step(maxSamples: number): TrainProgress {
      if (epoch >= options.epochs) return (last = { ...last, epochDone: false, done: true });
      if (seen === 0) {
        shuffleInPlace(order, rng);
        lossSum = 0;
      }
      // The network's arrays are the truth between steps (the page may read or replace them).
      syncIn(e);
      e.dropout = 'sample';
      e.rng = drop;
      const goal = Math.min(train.count, seen + Math.max(1, maxSamples));
      while (seen < goal) {
        const to = Math.min(train.count, seen + options.batchSize);
        runBatch(e, seen, to);
        seen = to;
      }
      syncOut(e);
      e.dropout = 'off';
      const trainLoss = lossSum / seen;
      const samplesSeen = seen;
      const epochDone = seen >= train.count;
      if (epochDone) {
        epoch++;
        seen = 0;
      }
      last = { epoch, epochDone, samplesSeen, epochSamples: train.count, trainLoss, done: epoch >= options.epochs };
      return last;
    },
    progress: () => last,
    evaluate(data: Dataset): NetworkEvaluation {
      if (!convF32) return evaluateNetwork(network, data, options.kernel ?? 'auto');
      checkData(network, data);
      convF32.loadWeights();
      return scoreSamples(e, data, convF32.forwardSample);
    },
  };
}

/** The non-zero pixels of every sample (CSR), when they fit in a modest amount of memory. */
interface SparseCache {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

/** Most non-zero pixels cached (12 bytes each): the embedded 8,000 digits need about 1.2 million. */
const MAX_CACHED_PIXELS = 4_000_000;

function sparseCache(data: Dataset): SparseCache | null {
  const { images, count, inputSize } = data;
  const total = count * inputSize;
  let nnz = 0;
  for (let p = 0; p < total; p++) if (images[p] !== 0) nnz++;
  if (nnz > MAX_CACHED_PIXELS) return null;
  const scale = images instanceof Uint8Array ? 1 / 255 : 1;
  const start = new Int32Array(count + 1);
  const index = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < count; i++) {
    start[i] = at;
    const base = i * inputSize;
    for (let p = 0; p < inputSize; p++) {
      const v = images[base + p];
      if (v !== 0) {
        index[at] = p;
        value[at++] = v * scale;
      }
    }
  }
  start[count] = at;
  return { start, index, value };
}
