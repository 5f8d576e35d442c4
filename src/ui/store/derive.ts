import { evaluate, type Evaluation, type Graph } from '../core';
import { errorLine } from '../i18n';
import { annotate, type Annotations } from './annotate';
import { passView } from './passView';
import type { StepPhase } from './phase';
import type { EditorState, Status } from './types';

// The store's derived fields, computed from the graph whenever it or the stepping phase changes.

/** How many recent graphs keep their evaluation, so Undo and Redo between them need not evaluate again. */
const REMEMBERED = 8;
const remembered = new Map<Graph, Pick<EditorState, 'evaluation' | 'evalError'>>();

/** Evaluates leniently; a graph the evaluator refuses outright (a cycle in a file) gives its message instead. */
export function evaluateSafely(graph: Graph): Pick<EditorState, 'evaluation' | 'evalError'> {
  const known = remembered.get(graph);
  if (known !== undefined) {
    // Most recently used last, so the oldest goes first.
    remembered.delete(graph);
    remembered.set(graph, known);
    return known;
  }
  let result: Pick<EditorState, 'evaluation' | 'evalError'>;
  try {
    result = { evaluation: evaluate(graph, { lenient: true }), evalError: undefined };
  } catch (error) {
    result = { evaluation: undefined, evalError: errorLine(error) };
  }
  remembered.set(graph, result);
  if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as Graph);
  return result;
}

/** The derived fields for a graph, its evaluation and a phase. */
export function derive(graph: Graph, evaluation: Evaluation | undefined, phase: StepPhase, prev: Annotations): Pick<EditorState, 'view' | 'annotations'> {
  const view = evaluation === undefined ? undefined : passView(evaluation, phase);
  return { view, annotations: annotate(graph, evaluation, view, prev) };
}

let serial = 0;
/** A status message with a fresh serial number. */
export const status = (kind: Status['kind'], text: string): Status => ({ kind, text, serial: ++serial });

