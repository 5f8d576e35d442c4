import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import type { GradFlowEdge } from './toFlow';

const attr = (v: number | null | undefined): string | undefined => (v === null || v === undefined ? undefined : full(v));

/** An edge with the lecture's labels: value above (green), gradient below (red), the chain-rule product on hover. */
function GradEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<GradFlowEdge>) {
  const hovered = useEditor((s) => s.hoveredEdge === id);
  const select = useEditor((s) => s.select);
  const hover = useEditor((s) => s.hover);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const d = data!;
  const classes = ['grad-edge', d.emphasis ? 'is-emphasis' : '', selected ? 'is-selected' : '', d.grad !== null ? 'has-grad' : ''].join(' ');
  const open = (hovered || selected === true);
  const f = d.outputName;
  return (
    <>
      <BaseEdge id={id} path={path} className={classes} interactionWidth={18} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan${open ? ' is-open' : ''}${d.emphasis ? ' is-emphasis' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-edge-id={id}
          data-source={source}
          data-target={target}
          data-value={attr(d.value)}
          data-grad={attr(d.grad)}
          data-local-grad={attr(d.localGrad)}
          onClick={() => select([], [id])}
          onMouseEnter={() => hover(id)}
          onMouseLeave={() => hover(undefined)}
        >
          <span className="edge-value">{d.value === null ? ' ' : fmt(d.value)}</span>
          <span className="edge-grad">{d.grad === null ? ' ' : fmt(d.grad)}</span>
          {open && (
            <div className="edge-detail" role="tooltip">
              <div>{d.sourceName} → {d.targetName}</div>
              {d.localGrad !== null && d.upstream !== null && d.grad !== null ? (
                <>
                  <div>local d{d.targetName}/d{d.sourceName} = {fmt(d.localGrad)}</div>
                  <div>upstream × local = {fmt(d.upstream)} × {fmt(d.localGrad)} = {fmt(d.grad)}</div>
                  <div className="muted">d{f}/d{d.sourceName} gets {fmt(d.grad)} from this edge</div>
                </>
              ) : (
                <div className="muted">gradient not computed yet: step backward</div>
              )}
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised so only edges whose numbers changed re-render. */
export const GradEdge = memo(GradEdgeView);
