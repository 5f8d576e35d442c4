/** The "Strategies" tab: random search, random local search and gradient descent on one problem, and a learning-rate sweep. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from './problemText';
import { STRATEGY_METHODS } from '../../core/landscape/strategies';
import { useEditor } from '../store';
import { embeddedUrl } from '../embeddedData';
import { runJob } from './runJob';
import { NumberInput } from './Field';
import { LineChart } from './LineChart';
import { ProblemPicker, useNetworkChosen } from './ProblemPicker';
import { positive, problemSource, wholeIn } from './source';
import { setSettings, useLecture } from './store';
import { strategySeries } from './strategyCurves';
import { SweepSection } from './SweepSection';
import { StaleNote } from './stale';
import { WeightsUsedNote } from './WeightsNote';

/** Runs the four strategies with the same budget in the worker. */
async function runStrategies(): Promise<void> {
  const st = useLecture.getState().strategySettings;
  const { graph, selectedNodes } = useEditor.getState();
  await runJob('strategies', {
    type: 'strategies', source: problemSource(st.problem, graph, selectedNodes, st.samples, embeddedUrl()),
    settings: { methods: [...STRATEGY_METHODS], budget: st.budget, learningRate: st.learningRate, stepSize: st.stepSize, batchSize: st.batchSize, seed: st.seed },
  }, ['strategies'], (result) => ({ result, graph: st.problem === 'editor' ? graph : null }));
}

/** The comparison's settings, its chart, and the sweep below. */
export function StrategiesPanel() {
  const st = useLecture((s) => s.strategySettings);
  const job = useLecture((s) => s.strategies);
  const network = useNetworkChosen(st.problem);
  const set = (patch: Partial<typeof st>): void => setSettings('strategySettings', patch);
  const { t, i18n: { language } } = useTranslation();
  const chart = useMemo(() => (job.kind === 'done' ? strategySeries(job.result.curves, language) : null), [job, language]);
  return (
    <section className="gf-lecture" aria-label={t('strategies.label')}>
      <p className="muted gf-lecture-intro">{t('strategies.intro')}</p>
      <ProblemPicker value={st.problem} onChange={(problem) => set({ problem })} />
      <div className="gf-lecture-row" role="group" aria-label={t('strategies.settings')}>
        <NumberInput label={t('strategies.budget')} value={st.budget} parse={(text) => wholeIn(text, 2, 100_000)} onValue={(budget) => set({ budget })} title={t('strategies.budgetTitle')} />
        <NumberInput label={t('strategies.learningRate')} value={st.learningRate} parse={positive} onValue={(learningRate) => set({ learningRate })} title={t('strategies.learningRateTitle')} />
        <NumberInput label={t('strategies.stepSize')} value={st.stepSize} parse={positive} onValue={(stepSize) => set({ stepSize })} title={t('strategies.stepSizeTitle')} />
        <NumberInput label={t('lecture.batch')} value={st.batchSize} parse={(text) => wholeIn(text, 1, 10_000)} onValue={(batchSize) => set({ batchSize })} title={t('strategies.batchTitle')} />
        <NumberInput label={t('lecture.seed')} value={st.seed} parse={(text) => wholeIn(text, 0, 2 ** 31)} onValue={(seed) => set({ seed })} />
        {network && <NumberInput label={t('lecture.samples')} value={st.samples} parse={(text) => wholeIn(text, 1, 8000)} onValue={(samples) => set({ samples })} title={t('lecture.samplesTitle')} />}
        <button type="button" data-ui="strategies-run" className="accent" onClick={() => void runStrategies()} disabled={job.kind === 'busy'}>
          {job.kind === 'busy' ? t('lecture.running') : t('strategies.compare')}
        </button>
      </div>
      {job.kind === 'busy' && <p className="muted" role="status">{t('lecture.runningBackground')}</p>}
      {job.kind === 'error' && <p className="error" role="alert">{t('strategies.failed', { detail: job.message })}</p>}
      {job.kind === 'done' && chart !== null && (
        <>
          <StaleNote computedFor={job.graph} />
          <p className="muted gf-lecture-note">{t('strategies.took', { problem: problemText(job.result.problem), ms: job.result.ms })}</p>
          <WeightsUsedNote used={job.result.problem.weights} />
          <LineChart x={chart.x} series={chart.series} xLabel={t('strategies.evaluations')} yLabel={t('lecture.loss')} testId="strategies-chart" />
          <ul className="gf-lecture-legend" aria-label={t('strategies.finalLosses')}>
            {job.result.curves.map((c) => (
              <li key={c.method} data-method={c.method} data-final-loss={c.finalLoss}>
                {t('strategies.final', { method: t(`lecture.methods.${c.method}`), steps: c.steps, loss: Number(c.finalLoss.toPrecision(4)) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <SweepSection />
    </section>
  );
}
