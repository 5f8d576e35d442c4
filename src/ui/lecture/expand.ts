/** "Expand to scalar graph": a small layered graph as its scalar graph, for one sample, opened in the editor. */
import { i18n } from '../i18n';
import { layoutGraph } from '../../core/graph/layout';
import type { Graph } from '../../core/graph/types';
import { expandToScalarGraph, MAX_SCALAR_NODES, neuronCount, scalarNodeCount } from '../../core/net/expand';
import { createNetwork } from '../../core/net/network';
import type { NetworkSpec } from '../../core/net/types';
import { createRng } from '../../core/random';
import { networkWithParameters, type TrainedParameters } from '../../worker/parameters';
import { compileLayered, miniBatch, networkSeed, randomDataset, RANDOM_SAMPLES, readsDigits, sampleOf } from '../../worker/lectureData';

/** Why a graph cannot be expanded, or null when it can. */
export function whyNotExpandable(spec: NetworkSpec): string | null {
  const nodes = scalarNodeCount(spec);
  if (nodes > MAX_SCALAR_NODES) {
    const n = (v: number): string => v.toLocaleString('en-US');
    return i18n.t('equations.tooLarge', { count: n(neuronCount(spec)), nodes: n(nodes), max: n(MAX_SCALAR_NODES) });
  }
  if (readsDigits(spec)) return i18n.t('equations.digitsTooLarge');
  return null;
}

/**
 * The scalar graph of `graph`'s network (holding `parameters`, else initialised as the lecture worker does)
 * for the first sample of the mini-batch `batchSize`/`seed` draws, laid out left to right. Throws naming why not.
 */
export async function expandedGraph(
  graph: Graph, batchSize: number, seed: number, parameters: TrainedParameters | null = null,
): Promise<{ graph: Graph; sampleIndex: number; label: number }> {
  const spec = compileLayered(graph);
  const why = whyNotExpandable(spec);
  if (why !== null) throw new Error(why);
  const network = parameters === null ? createNetwork(spec, createRng(networkSeed(graph))) : networkWithParameters(spec, parameters);
  const data = randomDataset(spec.inputSize, spec.outputSize, RANDOM_SAMPLES, networkSeed(graph));
  const first = miniBatch(data.count, batchSize, seed)[0];
  const sample = sampleOf(data, first);
  const scalar = expandToScalarGraph(graph, network, sample);
  return { graph: await layoutGraph(scalar), sampleIndex: first, label: sample.label };
}
