import { parseGraphValue, randomDag as coreRandomDag, SMOOTH_OPS, uniformFromState, type Graph, type GraphNode, type OpName } from '../../src/core';
import type { Params } from '../../src/core/ops/types';

export { SMOOTH_OPS };

/** One node of a chain: id, operator and optional parameters. */
export type ChainRow = [string, GraphNode['op'], Params?];

/** A chain graph samples -> ... -> loss from [id, op, params] rows, each node feeding the next one's first port. */
export function chain(rows: ChainRow[]): Graph {
  return {
    nodes: rows.map(([id, op, params]) => (params === undefined ? { id, op } : { id, op, params })),
    edges: rows.slice(1).map(([id], k) => ({ id: `e${k + 1}`, source: rows[k][0], target: id, targetPort: 0 })),
  };
}

/** A small seeded generator (the core's mulberry32) so test graphs are reproducible from a seed. */
export function seeded(seed: number): () => number {
  return uniformFromState(seed);
}

/**
 * A random DAG: `inputs` input nodes (values in [-1.5, 1.5]), then `size` operator nodes whose
 * inputs are random earlier nodes, so fan-out is common. The last node is the output; every
 * other sink feeds a final n-ary add so that everything contributes.
 */
export function randomDag(random: () => number, size: number, inputs = 3, ops: readonly OpName[] = SMOOTH_OPS): Graph {
  return coreRandomDag({ next: random }, size, { inputs, ops });
}

/**
 * A small conv network that exercises the awkward cases: "same" padding with an odd total (more below and
 * right), stride 2, tanh, a 3x3 pool at stride 2, flatten, dropout, momentum, a batch of 7.
 */
export function cnnSameGraph(training: Record<string, number | string> = {}): Graph {
  return parseGraphValue({
    format: 'gradflow.graph', version: 1,
    nodes: [
      { id: 'x', op: 'samples', params: { size: 784, shape: [1, 28, 28] } },
      { id: 'c', op: 'conv2d', params: { filters: 4, kernel: 5, stride: 2, padding: 'same', init: 'he' } },
      { id: 't', op: 'tanh' }, { id: 'm', op: 'maxpool', params: { size: 3, stride: 2 } }, { id: 'f', op: 'flatten' },
      { id: 'dr', op: 'dropout', params: { rate: 0.25 } }, { id: 'd', op: 'dense', params: { units: 10, init: 'xavier' } },
      { id: 's', op: 'sigmoid' }, { id: 'L', op: 'mse' },
    ],
    edges: [['x', 'c'], ['c', 't'], ['t', 'm'], ['m', 'f'], ['f', 'dr'], ['dr', 'd'], ['d', 's'], ['s', 'L']].map(([source, target], k) => ({ id: `e${k}`, source, target, targetPort: 0 })),
    training: { batchSize: 7, learningRate: 0.5, seed: 3, optimizer: 'momentum', momentum: 0.9, ...training },
  });
}
