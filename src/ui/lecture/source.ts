/** Which problem the lecture tabs send to the worker, from a tab's choice and the editor's graph. */
import { i18n } from '../i18n';
import { isLayeredGraph } from '../../core/net/shapes';
import type { Graph } from '../../core/graph/types';
import type { ProblemSource } from '../../worker/lectureProtocol';
import type { TrainedParameters } from '../../worker/parameters';
import type { ProblemChoice } from './store';

/**
 * The SVM example, or the editor's graph: a layered graph as a network (with `trained` parameters when
 * given, else initialised from its training seed), a scalar graph over its selected input nodes, or over
 * all of them when none is selected.
 */
export function problemSource(
  choice: ProblemChoice, graph: Graph, selectedNodes: readonly string[], samples: number, dataUrl: string, trained: TrainedParameters | null = null,
): ProblemSource {
  if (choice === 'svm') return { kind: 'svm' };
  if (isLayeredGraph(graph)) return trained === null ? { kind: 'network', graph, samples, dataUrl } : { kind: 'network', graph, samples, dataUrl, parameters: trained };
  const selected = new Set(selectedNodes);
  const inputs = graph.nodes.filter((n) => n.op === 'input' && selected.has(n.id)).map((n) => n.id);
  return inputs.length > 0 ? { kind: 'graph', graph, inputs } : { kind: 'graph', graph };
}

/** A whole number from a field, or undefined when it is not one in [min, max]. */
export function wholeIn(text: string, min: number, max: number): number | undefined {
  const v = Number(text);
  return /^\s*-?\d+\s*$/.test(text) && Number.isSafeInteger(v) && v >= min && v <= max ? v : undefined;
}

/** A positive finite number from a field, or undefined. */
export function positive(text: string): number | undefined {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Learning rates from "0.025, 0.25, 2.5": the numbers, or a message naming the first bad entry. */
export function parseRates(text: string): number[] | string {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return i18n.t('sweep.enterRates');
  if (parts.length > 8) return i18n.t('sweep.tooManyRates');
  const rates: number[] = [];
  for (const p of parts) {
    const v = positive(p);
    if (v === undefined) return i18n.t('sweep.notPositive', { text: p });
    rates.push(v);
  }
  return rates;
}
