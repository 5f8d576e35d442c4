/** Several loss curves on one uPlot chart with a legend. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssColor } from './theme';

/** One series of a chart. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: number[];
  /** Draw the points only, large (a marker such as the current W), instead of a line. */
  markers?: boolean;
  /** Draw the points as well as the line (a short curve, such as a diverged run). */
  points?: boolean;
}

/** Props of LineChart. */
export interface LineChartProps {
  x: number[];
  series: ChartSeries[];
  xLabel: string;
  yLabel: string;
  /** Fixed y range (clips what lies outside); default from 0 to the largest value. */
  yRange?: [number, number];
  testId: string;
  height?: number;
}

/** A uPlot line chart, rebuilt when its data change (the data are small). */
export function LineChart({ x, series, xLabel, yLabel, yRange, testId, height = 220 }: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const axisColour = cssColor(el, '--muted', '#888');
    const axis = { stroke: axisColour, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } };
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height,
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: false },
        y: { range: yRange ?? ((_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1]) },
      },
      axes: [
        { ...axis, label: xLabel, labelSize: 18, size: 34 },
        { ...axis, label: yLabel, labelSize: 18, size: 56 },
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label, stroke: s.colour, width: s.markers === true ? 0 : 2, spanGaps: s.markers !== true,
          ...(s.dash === undefined ? {} : { dash: s.dash }),
          points: s.markers === true ? { show: true, size: 9, fill: s.colour } : { show: s.points === true, size: 6, fill: s.colour },
        })),
      ],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
    let last = el.clientWidth;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth === last) return;
      last = el.clientWidth;
      plot.setSize({ width: Math.max(240, el.clientWidth), height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, xLabel, yLabel, yRange, height]);
  return <div ref={host} className="gf-lecture-chart" data-testid={testId} data-series={series.length} />;
}
