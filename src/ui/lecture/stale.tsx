/** A note when a result was computed for an earlier version of the editor's graph. */
import { i18n } from '../i18n';
import { graphFingerprint } from '../../core/graph/fingerprint';
import type { Graph } from '../../core/graph/types';
import { useEditor } from '../store';

/** How the editor's graph relates to the graph a result was computed for: the same network, its scalar expansion, or something else. */
export type Relation = 'current' | 'expanded' | 'stale';

/** The relation of `editor` to `computedFor`, where `expanded` is the scalar graph opened from that result (if any). */
export function relationTo(editor: Graph, computedFor: Graph, expanded: Graph | null): Relation {
  if (editor === computedFor || graphFingerprint(editor) === graphFingerprint(computedFor)) return 'current';
  if (expanded !== null && (editor === expanded || graphFingerprint(editor) === graphFingerprint(expanded))) return 'expanded';
  return 'stale';
}

/** Says so when `computedFor` (the graph a result came from) differs from the editor's graph; nothing otherwise. */
export function StaleNote({ computedFor }: { computedFor: Graph | null }) {
  const stale = useEditor((s) => computedFor !== null && s.graph !== computedFor && graphFingerprint(s.graph) !== graphFingerprint(computedFor));
  if (!stale) return null;
  return <p className="warning" role="status">{i18n.t('lecture.stale')}</p>;
}
