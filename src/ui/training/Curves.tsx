/** The live training-loss and test-accuracy curves, drawn with uPlot. */
import { i18n } from '../i18n';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTraining } from './store';
import { sameDecimals } from './ticks';

interface ChartProps {
  title: string;
  x: number[];
  y: number[];
  /** CSS custom property holding the stroke colour, with a fallback. */
  color: [string, string];
  range?: [number, number];
  format: (v: number) => string;
  /** The y axis's tick labels from its ticks. */
  tickLabels: (ticks: number[]) => string[];
}

const HEIGHT = 130;

/** Reads a CSS custom property as seen at `element`, falling back when it is not set. */
function cssColor(element: Element, name: string, fallback: string): string {
  const v = getComputedStyle(element).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** One small line chart over epochs. */
function Chart({ title, x, y, color, range, format, tickLabels }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const axisColor = cssColor(el, '--t-muted', '#888');
    const axis = { stroke: axisColor, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // Losses are never negative, so the loss axis starts at 0 like the accuracy axis.
      scales: { x: { time: false }, y: { range: range ?? ((_u, _min, max) => [0, max > 0 ? max * 1.05 : 1]) } },
      axes: [
        { ...axis, label: i18n.t('training.epochAxis'), labelSize: 18, size: 32 },
        { ...axis, size: 50, values: (_u, ticks) => tickLabels(ticks) },
      ],
      series: [{}, { label: title, stroke: cssColor(el, color[0], color[1]), width: 2, points: { show: true, size: 4 } }],
    };
    plot.current = new uPlot(opts, [[], []], el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [title, color, range, tickLabels]);

  useEffect(() => {
    // A diverging run (too large a learning rate) gives Infinity or NaN: gaps, not a broken scale.
    plot.current?.setData([x, y.map((v) => (Number.isFinite(v) ? v : null))]);
  }, [x, y]);

  const last = y.length > 0 ? format(y[y.length - 1]) : '–';
  return (
    <figure className="gf-train-chart" data-testid={`chart-${title.toLowerCase().replace(/\s+/g, '-')}`} data-points={y.length}>
      <figcaption>
        {title} <span className="gf-train-chart-last">{last}</span>
      </figcaption>
      <div ref={host} />
    </figure>
  );
}

const LOSS_COLOR: [string, string] = ['--t-grad', '#c62828'];
const ACC_COLOR: [string, string] = ['--t-value', '#2e7d32'];
const ACC_RANGE: [number, number] = [0, 1];
const lossFormat = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2));
const pctFormat = (v: number): string => `${Math.round(v * 1000) / 10}%`;
const pctTicks = (ticks: number[]): string[] => ticks.map(pctFormat);

/** Training loss and test accuracy against epochs, updated as points arrive. */
export function Curves() {
  const curves = useTraining((s) => s.curves);
  const started = useTraining((s) => s.progress !== null);
  const { t } = useTranslation();
  if (!started && curves.x.length === 0) return null;
  return (
    <section className="gf-train-curves" aria-label={t('training.curves')}>
      <Chart title={t('training.trainingLoss')} x={curves.x} y={curves.loss} color={LOSS_COLOR} format={lossFormat} tickLabels={sameDecimals} />
      <Chart title={t('training.testAccuracy')} x={curves.x} y={curves.accuracy} color={ACC_COLOR} range={ACC_RANGE} format={pctFormat} tickLabels={pctTicks} />
    </section>
  );
}
