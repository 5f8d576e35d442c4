import { useViewport } from '@xyflow/react';
import { fmt } from '../format';
import { useEditor } from '../store';
import { canvasElement } from '../palette/placement';

/**
 * The detail of the hovered (else the one selected) edge: local gradient and upstream × local, with
 * numbers. One card for the whole canvas, placed under the edge's label, so edges need not listen for hover.
 */
export function EdgeCard() {
  const hovered = useEditor((s) => s.hoveredEdge);
  const selected = useEditor((s) => (s.selectedNodes.length === 0 && s.selectedEdges.length === 1 ? s.selectedEdges[0] : undefined));
  const id = hovered ?? selected;
  const d = useEditor((s) => (id === undefined ? undefined : s.annotations.edges.get(id)));
  useViewport(); // follow pans and zooms
  const wrap = canvasElement();
  if (id === undefined || d === undefined || wrap === null) return null;
  const label = wrap.querySelector(`[data-edge-id="${CSS.escape(id)}"]`);
  if (label === null) return null;
  const r = label.getBoundingClientRect();
  const w = wrap.getBoundingClientRect();
  return (
    <div className="edge-detail" role="tooltip" style={{ left: r.left - w.left + r.width / 2, top: r.bottom - w.top + 4 }}>
      <div>{d.sourceName} → {d.targetName}</div>
      {d.localGrad !== null && d.upstream !== null && d.grad !== null ? (
        <>
          <div>local d{d.targetName}/d{d.sourceName} = {fmt(d.localGrad)}</div>
          <div>upstream × local = {fmt(d.upstream)} × {fmt(d.localGrad)} = {fmt(d.grad)}</div>
          <div className="muted">d{d.outputName}/d{d.sourceName} gets {fmt(d.grad)} from this edge</div>
        </>
      ) : d.shape !== null ? (
        <div className="muted">carries a vector of length {d.shape}</div>
      ) : (
        <div className="muted">gradient not computed yet: step backward</div>
      )}
    </div>
  );
}
