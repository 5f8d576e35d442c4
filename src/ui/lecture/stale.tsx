/** A note when a result was computed for an earlier version of the editor's graph. */
import { i18n } from '../i18n';
import type { Graph } from '../../core/graph/types';
import { useEditor } from '../store';

const keys = new WeakMap<Graph, string>();

/** What a computation depends on: everything but positions and labels. */
export function graphKey(graph: Graph): string {
  let key = keys.get(graph);
  if (key === undefined) {
    key = JSON.stringify([
      graph.nodes.map((n) => [n.id, n.op, n.value, n.params, n.output, n.gate === undefined ? null : n.gate.nodes.length]),
      graph.edges.map((e) => [e.source, e.target, e.targetPort]),
      graph.training?.seed,
    ]);
    keys.set(graph, key);
  }
  return key;
}

/** How the editor's graph relates to the graph a result was computed for: the same network, its scalar expansion, or something else. */
export type Relation = 'current' | 'expanded' | 'stale';

/** The relation of `editor` to `computedFor`, where `expanded` is the scalar graph opened from that result (if any). */
export function relationTo(editor: Graph, computedFor: Graph, expanded: Graph | null): Relation {
  if (editor === computedFor || graphKey(editor) === graphKey(computedFor)) return 'current';
  if (expanded !== null && (editor === expanded || graphKey(editor) === graphKey(expanded))) return 'expanded';
  return 'stale';
}

/** Says so when `computedFor` (the graph a result came from) differs from the editor's graph; nothing otherwise. */
export function StaleNote({ computedFor }: { computedFor: Graph | null }) {
  const stale = useEditor((s) => computedFor !== null && s.graph !== computedFor && graphKey(s.graph) !== graphKey(computedFor));
  if (!stale) return null;
  return <p className="warning" role="status">{i18n.t('lecture.stale')}</p>;
}
