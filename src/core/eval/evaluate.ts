import { compileProgram, type CompileOptions, type Program } from '../graph/program';
import { createScratch, runBackward, runForward } from './passes';
import { reason, type Reason } from '../graph/errors';
import type { Graph } from '../graph/types';

/** A non-finite value or gradient, named by the node that produced it. */
export interface EvalWarning {
  code: 'non-finite-value' | 'non-finite-gradient';
  nodeId: string;
  message: string;
  /** The sentence without its language, for the UI and the command line to word. */
  reason: Reason;
}

/**
 * A graph evaluated forward and backward. Arrays are indexed by node (graph.nodes order)
 * or by edge (graph.edges order); an edge set aside in lenient mode holds NaN.
 */
export interface Evaluation {
  program: Program;
  /** The node whose gradient was seeded with 1, or undefined when there is none. */
  outputId: string | undefined;
  values: Float64Array;
  /** d output / d node: the sum of the node's outgoing edges' grad, 1 for the output. */
  grads: Float64Array;
  /** The value an edge carries forward: its source's value. */
  edgeValue: Float64Array;
  /** d target / d this input, at the current values. */
  edgeLocalGrad: Float64Array;
  /** localGrad × the target's gradient: what the edge carries back. */
  edgeGrad: Float64Array;
  warnings: EvalWarning[];
}

/** Evaluates a graph forward and backward, annotating every node and edge. */
export function evaluate(graph: Graph, options: CompileOptions = {}): Evaluation {
  return evaluateProgram(compileProgram(graph, options));
}

/** Evaluates an already compiled program. */
export function evaluateProgram(program: Program): Evaluation {
  const scratch = createScratch(program);
  runForward(program, scratch);
  runBackward(program, scratch);
  const m = program.graph.edges.length;
  const edgeValue = new Float64Array(m).fill(NaN);
  const edgeLocalGrad = new Float64Array(m).fill(NaN);
  const edgeGrad = new Float64Array(m).fill(NaN);
  for (let e = 0; e < m; e++) {
    const s = program.edgeSlot[e];
    if (s < 0) continue;
    edgeValue[e] = scratch.values[program.slotSrc[s]];
    edgeLocalGrad[e] = scratch.slotLocalGrad[s];
    edgeGrad[e] = scratch.slotGrad[s];
  }
  if (program.output < 0) scratch.grads.fill(NaN);
  return {
    program,
    outputId: program.output >= 0 ? program.ids[program.output] : undefined,
    values: scratch.values,
    grads: scratch.grads,
    edgeValue,
    edgeLocalGrad,
    edgeGrad,
    warnings: nonFiniteWarnings(program, scratch.values, scratch.grads),
  };
}

function nonFiniteWarnings(program: Program, values: Float64Array, grads: Float64Array): EvalWarning[] {
  const warnings: EvalWarning[] = [];
  for (let k = 0; k < program.order.length; k++) {
    const i = program.order[k];
    const value = values[i];
    const grad = grads[i];
    // The common case, every number finite, reads nothing else.
    if (value - value === 0 && (grad - grad === 0 || program.output < 0)) continue;
    const id = program.ids[i];
    const op = program.graph.nodes[i].op;
    if (!Number.isFinite(value)) {
      // Only the first node of a non-finite chain is news; its consumers inherit it.
      const inherited = inputsNonFinite(program, values, i);
      if (!inherited) warnings.push({ code: 'non-finite-value', nodeId: id, message: `node '${id}' (${op}) has value ${value}`, reason: reason('eval.nonFiniteValue', { id, op, value: String(value) }) });
    } else {
      warnings.push({ code: 'non-finite-gradient', nodeId: id, message: `node '${id}' (${op}) has gradient ${grad}`, reason: reason('eval.nonFiniteGradient', { id, op, grad: String(grad) }) });
    }
  }
  return warnings;
}

function inputsNonFinite(program: Program, values: Float64Array, i: number): boolean {
  for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
    const src = program.slotSrc[s];
    if (src >= 0 && !Number.isFinite(values[src])) return true;
  }
  return false;
}

/** Value of node `id` in an evaluation. */
export function valueOf(evaluation: Evaluation, id: string): number {
  const i = evaluation.program.index.get(id);
  if (i === undefined) throw new Error(`no node '${id}'`);
  return evaluation.values[i];
}

/** Gradient of the output with respect to node `id`. */
export function gradOf(evaluation: Evaluation, id: string): number {
  const i = evaluation.program.index.get(id);
  if (i === undefined) throw new Error(`no node '${id}'`);
  return evaluation.grads[i];
}
