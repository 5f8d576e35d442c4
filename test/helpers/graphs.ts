import { randomDag as coreRandomDag, SMOOTH_OPS, uniformFromState, type Graph, type OpName } from '../../src/core';

export { SMOOTH_OPS };

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
