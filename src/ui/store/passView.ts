import type { Evaluation } from '../core';
import { passSteps, type StepPhase } from './phase';

/** What the canvas shows at the current phase: which values and gradients are revealed, and the current node. */
export interface PassView {
  /** 1 where a node's value is shown. */
  valueShown: Uint8Array;
  /** 1 where an edge's gradient (and local gradient) is shown. */
  edgeGradShown: Uint8Array;
  /** A node's gradient so far: the sum of its revealed outgoing edges' gradients (1 for the output); NaN if none yet. */
  nodeGrad: Float64Array;
  /** How many outgoing edges have been summed into nodeGrad, and how many will be (edges toward the output). */
  gradTerms: Int32Array;
  gradTotal: Int32Array;
  /** The node of the latest step, and its input edges (emphasised). */
  currentNode: string | undefined;
  currentEdges: ReadonlySet<string>;
}

const NO_EDGES: ReadonlySet<string> = new Set();

/** Derives what to reveal from an evaluation and the stepping phase. */
export function passView(evaluation: Evaluation, phase: StepPhase): PassView {
  const { program } = evaluation;
  const n = program.ids.length;
  const m = program.graph.edges.length;
  const valueShown = new Uint8Array(n);
  const edgeGradShown = new Uint8Array(m);
  const nodeGrad = new Float64Array(n).fill(NaN);
  const gradTerms = new Int32Array(n);
  const gradTotal = new Int32Array(n);
  let currentNode: string | undefined;
  let currentEdges = NO_EDGES;
  // Values only (after every edit): no steps to build, which keeps typing a value cheap on big graphs.
  if (phase.kind === 'values') {
    valueShown.fill(1);
    return { valueShown, edgeGradShown, nodeGrad, gradTerms, gradTotal, currentNode, currentEdges };
  }
  const steps = passSteps(evaluation);
  for (const step of steps.backward) for (const input of step.inputs) gradTotal[program.index.get(input.sourceId)!] = input.sourceTermsTotal;
  if (phase.kind === 'forward') {
    const done = steps.forward.slice(0, phase.done);
    for (const step of done) valueShown[program.index.get(step.nodeId)!] = 1;
    const last = done[done.length - 1];
    if (last !== undefined) {
      currentNode = last.nodeId;
      currentEdges = new Set(last.inputs.map((input) => input.edgeId));
    }
  } else {
    valueShown.fill(1);
  }
  if (phase.kind === 'backward') {
    const edgeIndex = new Map(program.graph.edges.map((edge, e) => [edge.id, e]));
    const done = steps.backward.slice(0, phase.done);
    for (const step of done) {
      const i = program.index.get(step.nodeId)!;
      if (i === program.output) nodeGrad[i] = 1;
      for (const input of step.inputs) {
        edgeGradShown[edgeIndex.get(input.edgeId)!] = 1;
        // The core keeps the running sum of a fan-out; this only reveals how far it has got.
        const s = program.index.get(input.sourceId)!;
        nodeGrad[s] = input.sourceGrad;
        gradTerms[s] = input.sourceTerms;
      }
    }
    const last = done[done.length - 1];
    // Once the pass is complete nothing is "current" any more: the whole graph is the answer.
    if (last !== undefined && done.length < steps.backward.length) {
      currentNode = last.nodeId;
      currentEdges = new Set(last.inputs.map((input) => input.edgeId));
    }
  }
  return { valueShown, edgeGradShown, nodeGrad, gradTerms, gradTotal, currentNode, currentEdges };
}
