/**
 * The training worker's logic, free of worker globals so it runs (and is tested) in Node too:
 * requests in, responses out through `post`, time and scheduling passed in.
 */
// Deep imports keep the worker bundle small: the core's index also brings the editor's libraries (mathjs, elkjs).
import { compileNetwork } from '../core/net/compile';
import { createNetwork } from '../core/net/network';
import { createTrainer } from '../core/net/train';
import { predict } from '../core/net/backprop';
import { parseWeights, serializeWeights } from '../core/net/weights';
import { createRng } from '../core/random';
import { GraphError, reason, reasonOf, type Reason } from '../core/graph/errors';
import { toFileValue } from '../core/format/index';
import type { Graph } from '../core/graph/types';
import type { DataSplit, Network } from '../core/net/types';
import { assertNever, type Request, type RunStatus, type TrainingSettings } from './protocol';
import { RunSlicer, type Host } from './run';
import { loadSplit } from './data';
import { checkSettings } from './settings';
import { collectResults, probabilities } from './results';
import { parameterBuffers, snapshotParameters } from './parameters';

export type { Host } from './run';

/** Minimum spacing of results (digits, confusion matrix, weights) during a run, ms. */
const RESULTS_MS = 500;

/** One worker's state: the data, the current run and the latest trained network. */
export class TrainingSession {
  private data: DataSplit | null = null;
  private run: RunSlicer | null = null;
  private network: Network | null = null;
  private graph: Graph | null = null;
  /** Epochs the latest network was trained for; null when its weights were loaded from a file. */
  private trained: number | null = null;
  private status: RunStatus = 'idle';
  /** The test image whose layer outputs the results show. */
  private inspect = 0;
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
        if (this.status !== 'running') return;
        // A slice already queued belongs to the old generation and does nothing.
        this.generation++;
        this.setStatus('paused');
        this.postParameters();
        return this.report();
      case 'resume':
        if (this.status !== 'paused' || this.run === null) return;
        this.setStatus('running');
        return this.schedule();
      case 'stop':
        if (this.status !== 'running' && this.status !== 'paused') return;
        this.generation++;
        this.postParameters();
        this.run = null;
        this.setStatus('stopped');
        return this.report();
      case 'predict':
        return this.predict(request.id, request.pixels);
      case 'saveWeights':
        if (this.network === null) return this.error('weights', 'nothing to save: train or load a network first', reason('worker.nothingToSave'));
        this.host.post({ type: 'weights', json: serializeWeights(this.network, this.graph === null ? undefined : toFileValue(this.graph)) });
        return;
      case 'loadWeights':
        return this.loadWeights(request.graph, request.json);
      case 'inspect':
        this.inspect = request.index;
        return this.report();
      default:
        return assertNever(request);
    }
  }

  private async loadData(source: Parameters<typeof loadSplit>[0]): Promise<void> {
    if (this.status === 'running' || this.status === 'paused') return this.error('data', 'stop training before changing the data', reason('worker.stopBeforeData'));
    try {
      const split = await loadSplit(source, (url) => this.host.fetchBytes(url));
      this.data = split;
      this.host.post({ type: 'dataLoaded', kind: source.kind, description: split.name, descriptionReason: split.nameReason, train: split.train.count, test: split.test.count, inputSize: split.train.inputSize });
      if (this.network !== null && this.network.spec.inputSize === split.test.inputSize) this.report();
    } catch (e) {
      this.error('data', message(e), reasonOf(e));
    }
  }

  private start(graph: Graph, settings: TrainingSettings): void {
    if (this.data === null) return this.error('training', 'no data loaded yet', reason('worker.noData'));
    const bad = checkSettings(settings);
    if (bad !== null) return this.error('training', bad.message, bad.reason);
    const network = this.compile(graph, settings.seed);
    if (network === null) return;
    if (network.spec.inputSize !== this.data.train.inputSize) {
      const place = { nodeId: network.spec.samplesNodeId };
      this.host.post({
        type: 'compileError',
        message: `the samples node has size ${network.spec.inputSize} but the data has ${this.data.train.inputSize} inputs per sample`,
        place,
        reason: reason('network.dataSize', { size: network.spec.inputSize, inputs: this.data.train.inputSize }),
      });
      return;
    }
    // L2 is not a panel setting; a graph that asks for it gets it, as in the CLI.
    const trainer = createTrainer(network, this.data.train, { ...settings, l2: graph.training?.l2 ?? 0 });
    if (this.data.test.count > 0 && this.inspect >= this.data.test.count) this.inspect = 0;
    this.generation++;
    this.network = network;
    this.graph = graph;
    let reported = -Infinity;
    this.run = new RunSlicer(this.host, trainer, this.data.test, (last) => {
      this.postParameters();
      // Fast epochs would flood the page with pictures: at most two sets a second, and always the last.
      if (!last && this.host.now() - reported < RESULTS_MS) return;
      reported = this.host.now();
      this.report();
    });
    this.setStatus('running');
    this.schedule();
  }

  /** Compiles and initialises, or posts the compile error (with its node) and returns null. */
  private compile(graph: Graph, seed: number): Network | null {
    try {
      return createNetwork(compileNetwork(graph), createRng(seed));
    } catch (e) {
      this.host.post({ type: 'compileError', message: message(e), place: e instanceof GraphError ? e.place : {}, reason: reasonOf(e) });
      return null;
    }
  }

  private schedule(): void {
    const generation = this.generation;
    this.host.later(() => {
      if (generation !== this.generation || this.status !== 'running') return;
      try {
        if (this.run?.slice() ?? true) {
          this.run = null;
          this.setStatus('done');
        } else this.schedule();
      } catch (e) {
        // A failure mid-run (e.g. a label beyond the outputs) ends the run; the network so far is kept.
        this.generation++;
        this.postParameters();
        this.run = null;
        this.setStatus('stopped');
        this.error('training', message(e), reasonOf(e));
      }
    });
  }

  /** Posts the test-set results of the latest network (grid, confusion matrix, first-layer weights). */
  private report(): void {
    if (this.network === null || this.data === null || this.network.spec.inputSize !== this.data.test.inputSize) return;
    const results = collectResults(this.network, this.data.test, this.inspect);
    this.host.post({ type: 'results', results }, [results.grid.pixels.buffer as ArrayBuffer, results.mistakes.pixels.buffer as ArrayBuffer]);
  }

  private predict(id: number, pixels: Float32Array): void {
    if (this.network === null) return this.error('predict', 'train or load a network first', reason('worker.noNetwork'));
    if (this.network.spec.inputSize !== pixels.length) return this.error('predict', `the network takes ${this.network.spec.inputSize} inputs, the pad gives ${pixels.length}`, reason('worker.padSize', { inputs: this.network.spec.inputSize, pixels: pixels.length }));
    this.host.post({ type: 'prediction', id, probabilities: probabilities(predict(this.network, pixels), this.network.spec.loss) });
  }

  private loadWeights(graph: Graph, json: string): void {
    if (this.status === 'running' || this.status === 'paused') return this.error('weights', 'stop training before loading weights', reason('worker.stopBeforeWeights'));
    try {
      const spec = compileNetwork(graph);
      this.network = parseWeights(json, spec);
      this.graph = graph;
      this.trained = null;
    } catch (e) {
      return this.error('weights', message(e), reasonOf(e));
    }
    this.setStatus('idle');
    this.postParameters();
    this.report();
  }

  /** A copy of the latest network's parameters for the lecture tools, with the epochs trained (null: loaded from a file). */
  private postParameters(): void {
    if (this.network === null) return;
    const p = this.run?.trainer.progress();
    const epoch = p === undefined ? this.trained : p.epoch + (p.epochDone ? 0 : p.samplesSeen / p.epochSamples);
    this.trained = epoch;
    const parameters = snapshotParameters(this.network, epoch);
    this.host.post({ type: 'parameters', parameters }, parameterBuffers(parameters));
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.host.post({ type: 'status', status });
  }

  private error(scope: 'data' | 'training' | 'weights' | 'predict', text: string, why?: Reason): void {
    this.host.post({ type: 'error', scope, message: text, reason: why });
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
