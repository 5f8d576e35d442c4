/** The "Landscape" tab: a 1-D slice L(W + a·W1) or a 2-D map L(W + a·W1 + b·W2), computed in the lecture worker. */
import { useMemo } from 'react';
import type { StrategyMethod } from '../../core/landscape/types';
import { useEditor } from '../store';
import { ask, embeddedDataUrl } from './client';
import { NumberInput } from './Field';
import { HeatMap } from './HeatMap';
import { LineChart, type ChartSeries } from './LineChart';
import { ProblemPicker, useNetworkChosen } from './ProblemPicker';
import { problemSource, wholeIn, positive } from './source';
import { setSettings, useLecture } from './store';
import { SERIES_COLOURS } from './theme';
import { fmtLoss } from './format';
import { StaleNote } from './stale';
import { trainedFor } from '../store/trained';
import { WeightsHint, WeightsUsedNote } from './WeightsNote';

let latest = 0;

/** Asks the worker for the landscape the settings describe; a newer request supersedes an older one. */
async function computeLandscape(): Promise<void> {
  const st = useLecture.getState().landscapeSettings;
  const { graph, selectedNodes } = useEditor.getState();
  const token = ++latest;
  useLecture.setState({ landscape: { kind: 'busy' } });
  const path = st.dims === 2 && st.path !== 'none'
    ? { method: st.path, budget: st.pathBudget, learningRate: st.pathRate, stepSize: st.pathRate }
    : null;
  const response = await ask({
    type: 'landscape', source: problemSource(st.problem, graph, selectedNodes, st.samples, embeddedDataUrl(), trainedFor(graph)),
    dims: st.dims, steps: st.steps, range: st.range, seed: st.seed, path,
  });
  if (token !== latest) return;
  if (response.type === 'slice1d' || response.type === 'slice2d') useLecture.setState({ landscape: { kind: 'done', result: response, graph: st.problem === 'editor' ? graph : null } });
  else useLecture.setState({ landscape: { kind: 'error', message: response.type === 'error' ? response.message : `unexpected answer ${response.type}` } });
}

const PATHS: { value: StrategyMethod | 'none'; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'gd', label: 'gradient descent' },
  { value: 'sgd', label: 'mini-batch SGD' },
  { value: 'local', label: 'random local search' },
];

/** The landscape controls and the picture. */
export function LandscapePanel() {
  const st = useLecture((s) => s.landscapeSettings);
  const job = useLecture((s) => s.landscape);
  const network = useNetworkChosen(st.problem);
  const graph = useEditor((s) => s.graph);
  const set = (patch: Partial<typeof st>): void => setSettings('landscapeSettings', patch);
  return (
    <section className="gf-lecture" aria-label="Loss landscape">
      <p className="muted gf-lecture-intro">
        W is a point in parameter space; the picture is the loss along seeded random directions through it
        (filter-normalised for networks, as Li et al. 2018).
      </p>
      <ProblemPicker value={st.problem} onChange={(problem) => set({ problem })} />
      {network && <WeightsHint graph={graph} />}
      <div className="gf-lecture-row" role="group" aria-label="Landscape settings">
        <fieldset className="gf-lecture-dims">
          <legend className="sr-only">Dimensions</legend>
          <label><input type="radio" name="gf-dims" checked={st.dims === 1} onChange={() => set({ dims: 1, steps: 101 })} /> 1-D slice</label>
          <label><input type="radio" name="gf-dims" checked={st.dims === 2} onChange={() => set({ dims: 2, steps: 41 })} /> 2-D map</label>
        </fieldset>
        <NumberInput label="Range ±" value={st.range} parse={positive} onValue={(range) => set({ range })} title="The axes run from −range to +range" />
        <NumberInput key={`steps-${st.dims}`} label="Steps" value={st.steps} parse={(t) => wholeIn(t, 3, st.dims === 2 ? 201 : 2001)} onValue={(steps) => set({ steps })} title="Points per axis (odd puts one on W)" />
        <NumberInput label="Seed" value={st.seed} parse={(t) => wholeIn(t, 0, 2 ** 31)} onValue={(seed) => set({ seed })} title="Seeds the random directions" />
        {network && <NumberInput label="Samples" value={st.samples} parse={(t) => wholeIn(t, 1, 8000)} onValue={(samples) => set({ samples })} title="L is the mean loss over this many training digits" />}
        {st.dims === 2 && (
          <label className="gf-lecture-field">
            <span>Path</span>
            <select value={st.path} onChange={(e) => set({ path: e.target.value as StrategyMethod | 'none' })} title="An optimiser's path from W, projected onto the plane">
              {PATHS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
            </select>
          </label>
        )}
        {st.dims === 2 && st.path !== 'none' && (
          <>
            <NumberInput label={st.path === 'local' ? 'Path step' : 'Path η'} value={st.pathRate} parse={positive} onValue={(pathRate) => set({ pathRate })} title="The path's learning rate (step size for random local search)" />
            <NumberInput label="Path budget" value={st.pathBudget} parse={(t) => wholeIn(t, 2, 10_000)} onValue={(pathBudget) => set({ pathBudget })} title="Loss evaluations the path may spend (a gradient costs 2)" />
          </>
        )}
        <button type="button" data-ui="landscape-run" className="accent" onClick={() => void computeLandscape()} disabled={job.kind === 'busy'}>
          {job.kind === 'busy' ? 'Computing…' : 'Compute landscape'}
        </button>
      </div>
      <LandscapeResult />
    </section>
  );
}

/** The latest landscape: a uPlot slice or a heat map, with what it shows. */
function LandscapeResult() {
  const job = useLecture((s) => s.landscape);
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
  if (job.kind === 'idle') return <p className="muted">Choose the settings and press “Compute landscape”.</p>;
  if (job.kind === 'busy') return <p className="muted" role="status">Computing in the background…</p>;
  if (job.kind === 'error') return <p className="error" role="alert">Could not compute the landscape: {job.message}</p>;
  const r = job.result;
  return (
    <div className="gf-landscape-result">
      <StaleNote computedFor={job.graph} />
      <p className="muted gf-lecture-note" data-testid="landscape-summary">
        {r.problem.description}. L(W) = <strong>{fmtLoss(r.centerLoss)}</strong>; {r.type === 'slice2d' ? `${r.alphas.length}×${r.betas.length} map` : `${r.alphas.length} points`} in {r.ms} ms.
      </p>
      <WeightsUsedNote used={r.problem.weights} />
      {r.type === 'slice1d' && oneD !== null && (
        <LineChart x={oneD.x} series={oneD.series} xLabel="a" yLabel="loss" testId="landscape-slice" />
      )}
      {r.type === 'slice2d' && (
        <>
          <HeatMap data={r} centerLoss={r.centerLoss} label={`Loss map: ${fmtLoss(r.min)} to ${fmtLoss(r.max)}, W at the centre`} />
          <p className="muted gf-lecture-note">
            Contour lines at ten levels; W marked at the centre.
            {r.path !== null && ` The orange path is ${r.path.method === 'gd' ? 'gradient descent' : r.path.method === 'sgd' ? 'mini-batch SGD' : 'random local search'} from W, projected onto the plane (up to ${fmtLoss(r.path.maxResidual)} off it).`}
          </p>
        </>
      )}
    </div>
  );
}
