import type { Evaluation } from './evaluate';

/** One input of a node during the forward pass. */
export interface ForwardInput {
  edgeId: string;
  sourceId: string;
  port: number;
  value: number;
}

/** The forward pass at one node: its inputs arrive and its value is computed. */
export interface ForwardStep {
  kind: 'forward';
  nodeId: string;
  inputs: ForwardInput[];
  value: number;
}

/** One input edge of a node during the backward pass: upstream × local = downstream. */
export interface BackwardInput {
  edgeId: string;
  sourceId: string;
  port: number;
  /** d node / d this input. */
  localGrad: number;
  /** upstream × localGrad: what the edge carries back to its source. */
  grad: number;
  /** The source's gradient so far: the sum of the gradients its outgoing edges have carried back up to this one (fan-out). */
  sourceGrad: number;
  /** How many of the source's outgoing edges that sum holds, and how many it will hold when the pass is complete. */
  sourceTerms: number;
  sourceTermsTotal: number;
}

/** The backward pass at one node: its gradient is final and is sent down each input edge. */
export interface BackwardStep {
  kind: 'backward';
  nodeId: string;
  /** d output / d node, complete once every consumer has been stepped. */
  upstream: number;
  inputs: BackwardInput[];
}

export type Step = ForwardStep | BackwardStep;

function connectedInputs<T>(evaluation: Evaluation, i: number, make: (edge: number, slot: number) => T): T[] {
  const { program } = evaluation;
  const inputs: T[] = [];
  for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
    const e = program.slotEdge[s];
    if (e >= 0) inputs.push(make(e, s));
  }
  return inputs;
}

/** The forward pass as steps, one node each, in topological order. */
export function forwardSteps(evaluation: Evaluation): ForwardStep[] {
  const { program } = evaluation;
  return Array.from(program.order, (i) => ({
    kind: 'forward' as const,
    nodeId: program.ids[i],
    value: evaluation.values[i],
    inputs: connectedInputs(evaluation, i, (e, s) => ({
      edgeId: program.graph.edges[e].id,
      sourceId: program.graph.edges[e].source,
      port: s - program.slotStart[i],
      value: evaluation.edgeValue[e],
    })),
  }));
}

/**
 * The backward pass as steps, one node each in reverse topological order, starting at the
 * output (upstream gradient 1) and visiting only the nodes the output depends on. Each input
 * carries its source's running gradient, so a node that fans out shows its sum growing edge by
 * edge; the last term is the source's gradient (the sum runs in the evaluator's order).
 */
export function backwardSteps(evaluation: Evaluation): BackwardStep[] {
  const { program } = evaluation;
  if (program.output < 0) return [];
  const needed = new Uint8Array(program.ids.length);
  needed[program.output] = 1;
  const running = new Float64Array(program.ids.length);
  const terms = new Int32Array(program.ids.length);
  const steps: BackwardStep[] = [];
  for (let k = program.rank[program.output]; k >= 0; k--) {
    const i = program.order[k];
    if (!needed[i]) continue;
    const inputs = connectedInputs(evaluation, i, (e, s) => {
      const source = program.slotSrc[s];
      needed[source] = 1;
      running[source] += evaluation.edgeGrad[e];
      terms[source]++;
      return {
        edgeId: program.graph.edges[e].id,
        sourceId: program.graph.edges[e].source,
        port: s - program.slotStart[i],
        localGrad: evaluation.edgeLocalGrad[e],
        grad: evaluation.edgeGrad[e],
        sourceGrad: running[source],
        sourceTerms: terms[source],
        sourceTermsTotal: 0,
      };
    });
    steps.push({ kind: 'backward', nodeId: program.ids[i], upstream: evaluation.grads[i], inputs });
  }
  // Every input is known now, so each can say how many terms its source's sum will have.
  for (const step of steps) for (const input of step.inputs) input.sourceTermsTotal = terms[program.index.get(input.sourceId)!];
  return steps;
}
