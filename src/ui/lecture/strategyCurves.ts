/** Chart series for strategy comparisons and learning-rate sweeps, from the worker's curves. */
import type { StrategyMethod } from '../../core/landscape/types';
import type { StrategyCurve, SweepCurve } from '../../worker/lectureProtocol';
import { alignCurves, clippedRange } from './align';
import { fmtLoss } from '../format';
import type { ChartSeries } from './LineChart';
import { SERIES_COLOURS } from './theme';
import { i18n } from '../i18n';

/** The lecture's name of a strategy, in the language shown. */
export const methodName = (method: StrategyMethod): string => i18n.t(`lecture.methods.${method}`);

/** All strategies' loss against evaluations spent, on one x axis. */
export function strategySeries(curves: readonly StrategyCurve[], _language?: string): { x: number[]; series: ChartSeries[] } {
  const { x, ys } = alignCurves(curves.map((c) => ({ x: c.evaluations, y: c.losses })));
  return {
    x,
    series: curves.map((c, k) => ({
      label: `${methodName(c.method)}: ${fmtLoss(c.finalLoss)}${c.divergedAt === undefined ? '' : ` ${i18n.t('strategies.divergedAt', { step: c.divergedAt })}`}`,
      values: ys[k],
      colour: SERIES_COLOURS[k % SERIES_COLOURS.length],
    })),
  };
}

/** Legend text of one learning rate: its rate and how it ended. */
export function sweepLabel(c: SweepCurve): string {
  return c.diverged ? `η = ${c.learningRate}: ${i18n.t('sweep.diverged', { step: c.atStep ?? 0 })}` : `η = ${c.learningRate}: ${fmtLoss(c.finalLoss)}`;
}

/**
 * The sweep's curves against steps. A diverged rate's curve stops where it diverged and the y range
 * follows the rates that did not, so the blow-up is clipped instead of flattening everything else.
 */
/** The sweep's series; `_language` only tells memos that labels change with the language. */
export function sweepSeries(curves: readonly SweepCurve[], _language?: string): { x: number[]; series: ChartSeries[]; yRange: [number, number] } {
  const longest = Math.max(0, ...curves.map((c) => c.losses.length));
  const x = Array.from({ length: longest }, (_v, k) => k);
  const yRange = clippedRange(curves.map((c) => ({ y: c.losses, diverged: c.diverged })));
  const top = yRange[1];
  const series = curves.map((c, k) => ({
    label: sweepLabel(c),
    // A diverged curve ends at the top edge where it left the chart, with its points drawn, so it stays visible.
    values: x.map((step) => {
      if (step >= c.losses.length) return null;
      const v = c.losses[step];
      if (c.diverged && (!Number.isFinite(v) || v > top)) return step === c.losses.length - 1 || Number.isFinite(v) ? top : null;
      return Number.isFinite(v) ? v : null;
    }),
    colour: SERIES_COLOURS[k % SERIES_COLOURS.length],
    ...(c.diverged ? { dash: [6, 4], points: true } : {}),
  }));
  return { x, series, yRange };
}
