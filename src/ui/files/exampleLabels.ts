/**
 * The shipped examples' node labels in the language shown. Labels that are English words ("hidden",
 * "784 pixels") have a translation in the catalogs (`examples.labels`); formulas and names ("q = x + y",
 * "w0", "C") have none and stay as they are. The graph is the user's from then on, labels and all.
 */
import type { Graph } from '../../core/graph/types';
import { currentLanguage, i18n } from '../../i18n';

/** `graph` with each label the catalogs translate replaced by its translation in the current language. */
export function localizedExample(graph: Graph): Graph {
  const translated: unknown = i18n.getResource(currentLanguage(), 'translation', 'examples.labels');
  if (typeof translated !== 'object' || translated === null) return graph;
  const labels = translated as Record<string, string>;
  const shown = (label: string | undefined): string | undefined => (label !== undefined && Object.hasOwn(labels, label) ? labels[label] : label);
  if (!graph.nodes.some((n) => shown(n.label) !== n.label)) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (shown(n.label) === n.label ? n : { ...n, label: shown(n.label) })) };
}
