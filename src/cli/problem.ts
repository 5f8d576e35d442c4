// The problem a graph file stands for, shared by `landscape` and `optimize`; loaded when one of them runs.
import { readFileSync } from 'node:fs';
import type { Graph } from '../core/graph/types';
import { problemFromGraph } from '../core/landscape/problemGraph';
import { networkProblem } from '../core/landscape/problemNetwork';
import type { Problem } from '../core/landscape/types';
import { compileNetwork } from '../core/net/compile';
import { createNetwork } from '../core/net/network';
import { isLayeredGraph } from '../core/net/shapes';
import { parseWeights } from '../core/net/weights';
import { createRng } from '../core/random';
import { loadDataFor } from './data';
import { asUsage, readGraphSource, type GraphSourceOptions } from './graphSource';
import { wholeFlag } from './flags';
import { t } from '../i18n';
import { errorLine } from '../i18n/refusals';
import { UsageError } from './usage';

/** Flags that say which problem a file stands for (shared with `optimize`). */
export interface ProblemFlags extends GraphSourceOptions {
  data: string;
  samples: string;
  weights?: string;
}

/**
 * The problem a file stands for: a layered graph is compiled into a network (weights from --weights,
 * else initialised from the file's seed) with L on the first --samples training samples of --data;
 * the SVM example uses its inline data; any other graph is a scalar problem over its inputs.
 */
export async function problemFromFlags(file: string | undefined, flags: ProblemFlags): Promise<Problem> {
  return problemOfGraph(await readGraphSource(file, flags), flags, file);
}

/** As problemFromFlags, for a graph already read (from `file`, which refusals name). */
export function problemOfGraph(graph: Graph, flags: ProblemFlags, file?: string): Problem {
  if (!isLayeredGraph(graph)) {
    if (flags.weights !== undefined) throw new UsageError(t('cli.errors.weightsLayered'));
    return asUsage(() => problemFromGraph(graph), { file, graph });
  }
  const samples = wholeFlag('--samples', flags.samples, 1);
  const spec = asUsage(() => compileNetwork(graph), { file, graph });
  let network;
  if (flags.weights !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.weights, 'utf8');
    } catch {
      throw new UsageError(t('cli.errors.weightsUnreadable', { file: flags.weights }));
    }
    try {
      network = parseWeights(text, spec);
    } catch (error) {
      throw new UsageError(t('cli.errors.weights', { file: flags.weights, problem: errorLine(error) }));
    }
  } else {
    network = createNetwork(spec, createRng(graph.training?.seed ?? 1));
  }
  const split = loadDataFor(flags.data, spec);
  try {
    return networkProblem(network, split.train, { samples });
  } catch (error) {
    throw new UsageError(errorLine(error));
  }
}

