/** What the editor's Export menu offers, and when each item applies (kept small: the menu loads with the page). */
import { isLayeredGraph, type Graph } from '../core';
import { trainedFor } from '../store/trained';

/** The Export menu's items, in menu order (labels and titles: exportMenu.items.<kind> in the catalogs). */
export const EXPORT_KINDS = ['png', 'svg', 'latex', 'pytorch', 'python', 'onnx'] as const;

/** One Export menu item. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Why an item does not apply (exportMenu.problems.<problem> in the catalogs). */
export type ExportProblem = 'empty' | 'scalarOnly' | 'networkOnly' | 'trainFirst';

/** Why an export cannot be made of this graph now, or null when it can: the menu shows it on the item. */
export function exportProblem(kind: ExportKind, graph: Graph): ExportProblem | null {
  if (graph.nodes.length === 0) return 'empty';
  const layered = isLayeredGraph(graph);
  if ((kind === 'latex' || kind === 'python') && layered) return 'scalarOnly';
  if (kind === 'onnx') {
    if (!layered) return 'networkOnly';
    if (trainedFor(graph) === null) return 'trainFirst';
  }
  return null;
}
