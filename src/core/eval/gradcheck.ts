import { compileProgram } from '../graph/program';
import type { Graph } from '../graph/types';
import { createScratch, runBackward, runForward } from './passes';

/** Numerical against analytic gradient for one input node. */
export interface InputCheck {
  nodeId: string;
  value: number;
  analytic: number;
  numerical: number;
  /** |a − n| / max(|a|, |n|, 1e-12). */
  relativeError: number;
}

export interface GradCheck {
  outputId: string;
  h: number;
  inputs: InputCheck[];
  /** The largest relative error over all inputs (0 when there are none). */
  maxRelativeError: number;
}

/** Relative error as CS231n defines it, guarded against dividing by zero. */
export function relativeError(analytic: number, numerical: number): number {
  return Math.abs(analytic - numerical) / Math.max(Math.abs(analytic), Math.abs(numerical), 1e-12);
}

/**
 * Checks every `input` node's analytic gradient against the centred difference
 * (f(x+h) − f(x−h)) / 2h, in float64.
 */
export function gradientCheck(graph: Graph, h = 1e-5): GradCheck {
  const program = compileProgram(graph);
  const scratch = createScratch(program);
  runForward(program, scratch);
  runBackward(program, scratch);
  const analytic = scratch.grads.slice();
  const out = program.output;
  const leaf = program.leafValue.slice();
  const inputs: InputCheck[] = [];
  for (let i = 0; i < program.ids.length; i++) {
    if (graph.nodes[i].op !== 'input') continue;
    const x = leaf[i];
    leaf[i] = x + h;
    runForward(program, scratch, leaf);
    const plus = scratch.values[out];
    leaf[i] = x - h;
    runForward(program, scratch, leaf);
    const minus = scratch.values[out];
    leaf[i] = x;
    const numerical = (plus - minus) / (2 * h);
    inputs.push({ nodeId: program.ids[i], value: x, analytic: analytic[i], numerical, relativeError: relativeError(analytic[i], numerical) });
  }
  const maxRelativeError = inputs.reduce((m, c) => (Number.isNaN(c.relativeError) ? NaN : Math.max(m, c.relativeError)), 0);
  return { outputId: program.ids[out], h, inputs, maxRelativeError };
}
