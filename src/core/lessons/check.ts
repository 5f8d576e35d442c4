/** Whether a lesson's task is done, decided by the engine from what the app currently holds. */
import { backwardSteps, forwardSteps } from '../eval/stepper';
import { evaluate, type Evaluation } from '../eval/evaluate';
import { gradientCheck } from '../eval/gradcheck';
import { compileProgram, type Program } from '../graph/program';
import { createScratch, runForward } from '../eval/passes';
import type { Graph } from '../graph/types';
import type { StrategyMethod } from '../landscape/types';
import type { LessonTask } from './types';
import { answerMatches, parseAnswer } from './answer';

/** Where the stepping is: values only, or k steps of a pass revealed. */
export type PhaseSnapshot = { kind: 'values' } | { kind: 'forward' | 'backward'; done: number };

/**
 * What the app holds when a task is checked: the editor's graph and stepping, and summaries of the
 * lecture panels' and the trainer's latest results (each computed by the engine in a worker).
 */
export interface LessonSnapshot {
  graph: Graph;
  phase: PhaseSnapshot;
  /** The graph the lesson opened, for tasks that compare against it (fuse). */
  lessonGraph?: Graph;
  /** The number the learner typed for an answer task, as typed. */
  answer?: string;
  gradCheck: boolean;
  /** The latest landscape drawn: its dimensions and what it was of. */
  landscape?: { dims: 1 | 2; problem: 'graph' | 'svm' | 'network' };
  /** The latest strategy comparison: each method's final loss and whether it diverged. */
  strategies?: { method: StrategyMethod; finalLoss: number; diverged: boolean }[];
  /** The latest learning-rate sweep. */
  sweep?: { learningRate: number; diverged: boolean }[];
  /** The four equations: how many dense layers, and how far "Step backward" has gone (null before the first step). */
  equations?: { layers: number; current: number | null };
  /** The trainer: best test accuracy so far (0..1) and the batch size it ran with. */
  training?: { accuracy: number; batchSize: number };
}

/** Why a task is not done yet, as a code the UI words (with the node's id where it applies). */
export type NotYetCode =
  | 'no-node' | 'no-output' | 'step-first' | 'wrong-answer' | 'no-answer' | 'not-reached' | 'differentiable'
  | 'check-off' | 'check-disagrees' | 'not-fused' | 'grads-changed' | 'no-landscape' | 'no-strategies'
  | 'no-divergence' | 'no-equations' | 'equations-not-stepped' | 'not-trained' | 'batch-too-large';

/** A task's state: done, or the first reason it is not. */
export type TaskState = { done: true } | { done: false; why: NotYetCode; node?: string };

const notYet = (why: NotYetCode, node?: string): TaskState => (node === undefined ? { done: false, why } : { done: false, why, node });
const DONE: TaskState = { done: true };

function evaluationOf(graph: Graph): Evaluation | undefined {
  try {
    const evaluation = evaluate(graph, { lenient: true });
    return evaluation.outputId === undefined ? undefined : evaluation;
  } catch {
    return undefined;
  }
}

/** The number a node shows for `quantity` in an evaluation. */
function read(evaluation: Evaluation, quantity: 'value' | 'grad', node: string): number | undefined {
  const i = evaluation.program.index.get(node);
  if (i === undefined) return undefined;
  return quantity === 'value' ? evaluation.values[i] : evaluation.grads[i];
}

/** True once the stepping of `pass` has visited `node`. */
function visited(evaluation: Evaluation, phase: PhaseSnapshot, pass: 'forward' | 'backward', node: string): boolean {
  if (phase.kind !== pass) return false;
  const steps = pass === 'forward' ? forwardSteps(evaluation) : backwardSteps(evaluation);
  return steps.slice(0, phase.done).some((s) => s.nodeId === node);
}

/** One-sided slopes h apart differ by more than this (relative) at a kink; smooth functions agree to ~h. */
export const KINK_TOLERANCE = 1e-3;
const KINK_H = 1e-6;

/** The output's slopes left and right of input `node`'s current value, from forward passes only. */
export function oneSidedSlopes(graph: Graph, node: string): { left: number; right: number } | undefined {
  let program: Program;
  try {
    program = compileProgram(graph);
  } catch {
    return undefined;
  }
  const i = program.index.get(node);
  if (i === undefined || program.output < 0) return undefined;
  const scratch = createScratch(program);
  const leaf = program.leafValue.slice();
  const x = leaf[i];
  const at = (v: number): number => {
    leaf[i] = v;
    runForward(program, scratch, leaf);
    return scratch.values[program.output];
  };
  const f0 = at(x);
  const right = (at(x + KINK_H) - f0) / KINK_H;
  const left = (f0 - at(x - KINK_H)) / KINK_H;
  return { left, right };
}

/** True when the output has a kink in input `node` at its current value: the one-sided slopes disagree. */
export function isKink(graph: Graph, node: string): boolean {
  const slopes = oneSidedSlopes(graph, node);
  if (slopes === undefined || !Number.isFinite(slopes.left) || !Number.isFinite(slopes.right)) return false;
  const scale = Math.max(1, Math.abs(slopes.left), Math.abs(slopes.right));
  return Math.abs(slopes.left - slopes.right) > KINK_TOLERANCE * scale;
}

/** Relative error below which the gradient-check task counts an input as agreeing (CS231n's "acceptable"). */
export const GRADCHECK_TASK_LIMIT = 1e-4;

/** The gradients of every input node, by id. */
function inputGrads(evaluation: Evaluation, graph: Graph): Map<string, number> {
  const grads = new Map<string, number>();
  for (const n of graph.nodes) if (n.op === 'input') grads.set(n.id, evaluation.grads[evaluation.program.index.get(n.id)!]);
  return grads;
}

/** Whether `task` is done in `snapshot`. */
export function checkTask(task: LessonTask, snapshot: LessonSnapshot): TaskState {
  const { graph, phase } = snapshot;
  switch (task.kind) {
    case 'answer': case 'step': case 'reach': {
      const evaluation = evaluationOf(graph);
      if (evaluation === undefined) return notYet('no-output');
      if (!evaluation.program.index.has(task.node)) return notYet('no-node', task.node);
      if (task.kind === 'step') return visited(evaluation, phase, task.pass, task.node) ? DONE : notYet('step-first', task.node);
      if (task.kind === 'answer' && task.after !== undefined) {
        if (!evaluation.program.index.has(task.after)) return notYet('no-node', task.after);
        if (!visited(evaluation, phase, 'backward', task.after)) return notYet('step-first', task.after);
      }
      const actual = read(evaluation, task.quantity, task.node)!;
      if (task.kind === 'reach') return (task.compare === 'below' ? actual < task.target : actual > task.target) ? DONE : notYet('not-reached', task.node);
      const typed = snapshot.answer === undefined ? undefined : parseAnswer(snapshot.answer);
      if (typed === undefined) return notYet('no-answer', task.node);
      return answerMatches(typed, actual) ? DONE : notYet('wrong-answer', task.node);
    }
    case 'kink':
      if (!graph.nodes.some((n) => n.id === task.node)) return notYet('no-node', task.node);
      return isKink(graph, task.node) ? DONE : notYet('differentiable', task.node);
    case 'gradcheck': {
      if (!snapshot.gradCheck) return notYet('check-off');
      try {
        const check = gradientCheck(graph);
        return check.inputs.length > 0 && check.maxRelativeError <= GRADCHECK_TASK_LIMIT ? DONE : notYet('check-disagrees');
      } catch {
        return notYet('no-output');
      }
    }
    case 'fuse': {
      const before = snapshot.lessonGraph === undefined ? undefined : evaluationOf(snapshot.lessonGraph);
      const after = evaluationOf(graph);
      if (before === undefined || after === undefined) return notYet('no-output');
      if (!graph.nodes.some((n) => n.op === 'gate' || n.op === 'sigmoid') || graph.nodes.length >= snapshot.lessonGraph!.nodes.length) return notYet('not-fused');
      const want = inputGrads(before, snapshot.lessonGraph!);
      const got = inputGrads(after, graph);
      for (const [id, g] of want) {
        const h = got.get(id);
        if (h === undefined || !answerMatches(h, g, 1e-9)) return notYet('grads-changed', id);
      }
      return DONE;
    }
    case 'landscape': {
      const l = snapshot.landscape;
      if (l === undefined || l.dims !== task.dims) return notYet('no-landscape');
      if (task.problem === 'svm' && l.problem !== 'svm') return notYet('no-landscape');
      if (task.problem === 'editor' && l.problem === 'svm') return notYet('no-landscape');
      return DONE;
    }
    case 'strategies': {
      const run = snapshot.strategies;
      return run !== undefined && task.methods.every((m) => run.some((c) => c.method === m)) ? DONE : notYet('no-strategies');
    }
    case 'diverge': {
      const diverged = (snapshot.sweep ?? []).some((c) => c.diverged) || (snapshot.strategies ?? []).some((c) => (c.method === 'gd' || c.method === 'sgd') && c.diverged);
      return diverged ? DONE : notYet('no-divergence');
    }
    case 'equations': {
      const eq = snapshot.equations;
      if (eq === undefined || eq.layers === 0) return notYet('no-equations');
      // "Step backward" moves from the last layer down; layer 0 is the first dense layer.
      return eq.current === 0 ? DONE : notYet('equations-not-stepped');
    }
    case 'train': {
      const t = snapshot.training;
      if (t === undefined || t.accuracy < task.accuracy) return notYet('not-trained');
      if (task.maxBatch !== undefined && t.batchSize > task.maxBatch) return notYet('batch-too-large');
      return DONE;
    }
    default: {
      const never: never = task;
      return never;
    }
  }
}

/** The node ids a task names, so a test can check they exist in the lesson's graph. */
export function taskNodes(task: LessonTask): string[] {
  switch (task.kind) {
    case 'answer': return task.after === undefined ? [task.node] : [task.node, task.after];
    case 'step': case 'reach': case 'kink': return [task.node];
    default: return [];
  }
}
