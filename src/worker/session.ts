/**
 * The training worker's logic, free of worker globals so it runs (and is tested) in Node too:
 * requests in, responses out through `post`, time and scheduling passed in.
 */
import { compileNetwork } from '../core/net/compile';
import { createNetwork } from '../core/net/network';
import { createTrainer } from '../core/net/train';
import { evaluateNetwork } from '../core/net/evaluate';
import { predict } from '../core/net/backprop';
import { parseWeights, serializeWeights } from '../core/net/weights';
import { createRng } from '../core/random';
import { GraphError } from '../core/graph/errors';
import { toFileValue } from '../core/format/index';
import type { Graph } from '../core/graph/types';
import type { DataSplit, Network, Trainer } from '../core/net/types';
import { assertNever, type CurvePoint, type Request, type Response, type RunStatus, type TrainingSettings } from './protocol';
import { loadSplit } from './data';
import { checkSettings } from './settings';
import { collectResults, probabilities } from './results';

/** What the session needs from its host (a worker, or a test). */
export interface Host {
  post(message: Response, transfer?: Transferable[]): void;
  /** Milliseconds from any fixed origin. */
  now(): number;
  /** Runs `fn` soon, after pending messages (setTimeout 0 in a worker). */
  later(fn: () => void): void;
  fetchBytes(url: string): Promise<ArrayBuffer>;
}

/** Training work per slice before the session yields to pending messages (pause, stop, predict). */
const SLICE_MS = 40;
/** Minimum spacing of progress messages. */
const PROGRESS_MS = 150;
/** Curve points (with a test-accuracy measurement) per epoch. */
const POINTS_PER_EPOCH = 4;
/** Samples per trainer.step call inside a slice. */
const CHUNK = 250;

interface Run {
  graph: Graph;
  settings: TrainingSettings;
  trainer: Trainer;
  /** Training time of the current epoch, ms. */
  epochMs: number;
  /** Loss sum and samples at the last curve point of this epoch. */
  pointLoss: number;
  pointSeen: number;
  lastProgress: number;
}

/** One worker's state: the data, the current run and the latest trained network. */
export class TrainingSession {
  private data: DataSplit | null = null;
  private run: Run | null = null;
  private network: Network | null = null;
  private graph: Graph | null = null;
  private status: RunStatus = 'idle';
  /** Bumped on every start/stop so a stale scheduled slice does nothing. */
  private generation = 0;

  constructor(private readonly host: Host) {}

  /** Handles one request from the page. */
  async handle(request: Request): Promise<void> {
    switch (request.type) {
      case 'loadData':
        return this.loadData(request.source);
      case 'start':
        return this.start(request.graph, request.settings);
      case 'pause':
        if (this.status === 'running') this.setStatus('paused');
        return this.report();
      case 'resume':
        if (this.status !== 'paused' || this.run === null) return;
        this.setStatus('running');
        return this.schedule();
      case 'stop':
        if (this.status !== 'running' && this.status !== 'paused') return;
        this.generation++;
        this.run = null;
        this.setStatus('stopped');
        return this.report();
      case 'predict':
        return this.predict(request.id, request.pixels);
      case 'saveWeights':
        if (this.network === null) return this.error('weights', 'nothing to save: train or load a network first');
        this.host.post({ type: 'weights', json: serializeWeights(this.network, this.graph === null ? undefined : toFileValue(this.graph)) });
        return;
      case 'loadWeights':
        return this.loadWeights(request.graph, request.json);
      default:
        return assertNever(request);
    }
  }

  private async loadData(source: Parameters<typeof loadSplit>[0]): Promise<void> {
    if (this.status === 'running' || this.status === 'paused') return this.error('data', 'stop training before changing the data');
    try {
      const split = await loadSplit(source, (url) => this.host.fetchBytes(url));
      this.data = split;
      this.host.post({ type: 'dataLoaded', kind: source.kind, description: split.name, train: split.train.count, test: split.test.count, inputSize: split.train.inputSize });
      if (this.network !== null && this.network.spec.inputSize === split.test.inputSize) this.report();
    } catch (e) {
      this.error('data', message(e));
    }
  }

  private start(graph: Graph, settings: TrainingSettings): void {
    if (this.data === null) return this.error('training', 'no data loaded yet');
    const bad = checkSettings(settings);
    if (bad !== null) return this.error('training', bad);
    const network = this.compile(graph, settings.seed);
    if (network === null) return;
    if (network.spec.inputSize !== this.data.train.inputSize) {
      const place = { nodeId: network.spec.samplesNodeId };
      this.host.post({ type: 'compileError', message: `the samples node has size ${network.spec.inputSize} but the data has ${this.data.train.inputSize} inputs per sample`, place });
      return;
    }
    const trainer = createTrainer(network, this.data.train, { ...settings });
    this.generation++;
    this.network = network;
    this.graph = graph;
    this.run = { graph, settings, trainer, epochMs: 0, pointLoss: 0, pointSeen: 0, lastProgress: -Infinity };
    this.setStatus('running');
    this.schedule();
  }

  /** Compiles and initialises, or posts the compile error (with its node) and returns null. */
  private compile(graph: Graph, seed: number): Network | null {
    try {
      return createNetwork(compileNetwork(graph), createRng(seed));
    } catch (e) {
      this.host.post({ type: 'compileError', message: message(e), place: e instanceof GraphError ? e.place : {} });
      return null;
    }
  }

  private schedule(): void {
    const generation = this.generation;
    this.host.later(() => {
      if (generation !== this.generation || this.status !== 'running') return;
      try {
        this.slice();
      } catch (e) {
        // A failure mid-run (e.g. a label beyond the outputs) ends the run; the network so far is kept.
        this.generation++;
        this.run = null;
        this.setStatus('stopped');
        this.error('training', message(e));
      }
    });
  }

  /** Trains for about SLICE_MS, posting curve points, epochs and progress, then yields. */
  private slice(): void {
    const run = this.run;
    const data = this.data;
    if (run === null || data === null) return;
    const started = this.host.now();
    const perEpoch = data.train.count;
    const pointEvery = Math.ceil(perEpoch / POINTS_PER_EPOCH);
    while (this.host.now() - started < SLICE_MS) {
      const before = this.host.now();
      const seen = run.trainer.progress().epochDone ? 0 : run.trainer.progress().samplesSeen;
      const nextPoint = Math.min(perEpoch, (Math.floor(seen / pointEvery) + 1) * pointEvery);
      const p = run.trainer.step(Math.min(CHUNK, nextPoint - seen));
      run.epochMs += this.host.now() - before;
      if (p.samplesSeen >= nextPoint || p.epochDone) this.point(run, p.epoch + (p.epochDone ? 0 : p.samplesSeen / perEpoch), p.trainLoss, p.samplesSeen);
      if (p.epochDone) this.endEpoch(run, p.epoch, p.trainLoss);
      if (p.done) {
        this.run = null;
        this.setStatus('done');
        return;
      }
    }
    const now = this.host.now();
    if (now - run.lastProgress >= PROGRESS_MS) this.progress(run, []);
    this.schedule();
  }

  /** A curve point: the mean training loss since the last point, and the test accuracy now. */
  private point(run: Run, x: number, epochLoss: number, seen: number): void {
    const data = this.data as DataSplit;
    const lossSum = epochLoss * seen;
    const trainLoss = (lossSum - run.pointLoss) / Math.max(1, seen - run.pointSeen);
    run.pointLoss = lossSum;
    run.pointSeen = seen;
    const test = evaluateNetwork(run.trainer.network, data.test);
    this.progress(run, [{ x, trainLoss, testAccuracy: test.correct / test.total }]);
  }

  private endEpoch(run: Run, epoch: number, trainLoss: number): void {
    const test = evaluateNetwork(run.trainer.network, (this.data as DataSplit).test);
    const seconds = run.epochMs / 1000;
    this.host.post({ type: 'epoch', result: { epoch, trainLoss, testAccuracy: test.correct / test.total, correct: test.correct, total: test.total, seconds } });
    run.epochMs = 0;
    run.pointLoss = 0;
    run.pointSeen = 0;
    this.report();
  }

  private progress(run: Run, points: CurvePoint[]): void {
    const p = run.trainer.progress();
    const seen = p.epochDone ? p.epochSamples : p.samplesSeen;
    const epoch = p.epochDone ? p.epoch : p.epoch + 1;
    const samplesPerSecond = run.epochMs > 0 ? (seen / run.epochMs) * 1000 : 0;
    run.lastProgress = this.host.now();
    this.host.post({ type: 'progress', progress: { epoch, epochs: run.settings.epochs, seen, perEpoch: p.epochSamples, samplesPerSecond }, points });
  }

  /** Posts the test-set results of the latest network (grid, confusion matrix, first-layer weights). */
  private report(): void {
    if (this.network === null || this.data === null || this.network.spec.inputSize !== this.data.test.inputSize) return;
    const results = collectResults(this.network, this.data.test);
    this.host.post({ type: 'results', results }, [results.grid.pixels.buffer as ArrayBuffer, results.mistakes.pixels.buffer as ArrayBuffer]);
  }

  private predict(id: number, pixels: Float32Array): void {
    if (this.network === null) return this.error('predict', 'train or load a network first');
    if (this.network.spec.inputSize !== pixels.length) return this.error('predict', `the network takes ${this.network.spec.inputSize} inputs, the pad gives ${pixels.length}`);
    this.host.post({ type: 'prediction', id, probabilities: probabilities(predict(this.network, pixels), this.network.spec.loss) });
  }

  private loadWeights(graph: Graph, json: string): void {
    if (this.status === 'running' || this.status === 'paused') return this.error('weights', 'stop training before loading weights');
    try {
      const spec = compileNetwork(graph);
      this.network = parseWeights(json, spec);
      this.graph = graph;
    } catch (e) {
      return this.error('weights', message(e));
    }
    this.setStatus('idle');
    this.report();
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.host.post({ type: 'status', status });
  }

  private error(scope: 'data' | 'training' | 'weights' | 'predict', text: string): void {
    this.host.post({ type: 'error', scope, message: text });
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
