import { useTranslation } from 'react-i18next';
import { useStore, useViewport } from '@xyflow/react';
import { create } from 'zustand';
import { full } from '../format';
import { useEditor } from '../store';
import { canvasElement } from '../palette/placement';
import { lodSelector } from './lod';

/** The node under the pointer: view state of the canvas alone, so it lives outside the editor store. */
export const useHoveredNode = create<{ id: string | undefined }>(() => ({ id: undefined }));

/**
 * The exact numbers of the hovered node when the zoom draws it compact (or as a bare box): its name, value
 * and gradient in full precision, in a card under the node at the size of the page's text.
 */
export function NodeCard() {
  const id = useHoveredNode((s) => s.id);
  const lod = useStore(lodSelector);
  const { t } = useTranslation();
  const n = useEditor((s) => (id === undefined ? undefined : s.annotations.nodes.get(id)));
  const node = useEditor((s) => (id === undefined ? undefined : s.graph.nodes.find((g) => g.id === id)));
  useViewport(); // follow pans and zooms
  const wrap = canvasElement();
  if (id === undefined || n === undefined || node === undefined || wrap === null || lod === 'full' || lod === 'mid') return null;
  const el = wrap.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  if (el === null) return null;
  const r = el.getBoundingClientRect();
  const w = wrap.getBoundingClientRect();
  return (
    <div className="edge-detail node-detail" role="tooltip" style={{ left: r.left - w.left + r.width / 2, top: r.bottom - w.top + 4 }}>
      <div>{node.label ?? node.id} <span className="muted">({node.op})</span></div>
      {n.value !== null && <div>{t('canvas.value')} <span className="value">{full(n.value)}</span></div>}
      {n.grad !== null && <div>{t('canvas.gradient')} <span className="grad">{full(n.grad)}</span>{n.gradNote !== null && <span className="muted"> ({n.gradNote})</span>}</div>}
      {n.problem !== null && <div className="warning">⚠ {n.problem}</div>}
    </div>
  );
}
