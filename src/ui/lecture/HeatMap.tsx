/** The 2-D landscape as a canvas heat map that redraws when its data or width changes. */
import { useEffect, useRef } from 'react';
import { drawHeatMap, type HeatMapData } from './drawHeatMap';
import { cssColor } from './theme';

/** Props: the map and its accessible description. */
export interface HeatMapProps {
  data: HeatMapData;
  centerLoss: number;
  label: string;
}

/** A heat map with contour lines, labelled axes, a colour legend, W marked and an optional path. */
export function HeatMap({ data, centerLoss, label }: HeatMapProps) {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = host.current;
    const c = canvas.current;
    if (el === null || c === null) return;
    const draw = (): void => {
      const width = Math.max(260, Math.floor(el.clientWidth));
      const height = Math.round(width * 0.82);
      const ratio = window.devicePixelRatio || 1;
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
      const ctx = c.getContext('2d');
      if (ctx === null) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawHeatMap(ctx, width, height, data, {
        text: cssColor(el, '--text', '#1d232b'),
        muted: cssColor(el, '--muted', '#67707c'),
        background: cssColor(el, '--panel', '#ffffff'),
        path: cssColor(el, '--current', '#f59f00'),
      });
      c.dataset.drawn = 'true';
    };
    draw();
    let last = el.clientWidth;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth !== last) {
        last = el.clientWidth;
        draw();
      }
    });
    resize.observe(el);
    return () => resize.disconnect();
  }, [data]);
  return (
    <div ref={host} className="gf-heatmap">
      <canvas ref={canvas} role="img" aria-label={label} data-testid="landscape-map"
        data-min={data.min} data-max={data.max} data-center-loss={centerLoss} data-steps={data.alphas.length} />
    </div>
  );
}
