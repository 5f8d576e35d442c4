import { compileProgram, type Program } from '../graph/program';
import type { Graph } from '../graph/types';
import { gradCheckVerdict, type GradVerdict } from './verdict';
import type { OpName } from '../ops/table';
import { createScratch, runBackward, runForward, type Scratch } from './passes';

/** A point on the way from an input to the output where the operator table says the derivative does not exist. */
export interface KinkHit {
  /** `at`: the input sits on the kink; `crossed`: x − h and x + h lie on different sides of it. */
  where: 'at' | 'crossed';
  nodeId: string;
  op: OpName;
  /** The table's rule for the local gradient there (its kinkRule). */
  rule: string;
}

/** Numerical against analytic gradient for one input node. */
export interface InputCheck {
  nodeId: string;
  value: number;
  analytic: number;
  numerical: number;
  /** |a − n| / max(|a|, |n|, 1e-12). */
  relativeError: number;
  /** Set when the check meets a kink on a path to the output (the first one found, nearest the input). */
  kink?: KinkHit;
}

export interface GradCheck {
  outputId: string;
  h: number;
  inputs: InputCheck[];
  /** The largest relative error over the inputs that meet no kink (0 when there are none). */
  maxRelativeError: number;
}

/**
 * A check's reading: CS231n's verdict on the relative error, or, where the operator table marks the
 * point, `not-differentiable` (the function has no derivative there; the table's subgradient is used)
 * or `kink-crossed` (differentiable, but the centred difference straddles a kink and cannot be exact).
 */
export type CheckVerdict = GradVerdict | 'not-differentiable' | 'kink-crossed';

/** The verdict on one input's check (see CheckVerdict). */
export function checkVerdict(check: InputCheck): CheckVerdict {
  if (check.kink?.where === 'at') return 'not-differentiable';
  if (check.kink?.where === 'crossed') return 'kink-crossed';
  return gradCheckVerdict(check.relativeError);
}

/** Relative error as CS231n defines it, guarded against dividing by zero. */
export function relativeError(analytic: number, numerical: number): number {
  return Math.abs(analytic - numerical) / Math.max(Math.abs(analytic), Math.abs(numerical), 1e-12);
}

/** An input port of a node whose operator has kinks (OpDef.piece), on a path to the output. */
interface KinkPort {
  node: number;
  port: number;
  slot: number;
}

/** Every port of an operator with kinks whose node the output depends on. */
function kinkPorts(program: Program, scratch: Scratch): KinkPort[] {
  const ports: KinkPort[] = [];
  for (let i = 0; i < program.ids.length; i++) {
    if (program.defs[i].piece === undefined || scratch.feedsOutput[i] !== 1) continue;
    for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) ports.push({ node: i, port: s - program.slotStart[i], slot: s });
  }
  return ports;
}

/** The piece a kink port is on, at the values of the last forward pass. */
function pieceOf(program: Program, values: Float64Array, k: KinkPort, inputs: Float64Array): number {
  const start = program.slotStart[k.node];
  const n = program.slotStart[k.node + 1] - start;
  for (let j = 0; j < n; j++) {
    const src = program.slotSrc[start + j];
    inputs[j] = src >= 0 ? values[src] : NaN;
  }
  return (program.defs[k.node].piece as NonNullable<Program['defs'][number]['piece']>)(inputs, 0, n, k.port, program.params[k.node]);
}

/** Marks every node that depends on node `from` (itself included), walking the topological order. */
function dependents(program: Program, from: number, mark: Uint8Array): void {
  mark.fill(0);
  mark[from] = 1;
  for (let r = program.rank[from] + 1; r < program.order.length; r++) {
    const i = program.order[r];
    for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
      const src = program.slotSrc[s];
      if (src >= 0 && mark[src] === 1) { mark[i] = 1; break; }
    }
  }
}

/**
 * Checks every `input` node's analytic gradient against the centred difference
 * (f(x+h) − f(x−h)) / 2h, in float64. Each operator with kinks between the input and the output is
 * asked (OpDef.piece) whether the input sits on one, or whether x − h and x + h fall on different
 * sides of one, as CS231n's notes suggest tracking the "winners" of max during the forward pass.
 */
export function gradientCheck(graph: Graph, h = 1e-5): GradCheck {
  const program = compileProgram(graph);
  const scratch = createScratch(program);
  runForward(program, scratch);
  runBackward(program, scratch);
  const analytic = scratch.grads.slice();
  const ports = kinkPorts(program, scratch);
  let widest = 0;
  for (const k of ports) widest = Math.max(widest, program.slotStart[k.node + 1] - program.slotStart[k.node]);
  const inputs = new Float64Array(widest);
  const atRest = ports.map((k) => pieceOf(program, scratch.values, k, inputs));
  const out = program.output;
  const leaf = program.leafValue.slice();
  const mark = new Uint8Array(program.ids.length);
  const checks: InputCheck[] = [];
  for (let i = 0; i < program.ids.length; i++) {
    if (graph.nodes[i].op !== 'input') continue;
    // The kink ports this input reaches, nearest first (ports are listed in node order, not topological).
    let reached: number[] = [];
    if (ports.length > 0) {
      dependents(program, i, mark);
      reached = ports.map((k, p) => p).filter((p) => { const src = program.slotSrc[ports[p].slot]; return src >= 0 && mark[src] === 1; });
      reached.sort((a, b) => program.rank[ports[a].node] - program.rank[ports[b].node]);
    }
    const x = leaf[i];
    leaf[i] = x + h;
    runForward(program, scratch, leaf);
    const plus = scratch.values[out];
    const plusPiece = reached.map((p) => pieceOf(program, scratch.values, ports[p], inputs));
    leaf[i] = x - h;
    runForward(program, scratch, leaf);
    const minus = scratch.values[out];
    const minusPiece = reached.map((p) => pieceOf(program, scratch.values, ports[p], inputs));
    leaf[i] = x;
    const numerical = (plus - minus) / (2 * h);
    const check: InputCheck = { nodeId: program.ids[i], value: x, analytic: analytic[i], numerical, relativeError: relativeError(analytic[i], numerical) };
    const at = reached.find((p) => atRest[p] === 0);
    const crossed = reached.findIndex((p, q) => plusPiece[q] !== atRest[p] || minusPiece[q] !== atRest[p]);
    const hit = at !== undefined ? { p: at, where: 'at' as const } : crossed >= 0 ? { p: reached[crossed], where: 'crossed' as const } : undefined;
    if (hit !== undefined) {
      const node = ports[hit.p].node;
      check.kink = { where: hit.where, nodeId: program.ids[node], op: graph.nodes[node].op, rule: program.defs[node].kinkRule ?? '' };
    }
    checks.push(check);
  }
  const maxRelativeError = checks.reduce((m, c) => (c.kink !== undefined ? m : Number.isNaN(c.relativeError) ? NaN : Math.max(m, c.relativeError)), 0);
  return { outputId: program.ids[out], h, inputs: checks, maxRelativeError };
}
