/** The "Strategies" tab: random search, random local search and gradient descent on one problem, and a learning-rate sweep. */
import { useMemo } from 'react';
import { STRATEGY_METHODS } from '../../core/landscape/strategies';
import { useEditor } from '../store';
import { ask, embeddedDataUrl } from './client';
import { NumberInput } from './Field';
import { LineChart } from './LineChart';
import { ProblemPicker, useNetworkChosen } from './ProblemPicker';
import { positive, problemSource, wholeIn } from './source';
import { setSettings, useLecture } from './store';
import { METHOD_NAMES, strategySeries } from './strategyCurves';
import { SweepSection } from './SweepSection';
import { StaleNote } from './stale';
import { WeightsUsedNote } from './WeightsNote';

let latest = 0;

/** Runs the four strategies with the same budget in the worker. */
async function runStrategies(): Promise<void> {
  const st = useLecture.getState().strategySettings;
  const { graph, selectedNodes } = useEditor.getState();
  const token = ++latest;
  useLecture.setState({ strategies: { kind: 'busy' } });
  const response = await ask({
    type: 'strategies', source: problemSource(st.problem, graph, selectedNodes, st.samples, embeddedDataUrl()),
    settings: { methods: [...STRATEGY_METHODS], budget: st.budget, learningRate: st.learningRate, stepSize: st.stepSize, batchSize: st.batchSize, seed: st.seed },
  });
  if (token !== latest) return;
  if (response.type === 'strategies') useLecture.setState({ strategies: { kind: 'done', result: response, graph: st.problem === 'editor' ? graph : null } });
  else useLecture.setState({ strategies: { kind: 'error', message: response.type === 'error' ? response.message : `unexpected answer ${response.type}` } });
}

/** The comparison's settings, its chart, and the sweep below. */
export function StrategiesPanel() {
  const st = useLecture((s) => s.strategySettings);
  const job = useLecture((s) => s.strategies);
  const network = useNetworkChosen(st.problem);
  const set = (patch: Partial<typeof st>): void => setSettings('strategySettings', patch);
  const chart = useMemo(() => (job.kind === 'done' ? strategySeries(job.result.curves) : null), [job]);
  return (
    <section className="gf-lecture" aria-label="Search strategies">
      <p className="muted gf-lecture-intro">
        The same budget of loss evaluations for each strategy (a gradient costs two: forward and backward;
        a mini-batch gradient a fraction of that).
      </p>
      <ProblemPicker value={st.problem} onChange={(problem) => set({ problem })} />
      <div className="gf-lecture-row" role="group" aria-label="Strategy settings">
        <NumberInput label="Budget" value={st.budget} parse={(t) => wholeIn(t, 2, 100_000)} onValue={(budget) => set({ budget })} title="Loss evaluations each strategy may spend" />
        <NumberInput label="Learning rate" value={st.learningRate} parse={positive} onValue={(learningRate) => set({ learningRate })} title="Gradient descent: W −= η · dL/dW" />
        <NumberInput label="Step size" value={st.stepSize} parse={positive} onValue={(stepSize) => set({ stepSize })} title="Random local search: W + step · N(0, I)" />
        <NumberInput label="Batch" value={st.batchSize} parse={(t) => wholeIn(t, 1, 10_000)} onValue={(batchSize) => set({ batchSize })} title="Mini-batch size for SGD" />
        <NumberInput label="Seed" value={st.seed} parse={(t) => wholeIn(t, 0, 2 ** 31)} onValue={(seed) => set({ seed })} />
        {network && <NumberInput label="Samples" value={st.samples} parse={(t) => wholeIn(t, 1, 8000)} onValue={(samples) => set({ samples })} title="L is the mean loss over this many training digits" />}
        <button type="button" data-ui="strategies-run" className="accent" onClick={() => void runStrategies()} disabled={job.kind === 'busy'}>
          {job.kind === 'busy' ? 'Running…' : 'Compare strategies'}
        </button>
      </div>
      {job.kind === 'busy' && <p className="muted" role="status">Running in the background…</p>}
      {job.kind === 'error' && <p className="error" role="alert">Could not run the strategies: {job.message}</p>}
      {job.kind === 'done' && chart !== null && (
        <>
          <StaleNote computedFor={job.graph} />
          <p className="muted gf-lecture-note">{job.result.problem.description}; {job.result.ms} ms.</p>
          <WeightsUsedNote used={job.result.problem.weights} />
          <LineChart x={chart.x} series={chart.series} xLabel="loss evaluations" yLabel="loss" testId="strategies-chart" />
          <ul className="gf-lecture-legend" aria-label="Final losses">
            {job.result.curves.map((c) => (
              <li key={c.method} data-method={c.method} data-final-loss={c.finalLoss}>
                {METHOD_NAMES[c.method]}: {c.steps} steps, final loss {Number(c.finalLoss.toPrecision(4))}
              </li>
            ))}
          </ul>
        </>
      )}
      <SweepSection />
    </section>
  );
}
