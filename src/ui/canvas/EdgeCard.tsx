import { useTranslation } from 'react-i18next';
import { useViewport } from '@xyflow/react';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import { canvasElement } from '../palette/placement';

/** Where the card goes: under the edge's label, or under the middle of its wire when the zoom draws no labels. */
function anchor(wrap: HTMLElement, id: string): DOMRect | undefined {
  const label = wrap.querySelector(`[data-edge-id="${CSS.escape(id)}"]`);
  const r = label?.getBoundingClientRect();
  if (r !== undefined && r.width > 0) return r;
  const path = wrap.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"] path`);
  const p = path?.getBoundingClientRect();
  return p === undefined ? undefined : new DOMRect(p.left + p.width / 2, p.top + p.height / 2, 0, 0);
}

/**
 * The detail of the hovered (else the one selected) edge: local gradient and upstream × local, with
 * numbers, and the value and gradient in full precision. One card for the whole canvas, placed under the
 * edge's label, so edges need not listen for hover.
 */
export function EdgeCard() {
  const hovered = useEditor((s) => s.hoveredEdge);
  const selected = useEditor((s) => (s.selectedNodes.length === 0 && s.selectedEdges.length === 1 ? s.selectedEdges[0] : undefined));
  const id = hovered ?? selected;
  const d = useEditor((s) => (id === undefined ? undefined : s.annotations.edges.get(id)));
  const { t } = useTranslation();
  useViewport(); // follow pans and zooms
  const wrap = canvasElement();
  if (id === undefined || d === undefined || wrap === null) return null;
  const r = anchor(wrap, id);
  if (r === undefined) return null;
  const w = wrap.getBoundingClientRect();
  return (
    <div className="edge-detail" role="tooltip" style={{ left: r.left - w.left + r.width / 2, top: r.bottom - w.top + 4 }}>
      <div>{d.sourceName} → {d.targetName}</div>
      {d.localGrad !== null && d.upstream !== null && d.grad !== null ? (
        <>
          <div>{t('canvas.local')} d{d.targetName}/d{d.sourceName} = {fmt(d.localGrad)}</div>
          <div>{t('canvas.upstreamTimesLocal')} = {fmt(d.upstream)} × {fmt(d.localGrad)} = {fmt(d.grad)}</div>
          <div className="muted">{t('canvas.gets', { grad: `d${d.outputName}/d${d.sourceName}`, value: fmt(d.grad) })}</div>
        </>
      ) : d.shape !== null ? (
        <div className="muted">{d.shape.includes('x') ? t('canvas.tensor', { shape: d.shape }) : t('canvas.vector', { length: d.shape })}</div>
      ) : (
        <div className="muted">{t('canvas.notYet')}</div>
      )}
      {(d.value !== null || d.grad !== null) && (
        <div className="edge-exact">
          {d.value !== null && <>{t('canvas.value')} <span className="value">{full(d.value)}</span></>}
          {d.value !== null && d.grad !== null && ' · '}
          {d.grad !== null && <>{t('canvas.gradient')} <span className="grad">{full(d.grad)}</span></>}
        </div>
      )}
    </div>
  );
}
