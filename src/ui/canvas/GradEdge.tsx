import { memo, useRef } from 'react';
import { EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import type { EdgeNumbers } from './annotate';
import type { GradFlowEdge } from './toFlow';
import { setData, setText, useLive } from './useLive';

const attr = (v: number | null | undefined): string | undefined => (v === null || v === undefined ? undefined : full(v));
const flag = (on: boolean): string | undefined => (on ? '' : undefined);

/** The hover/selection detail: local gradient and upstream × local, with numbers. */
function EdgeDetail({ id }: { id: string }) {
  const d = useEditor((s) => s.annotations.edges.get(id));
  if (d === undefined) return null;
  return (
    <div className="edge-detail" role="tooltip">
      <div>{d.sourceName} → {d.targetName}</div>
      {d.localGrad !== null && d.upstream !== null && d.grad !== null ? (
        <>
          <div>local d{d.targetName}/d{d.sourceName} = {fmt(d.localGrad)}</div>
          <div>upstream × local = {fmt(d.upstream)} × {fmt(d.localGrad)} = {fmt(d.grad)}</div>
          <div className="muted">d{d.outputName}/d{d.sourceName} gets {fmt(d.grad)} from this edge</div>
        </>
      ) : (
        <div className="muted">gradient not computed yet: step backward</div>
      )}
    </div>
  );
}

/** An edge with the lecture's labels: value above (green), gradient below (red), the chain-rule product on hover. */
function GradEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected }: EdgeProps<GradFlowEdge>) {
  const hovered = useEditor((s) => s.hoveredEdge === id);
  const { select, hover } = useEditor.getState();
  const pathRef = useRef<SVGPathElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  const valueRef = useRef<HTMLSpanElement>(null);
  const gradRef = useRef<HTMLSpanElement>(null);
  useLive((s) => s.annotations.edges.get(id), (d: EdgeNumbers | undefined) => {
    const label = labelRef.current;
    setData(label, 'data-value', attr(d?.value));
    setData(label, 'data-grad', attr(d?.grad));
    setData(label, 'data-local-grad', attr(d?.localGrad));
    setData(label, 'data-emphasis', flag(d?.emphasis === true));
    setData(pathRef.current, 'data-emphasis', flag(d?.emphasis === true));
    setData(pathRef.current, 'data-has-grad', flag(d?.grad !== null && d?.grad !== undefined));
    setData(label, 'data-shape', d?.shape === null || d === undefined ? undefined : String(d.shape));
    setText(valueRef.current, d === undefined ? ' ' : d.value !== null ? fmt(d.value) : d.shape !== null ? `[${d.shape}]` : ' ');
    setText(gradRef.current, d?.grad === null || d === undefined ? ' ' : fmt(d.grad));
  });
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const open = hovered || selected === true;
  return (
    <>
      <path ref={pathRef} id={id} d={path} fill="none" className={`react-flow__edge-path grad-edge${selected === true ? ' is-selected' : ''}`} />
      <path d={path} fill="none" strokeOpacity={0} strokeWidth={18} className="react-flow__edge-interaction" />
      <EdgeLabelRenderer>
        <div
          ref={labelRef}
          className={`edge-label nodrag nopan${open ? ' is-open' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-edge-id={id}
          data-source={source}
          data-target={target}
          onClick={() => select([], [id])}
          onMouseEnter={() => hover(id)}
          onMouseLeave={() => hover(undefined)}
        >
          <span ref={valueRef} className="edge-value" />
          <span ref={gradRef} className="edge-grad" />
          {open && <EdgeDetail id={id} />}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised: React re-renders an edge only when it moves or its selection or hover changes; numbers are written live. */
export const GradEdge = memo(GradEdgeView);
