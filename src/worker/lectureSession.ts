/**
 * The lecture worker's logic, free of worker globals so it runs (and is tested) in Node too:
 * a request in, one response out; the data loader and the clock are passed in.
 */
// Deep imports keep the worker bundle small (the core's index also brings the editor's libraries).
import { GraphError, reason, reasonOf, type Reason } from '../core/graph/errors';
import type { Graph } from '../core/graph/types';
import { createNetwork } from '../core/net/network';
import { isLayeredGraph } from '../core/net/shapes';
import type { Dataset, Network } from '../core/net/types';
import { createRng } from '../core/random';
import { problemFromGraph } from '../core/landscape/problemGraph';
import { networkProblem } from '../core/landscape/problemNetwork';
import { svmProblem } from '../core/landscape/svm';
import { projectPath, slice1d, slice2d } from '../core/landscape/slice';
import { runStrategy } from '../core/landscape/strategies';
import { learningRateSweep } from '../core/sweep/learningRate';
import { fourEquations } from '../core/net/equations';
import type { Problem } from '../core/landscape/types';
import { loadSplit } from './data';
import { compileLayered, miniBatch, networkSeed, randomDataset, RANDOM_SAMPLES, readsDigits, sampleOf } from './lectureData';
import { networkWithParameters, type TrainedParameters, type WeightsUsed } from './parameters';
import { assertNever, type LectureRequest, type LectureResponse, type ProblemInfo, type ProblemSource } from './lectureProtocol';

/** What the session needs from its surroundings. */
export interface LectureHost {
  fetchBytes(url: string): Promise<ArrayBuffer>;
  now(): number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Answers lecture requests; keeps the digits once loaded. */
export class LectureSession {
  private digits = new Map<string, Promise<Dataset>>();

  constructor(private readonly host: LectureHost) {}

  /** Handles one request; every failure becomes an `error` response naming the problem. */
  async handle(request: LectureRequest): Promise<LectureResponse> {
    const started = this.host.now();
    const ms = (): number => Math.round(this.host.now() - started);
    try {
      switch (request.type) {
        case 'landscape': {
          const { problem, info } = await this.problem(request.source);
          const options = { steps: request.steps, range: request.range, seed: request.seed };
          if (request.dims === 1) {
            const s = slice1d(problem, options);
            return { type: 'slice1d', id: request.id, problem: info, alphas: s.alphas, losses: s.losses, centerLoss: s.centerLoss, ms: ms() };
          }
          const s = slice2d(problem, options);
          let path = null;
          if (request.path !== null) {
            const p = request.path;
            const run = runStrategy(problem, p.method, { budget: p.budget, learningRate: p.learningRate, stepSize: p.stepSize, seed: request.seed });
            const projected = projectPath(run.path, problem.initial, s.directions[0], s.directions[1]);
            path = { method: p.method, alphas: projected.alphas, betas: projected.betas, maxResidual: Math.max(0, ...projected.residuals) };
          }
          return { type: 'slice2d', id: request.id, problem: info, alphas: s.alphas, betas: s.betas, grid: s.grid, min: s.min, max: s.max, centerLoss: s.centerLoss, path, ms: ms() };
        }
        case 'strategies': {
          const { problem, info } = await this.problem(request.source);
          const st = request.settings;
          const curves = st.methods.map((method) => {
            const run = runStrategy(problem, method, { budget: st.budget, learningRate: st.learningRate, stepSize: st.stepSize, batchSize: st.batchSize, seed: st.seed, maxPath: 2 });
            return { method, evaluations: run.evaluations, losses: run.losses, finalLoss: run.finalLoss, steps: run.steps, ...(run.divergedAt === undefined ? {} : { divergedAt: run.divergedAt }) };
          });
          return { type: 'strategies', id: request.id, problem: info, curves, ms: ms() };
        }
        case 'sweep': {
          const { problem, info } = await this.problem(request.source);
          const runs = learningRateSweep(problem, request.rates, { steps: request.steps, batchSize: request.batchSize, seed: request.seed });
          return { type: 'sweep', id: request.id, problem: info, curves: runs, ms: ms() };
        }
        case 'equations': {
          const { network, data, description, dataReason, weights } = await this.network(request.graph, request.dataUrl, request.parameters);
          const batch = miniBatch(data.count, request.batchSize, request.seed);
          const equations = fourEquations(network, data, batch);
          const { input, label } = sampleOf(data, batch[0]);
          return { type: 'equations', id: request.id, equations, batch, sample: { input, label }, dataDescription: description, dataReason, weights, ms: ms() };
        }
        default:
          return assertNever(request);
      }
    } catch (error) {
      return { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), reason: reasonOf(error) };
    }
  }

  private async problem(source: ProblemSource): Promise<{ problem: Problem; info: ProblemInfo }> {
    switch (source.kind) {
      case 'svm': {
        const problem = svmProblem();
        const info: ProblemInfo = { kind: 'svm', size: problem.size, description: `the lecture's SVM example: 3 samples, 3 classes, ${problem.size} weights`, reason: reason('lecture.svm', { count: problem.size }) };
        return { problem, info };
      }
      case 'graph': {
        if (isLayeredGraph(source.graph)) throw new GraphError('this graph is a network: choose it as a network problem', {}, 'parameter', reason('parameter.network'));
        const problem = problemFromGraph(source.graph, source.inputs === undefined ? {} : { inputs: source.inputs });
        const names = Array.from({ length: Math.min(problem.size, 6) }, (_x, k) => problem.names(k)).join(', ');
        const shown = `${names}${problem.size > 6 ? ', …' : ''}`;
        const info: ProblemInfo = problem.kind === 'svm'
          ? { kind: 'svm', size: problem.size, description: `the SVM example's ${problem.size} weights, L = mean hinge loss over its ${problem.samples} samples`, reason: reason('lecture.graphSvm', { size: problem.size, samples: problem.samples }) }
          : { kind: problem.kind, size: problem.size, description: `W = ${problem.size} input${problem.size === 1 ? '' : 's'} (${shown}), L = the graph's output`, reason: reason('lecture.graph', { count: problem.size, names: shown }) };
        return { problem, info };
      }
      case 'network': {
        const { network, data, description, dataReason, weights } = await this.network(source.graph, source.dataUrl, source.parameters);
        const problem = networkProblem(network, data, { samples: source.samples });
        return {
          problem,
          info: {
            kind: 'network', size: problem.size, description: `${count(problem.size)} parameters, L on ${count(problem.samples)} ${description}`, weights,
            reason: reason('lecture.network', { parameters: count(problem.size), samples: count(problem.samples), data: dataReason }),
          },
        };
      }
      default:
        return assertNever(source);
    }
  }

  /**
   * A layered graph's network holding `parameters` (trained in the Training tab) or, without them, initialised
   * from its seed (networkSeed); with the data its samples node reads.
   */
  private async network(graph: Graph, dataUrl: string, parameters: TrainedParameters | undefined): Promise<{ network: Network; data: Dataset; description: string; dataReason: Reason; weights: WeightsUsed }> {
    const spec = compileLayered(graph);
    const seed = networkSeed(graph);
    const network = parameters === undefined ? createNetwork(spec, createRng(seed)) : networkWithParameters(spec, parameters);
    const weights: WeightsUsed = parameters === undefined ? { kind: 'initial', seed } : { kind: 'trained', epoch: parameters.epoch };
    if (readsDigits(spec)) {
      return { network, data: await this.loadDigits(dataUrl), description: 'training digits of the embedded MNIST split', dataReason: reason('lecture.digits'), weights };
    }
    const data = randomDataset(spec.inputSize, spec.outputSize, RANDOM_SAMPLES, seed);
    return { network, data, description: 'seeded random samples (the graph does not read 28x28 digits)', dataReason: reason('lecture.random'), weights };
  }

  private loadDigits(url: string): Promise<Dataset> {
    let pending = this.digits.get(url);
    if (pending === undefined) {
      pending = loadSplit({ kind: 'embedded', url }, (u) => this.host.fetchBytes(u)).then((split) => split.train);
      // A failed load is not kept, so the next request tries again.
      pending.catch(() => this.digits.delete(url));
      this.digits.set(url, pending);
    }
    return pending;
  }
}
