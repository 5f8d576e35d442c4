import { memo, useRef } from 'react';
import { EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import type { EdgeNumbers } from '../store/annotate';
import { wirePoint } from './geometry';
import { MIDDLE } from './labelPlacement';
import type { GradFlowEdge } from './toFlow';
import { setData, setText, useLive } from './useLive';
import { routedPath } from './routes';

const attr = (v: number | null | undefined): string | undefined => (v === null || v === undefined ? undefined : full(v));
const flag = (on: boolean): string | undefined => (on ? '' : undefined);
/** Half an edge label's height (two 12 px lines, styles.css), where a leader meets it. */
const LABEL_HALF_HEIGHT = 16;

/** An edge with the lecture's labels: value above (green), gradient below (red); hover shows the EdgeCard. */
function GradEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data }: EdgeProps<GradFlowEdge>) {
  const { select, hover } = useEditor.getState();
  const pathRef = useRef<SVGPathElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  const valueRef = useRef<HTMLSpanElement>(null);
  const gradRef = useRef<HTMLSpanElement>(null);
  useLive((s) => s.annotations.edges.get(id), (d: EdgeNumbers | undefined, was: EdgeNumbers | undefined) => {
    const label = labelRef.current;
    const changed = <K extends keyof EdgeNumbers>(k: K): boolean => was === undefined || d === undefined || !Object.is(was[k], d[k]);
    if (changed('value') || changed('shape')) {
      setData(label, 'data-value', attr(d?.value));
      setData(label, 'data-shape', d?.shape === null || d === undefined ? undefined : String(d.shape));
      setText(valueRef.current, d === undefined ? ' ' : d.value !== null ? fmt(d.value) : d.shape !== null ? `[${d.shape}]` : ' ');
    }
    if (changed('grad')) {
      setData(label, 'data-grad', attr(d?.grad));
      setData(pathRef.current, 'data-has-grad', flag(d?.grad !== null && d?.grad !== undefined));
      setText(gradRef.current, d?.grad === null || d === undefined ? ' ' : fmt(d.grad));
    }
    if (changed('localGrad')) setData(label, 'data-local-grad', attr(d?.localGrad));
    if (changed('emphasis')) {
      setData(label, 'data-emphasis', flag(d?.emphasis === true));
      setData(pathRef.current, 'data-emphasis', flag(d?.emphasis === true));
    }
  });
  // The label sits where placeLabels found room on this wire, away from its neighbours' labels.
  const spot = data?.spot ?? MIDDLE;
  // After a layout the wire follows the route it was given around the nodes; otherwise a curve.
  const routed = data?.route === undefined ? undefined : routedPath(data.route, sourceX, sourceY, targetX, targetY, spot.t);
  const path = routed?.path ?? getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })[0];
  const at = routed?.at ?? wirePoint(sourceX, sourceY, targetX, targetY, spot.t);
  const labelX = at.x;
  const labelY = at.y + spot.dy;
  // A label moved well off its wire (where the wire itself had no room) hangs on a short leader to it.
  const leader = Math.abs(spot.dy) > LABEL_HALF_HEIGHT + 4 ? `M ${at.x} ${at.y} L ${labelX} ${labelY - Math.sign(spot.dy) * LABEL_HALF_HEIGHT}` : undefined;
  return (
    <>
      <path ref={pathRef} id={id} d={path} fill="none" className={`react-flow__edge-path grad-edge${selected === true ? ' is-selected' : ''}`} />
      {leader !== undefined && <path d={leader} fill="none" className="label-leader" />}
      <path d={path} fill="none" strokeOpacity={0} strokeWidth={18} className="react-flow__edge-interaction" />
      <EdgeLabelRenderer>
        <div
          ref={labelRef}
          className={`edge-label nodrag nopan${selected === true ? ' is-selected' : ''}`}
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
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoised: React re-renders an edge only when it moves or its selection changes; numbers are written live. */
export const GradEdge = memo(GradEdgeView);
