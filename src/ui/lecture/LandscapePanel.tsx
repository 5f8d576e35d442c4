/** The "Landscape" tab: a 1-D slice L(W + a·W1) or a 2-D map L(W + a·W1 + b·W2), computed in the lecture worker. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from './problemText';
import type { StrategyMethod } from '../../core/landscape/types';
import { useEditor } from '../store';
import { embeddedUrl } from '../embeddedData';
import { runJob } from './runJob';
import { NumberInput } from './Field';
import { HeatMap } from './HeatMap';
import { LineChart, type ChartSeries } from './LineChart';
import { ProblemPicker, useNetworkChosen } from './ProblemPicker';
import { problemSource, wholeIn, positive } from './source';
import { setSettings, useLecture } from './store';
import { SERIES_COLOURS } from './theme';
import { fmtLoss } from '../format';
import { StaleNote } from './stale';
import { trainedFor } from '../store/trained';
import { WeightsHint, WeightsUsedNote } from './WeightsNote';

/** Asks the worker for the landscape the settings describe; a newer request supersedes an older one. */
async function computeLandscape(): Promise<void> {
  const st = useLecture.getState().landscapeSettings;
  const { graph, selectedNodes } = useEditor.getState();
  const path = st.dims === 2 && st.path !== 'none'
    ? { method: st.path, budget: st.pathBudget, learningRate: st.pathRate, stepSize: st.pathRate }
    : null;
  await runJob('landscape', {
    type: 'landscape', source: problemSource(st.problem, graph, selectedNodes, st.samples, embeddedUrl(), trainedFor(graph)),
    dims: st.dims, steps: st.steps, range: st.range, seed: st.seed, path,
  }, ['slice1d', 'slice2d'], (result) => ({ result, graph: st.problem === 'editor' ? graph : null }));
}

/** The optimiser paths a 2-D map can show (their names are under lecture.paths in the catalogs). */
const PATHS: readonly (StrategyMethod | 'none')[] = ['none', 'gd', 'sgd', 'local'];

/** The landscape controls and the picture. */
export function LandscapePanel() {
  const st = useLecture((s) => s.landscapeSettings);
  const job = useLecture((s) => s.landscape);
  const network = useNetworkChosen(st.problem);
  const graph = useEditor((s) => s.graph);
  const set = (patch: Partial<typeof st>): void => setSettings('landscapeSettings', patch);
  const { t } = useTranslation();
  return (
    <section className="gf-lecture" aria-label={t('landscape.label')}>
      <p className="muted gf-lecture-intro">{t('landscape.intro')}</p>
      <ProblemPicker value={st.problem} onChange={(problem) => set({ problem })} />
      {network && <WeightsHint graph={graph} />}
      <div className="gf-lecture-row" role="group" aria-label={t('landscape.settings')}>
        <fieldset className="gf-lecture-dims">
          <legend className="sr-only">{t('landscape.dims')}</legend>
          <label><input type="radio" name="gf-dims" checked={st.dims === 1} onChange={() => set({ dims: 1, steps: 101 })} /> {t('landscape.oneD')}</label>
          <label><input type="radio" name="gf-dims" checked={st.dims === 2} onChange={() => set({ dims: 2, steps: 41 })} /> {t('landscape.twoD')}</label>
        </fieldset>
        <NumberInput label={t('landscape.range')} value={st.range} parse={positive} onValue={(range) => set({ range })} title={t('landscape.rangeTitle')} />
        <NumberInput key={`steps-${st.dims}`} label={t('lecture.steps')} value={st.steps} parse={(text) => wholeIn(text, 3, st.dims === 2 ? 201 : 2001)} onValue={(steps) => set({ steps })} title={t('landscape.stepsTitle')} />
        <NumberInput label={t('lecture.seed')} value={st.seed} parse={(text) => wholeIn(text, 0, 2 ** 31)} onValue={(seed) => set({ seed })} title={t('landscape.seedTitle')} />
        {network && <NumberInput label={t('lecture.samples')} value={st.samples} parse={(text) => wholeIn(text, 1, 8000)} onValue={(samples) => set({ samples })} title={t('lecture.samplesTitle')} />}
        {st.dims === 2 && (
          <label className="gf-lecture-field">
            <span>{t('landscape.path')}</span>
            <select value={st.path} onChange={(e) => set({ path: e.target.value as StrategyMethod | 'none' })} title={t('landscape.pathTitle')}>
              {PATHS.map((p) => <option key={p} value={p}>{t(`lecture.paths.${p}`)}</option>)}
            </select>
          </label>
        )}
        {st.dims === 2 && st.path !== 'none' && (
          <>
            <NumberInput label={st.path === 'local' ? t('landscape.pathStep') : t('landscape.pathRate')} value={st.pathRate} parse={positive} onValue={(pathRate) => set({ pathRate })} title={t('landscape.pathRateTitle')} />
            <NumberInput label={t('landscape.pathBudget')} value={st.pathBudget} parse={(text) => wholeIn(text, 2, 10_000)} onValue={(pathBudget) => set({ pathBudget })} title={t('landscape.pathBudgetTitle')} />
          </>
        )}
        <button type="button" data-ui="landscape-run" className="accent" onClick={() => void computeLandscape()} disabled={job.kind === 'busy'}>
          {job.kind === 'busy' ? t('lecture.computing') : t('landscape.compute')}
        </button>
      </div>
      <LandscapeResult />
    </section>
  );
}

/** The latest landscape: a uPlot slice or a heat map, with what it shows. */
function LandscapeResult() {
  const job = useLecture((s) => s.landscape);
  const { t } = useTranslation();
  const oneD = useMemo(() => {
    if (job.kind !== 'done' || job.result.type !== 'slice1d') return null;
    const r = job.result;
    const x = Array.from(r.alphas);
    const centre = x.map((a) => (a === 0 ? r.centerLoss : null));
    const series: ChartSeries[] = [
      { label: 'L(W + a·W₁)', values: Array.from(r.losses, (v) => (Number.isFinite(v) ? v : null)), colour: SERIES_COLOURS[0] },
      { label: 'W (a = 0)', values: centre, colour: SERIES_COLOURS[3], markers: true },
    ];
    return { x, series };
  }, [job]);
  if (job.kind === 'idle') return <p className="muted">{t('landscape.idle')}</p>;
  if (job.kind === 'busy') return <p className="muted" role="status">{t('lecture.computingBackground')}</p>;
  if (job.kind === 'error') return <p className="error" role="alert">{t('landscape.failed', { detail: job.message })}</p>;
  const r = job.result;
  return (
    <div className="gf-landscape-result">
      <StaleNote computedFor={job.graph} />
      <p className="muted gf-lecture-note" data-testid="landscape-summary">
        {problemText(r.problem)}. L(W) = <strong>{fmtLoss(r.centerLoss)}</strong>; {r.type === 'slice2d' ? t('landscape.mapSize', { a: r.alphas.length, b: r.betas.length, ms: r.ms }) : t('landscape.points', { count: r.alphas.length, ms: r.ms })}
      </p>
      <WeightsUsedNote used={r.problem.weights} />
      {r.type === 'slice1d' && oneD !== null && (
        <LineChart x={oneD.x} series={oneD.series} xLabel="a" yLabel={t('lecture.loss')} testId="landscape-slice" />
      )}
      {r.type === 'slice2d' && (
        <>
          <HeatMap data={r} centerLoss={r.centerLoss} label={t('landscape.mapLabel', { min: fmtLoss(r.min), max: fmtLoss(r.max) })} />
          <p className="muted gf-lecture-note">
            {t('landscape.contours')}
            {r.path !== null && ` ${t('landscape.pathNote', { method: t(`lecture.paths.${r.path.method}`), off: fmtLoss(r.path.maxResidual) })}`}
          </p>
        </>
      )}
    </div>
  );
}
