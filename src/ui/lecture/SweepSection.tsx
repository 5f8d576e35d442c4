/** The learning-rate sweep: several rates trained side by side from the same W; divergence shown as such. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store';
import { embeddedUrl } from '../embeddedData';
import { runJob } from './runJob';
import { NumberInput } from './Field';
import { LineChart } from './LineChart';
import { parseRates, problemSource, wholeIn } from './source';
import { setSettings, useLecture } from './store';
import { sweepLabel, sweepSeries } from './strategyCurves';
import { StaleNote } from './stale';

/** Trains each rate in the worker; rates come from the typed list. */
async function runSweep(rates: number[]): Promise<void> {
  const st = useLecture.getState().strategySettings;
  const { graph, selectedNodes } = useEditor.getState();
  await runJob('sweep', {
    type: 'sweep', source: problemSource(st.problem, graph, selectedNodes, st.samples, embeddedUrl()),
    rates, steps: st.sweepSteps, batchSize: 0, seed: st.seed,
  }, ['sweep'], (result) => ({ result, graph: st.problem === 'editor' ? graph : null }));
}

/** Rates, steps, the button and the chart. */
export function SweepSection() {
  const st = useLecture((s) => s.strategySettings);
  const job = useLecture((s) => s.sweep);
  const [ratesText, setRatesText] = useState(st.rates);
  const rates = parseRates(ratesText);
  const { t, i18n: { language } } = useTranslation();
  const chart = useMemo(() => (job.kind === 'done' ? sweepSeries(job.result.curves, language) : null), [job, language]);
  return (
    <section className="gf-lecture-sub" aria-label={t('sweep.label')}>
      <h3>{t('sweep.label')}</h3>
      <p className="muted gf-lecture-intro">{t('sweep.intro')}</p>
      <div className="gf-lecture-row">
        <label className="gf-lecture-field">
          <span>{t('sweep.rates')}</span>
          <input type="text" value={ratesText} aria-invalid={typeof rates === 'string'} style={{ width: '13em' }}
            onChange={(e) => {
              setRatesText(e.target.value);
              setSettings('strategySettings', { rates: e.target.value });
            }} />
        </label>
        <NumberInput label={t('lecture.steps')} value={st.sweepSteps} parse={(text) => wholeIn(text, 1, 5000)} onValue={(sweepSteps) => setSettings('strategySettings', { sweepSteps })} />
        <button type="button" data-ui="sweep-run" className="accent" disabled={typeof rates === 'string' || job.kind === 'busy'} onClick={() => typeof rates !== 'string' && void runSweep(rates)}>
          {job.kind === 'busy' ? t('lecture.running') : t('sweep.run')}
        </button>
      </div>
      {typeof rates === 'string' && <p className="error">{rates}</p>}
      {job.kind === 'busy' && <p className="muted" role="status">{t('lecture.runningBackground')}</p>}
      {job.kind === 'error' && <p className="error" role="alert">{t('sweep.failed', { detail: job.message })}</p>}
      {job.kind === 'done' && chart !== null && (
        <>
          <StaleNote computedFor={job.graph} />
          <LineChart x={chart.x} series={chart.series} yRange={chart.yRange} xLabel={t('sweep.steps')} yLabel={t('lecture.loss')} testId="sweep-chart" />
          <ul className="gf-lecture-legend" aria-label={t('sweep.rates')}>
            {job.result.curves.map((c) => (
              <li key={c.learningRate} data-rate={c.learningRate} data-diverged={c.diverged} className={c.diverged ? 'is-diverged' : undefined}>
                {sweepLabel(c)}{c.diverged ? ` ${t('sweep.clipped')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
