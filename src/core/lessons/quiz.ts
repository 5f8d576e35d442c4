/** Quiz mode: the learner types each node's gradient before the backward pass reveals it. */
import type { Evaluation } from '../eval/evaluate';
import { backwardSteps } from '../eval/stepper';
import { answerMatches } from './answer';

/** One term of a node's gradient: what one consumer sends back, upstream × local. */
export interface ChainTerm {
  /** The consumer node (the edge's target). */
  consumer: string;
  /** d output / d consumer. */
  upstream: number;
  /** d consumer / d node. */
  localGrad: number;
}

/** The question at one backward step: the node, its exact gradient, and the chain rule that gives it. */
export interface QuizQuestion {
  /** Index of the backward step the answer reveals. */
  step: number;
  nodeId: string;
  /** d output / d node, the answer. */
  grad: number;
  /** One term per edge from the node toward the output; their sum is `grad`. */
  terms: ChainTerm[];
}

/**
 * The question asked when `done` backward steps are revealed, or undefined when the pass is complete.
 * Step 0 (the output, whose gradient is 1 by definition) is never asked.
 */
export function quizQuestion(evaluation: Evaluation, done: number): QuizQuestion | undefined {
  const steps = backwardSteps(evaluation);
  const step = Math.max(1, done);
  if (step >= steps.length) return undefined;
  const nodeId = steps[step].nodeId;
  const terms: ChainTerm[] = [];
  // Every consumer comes earlier in the backward order, so its upstream gradient is final here.
  for (const s of steps.slice(0, step)) {
    for (const input of s.inputs) if (input.sourceId === nodeId) terms.push({ consumer: s.nodeId, upstream: s.upstream, localGrad: input.localGrad });
  }
  return { step, nodeId, grad: steps[step].upstream, terms };
}

/** The chain-rule line for a question, e.g. "df/dq = df/df · df/dq = 1 · -4 = -4" (a sum of terms at a fan-out). */
export function chainRuleText(question: QuizQuestion, output: string, name: (id: string) => string, fmt: (v: number) => string): string {
  const n = name(question.nodeId);
  const symbolic = question.terms.map((t) => `d${output}/d${name(t.consumer)} · d${name(t.consumer)}/d${n}`).join(' + ');
  const numeric = question.terms.map((t) => `${fmt(t.upstream)} · ${fmt(t.localGrad)}`).join(' + ');
  return `d${output}/d${n} = ${symbolic} = ${numeric} = ${fmt(question.grad)}`;
}

/** True when a typed gradient is right for the question (see RELATIVE_TOLERANCE). */
export function quizAnswerRight(question: QuizQuestion, answer: number): boolean {
  return answerMatches(answer, question.grad);
}
