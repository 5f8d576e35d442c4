/** One training run cut into slices: steps the trainer, measures its speed, posts curve points, epochs and progress. */
import type { Dataset, NetworkEvaluation, Trainer } from '../core/net/types';
import type { CurvePoint, Response } from './protocol';

/** What the worker logic needs from its host (a worker, or a test). */
export interface Host {
  post(message: Response, transfer?: Transferable[]): void;
  /** Milliseconds from any fixed origin. */
  now(): number;
  /** Runs `fn` soon, after pending messages (pause, stop, predict) had their turn. */
  later(fn: () => void): void;
  fetchBytes(url: string): Promise<ArrayBuffer>;
}

/** Training work per slice before the worker yields to pending messages. */
const SLICE_MS = 40;
/** Minimum spacing of progress messages between curve points. */
const PROGRESS_MS = 150;
/** Curve points (each with a test-accuracy measurement) per epoch. */
const POINTS_PER_EPOCH = 4;
/** Samples per trainer.step call inside a slice. */
const CHUNK = 250;

/** The slicing of one run; `onEpochEnd(last)` lets the session post its results after an epoch. */
export class RunSlicer {
  /** Training time of the current epoch (ms), without the test evaluations. */
  private epochMs = 0;
  /** The latest measured speed, samples per second. */
  private speed = 0;
  /** Loss sum and samples of this epoch at its last curve point. */
  private pointLoss = 0;
  private pointSeen = 0;
  private lastProgress = -Infinity;

  constructor(
    private readonly host: Host,
    readonly trainer: Trainer,
    private readonly test: Dataset,
    private readonly onEpochEnd: (last: boolean) => void,
  ) {}

  /** Trains for about SLICE_MS; returns true once every epoch is done. */
  slice(): boolean {
    const started = this.host.now();
    const perEpoch = this.trainer.progress().epochSamples;
    const pointEvery = Math.ceil(perEpoch / POINTS_PER_EPOCH);
    do {
      const before = this.host.now();
      const last = this.trainer.progress();
      const seen = last.epochDone ? 0 : last.samplesSeen;
      const nextPoint = Math.min(perEpoch, (Math.floor(seen / pointEvery) + 1) * pointEvery);
      const p = this.trainer.step(Math.min(CHUNK, nextPoint - seen));
      this.epochMs += this.host.now() - before;
      if (p.samplesSeen >= nextPoint || p.epochDone) {
        const test = this.point(p.epoch + (p.epochDone ? 0 : p.samplesSeen / perEpoch), p.trainLoss, p.samplesSeen);
        if (p.epochDone) this.endEpoch(p.epoch, p.trainLoss, test, p.done);
      }
      if (p.done) return true;
    } while (this.host.now() - started < SLICE_MS);
    if (this.host.now() - this.lastProgress >= PROGRESS_MS) this.progress([]);
    return false;
  }

  /** A curve point: the mean training loss since the last point, and the test accuracy now (returned). */
  private point(x: number, epochLoss: number, seen: number): NetworkEvaluation {
    const lossSum = epochLoss * seen;
    const trainLoss = (lossSum - this.pointLoss) / Math.max(1, seen - this.pointSeen);
    this.pointLoss = lossSum;
    this.pointSeen = seen;
    const test = this.trainer.evaluate(this.test);
    this.progress([{ x, trainLoss, testAccuracy: test.correct / test.total }]);
    return test;
  }

  /** network.py's line for the epoch (scored by the epoch's last curve point), then the session's results. */
  private endEpoch(epoch: number, trainLoss: number, test: NetworkEvaluation, last: boolean): void {
    const result = { epoch, trainLoss, testAccuracy: test.correct / test.total, correct: test.correct, total: test.total, seconds: this.epochMs / 1000 };
    this.host.post({ type: 'epoch', result });
    this.epochMs = 0;
    this.pointLoss = 0;
    this.pointSeen = 0;
    this.onEpochEnd(last);
  }

  private progress(points: CurvePoint[]): void {
    const p = this.trainer.progress();
    const seen = p.epochDone ? p.epochSamples : p.samplesSeen;
    const epoch = p.epochDone ? p.epoch : p.epoch + 1;
    if (this.epochMs > 0 && seen > 0) this.speed = (seen / this.epochMs) * 1000;
    this.lastProgress = this.host.now();
    const progress = { epoch, epochs: this.trainer.options.epochs, seen, perEpoch: p.epochSamples, samplesPerSecond: this.speed };
    this.host.post({ type: 'progress', progress, points });
  }
}
