/** The "Four equations" tab: BP1–BP4 beside each dense layer's delta, bias gradient and weight-gradient norm for a mini-batch. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n, reasonText } from '../i18n';
import type { LayerEquations } from '../../core/net/equations';
import { isLayeredGraph } from '../../core/net/shapes';
import { library } from '../library';
import { useEditor } from '../store';
import { embeddedUrl } from '../embeddedData';
import { runJob } from './runJob';
import { Equations } from './Equations';
import { expandedGraph } from './expand';
import { NumberInput } from './Field';
import { fmtLoss } from '../format';
import { HeatStrip } from './HeatStrip';
import { setSettings, useLecture, type EquationsRun } from './store';
import { wholeIn } from './source';
import { relationTo } from './stale';
import { trainedFor } from '../store/trained';
import { WeightsHint, WeightsUsedNote } from './WeightsNote';

/** Asks the worker for the four equations of a mini-batch of the editor's network. */
async function computeEquations(): Promise<void> {
  const { batchSize, seed } = useLecture.getState().equationsSettings;
  const graph = useEditor.getState().graph;
  const parameters = trainedFor(graph);
  setSettings('equationsSettings', { current: null });
  await runJob('equations', { type: 'equations', graph, batchSize, seed, dataUrl: embeddedUrl(), ...(parameters === null ? {} : { parameters }) },
    ['equations'], (response) => ({ result: { response, batchSize, seed, parameters, expanded: null }, graph }));
}

/** Backward order: from the output layer (BP1) down to the first; past the first, back to none. */
function stepBackward(layers: number): void {
  const { current } = useLecture.getState().equationsSettings;
  const next = current === null ? layers - 1 : current - 1;
  setSettings('equationsSettings', { current: next >= 0 ? next : null });
}

/** Which equations the highlighted layer uses. */
const activeEquations = (layer: LayerEquations | undefined): string[] => (layer === undefined ? [] : [layer.equation, 'BP3', 'BP4']);

/** The tab. */
export function EquationsPanel() {
  const graph = useEditor((s) => s.graph);
  const layered = isLayeredGraph(graph);
  const st = useLecture((s) => s.equationsSettings);
  const job = useLecture((s) => s.equations);
  const [expandError, setExpandError] = useState<string | null>(null);
  const layers = job.kind === 'done' ? job.result.response.equations.layers : [];
  const current = st.current === null ? undefined : layers[st.current];
  const relation = job.kind === 'done' && job.graph !== null ? relationTo(graph, job.graph, job.result.expanded?.graph ?? null) : 'current';
  const { t } = useTranslation();

  const expand = async (): Promise<void> => {
    const { graph: layeredGraph } = useEditor.getState();
    const done = useLecture.getState().equations;
    // Expand the very network the δ view shows (its batch and weights); without a result for it, what Compute would use.
    const run = done.kind === 'done' && done.graph !== null && relationTo(layeredGraph, done.graph, null) === 'current' ? done.result : null;
    try {
      const result = await expandedGraph(layeredGraph, run?.batchSize ?? st.batchSize, run?.seed ?? st.seed, run === null ? trainedFor(layeredGraph) : run.parameters);
      // The expanded graph is a graph of its own in the library: the network stays in its entry, and Undo returns to it.
      library.openGraph(result.graph, i18n.t('library.expandedName'), i18n.t('equations.expanded', { sample: result.sampleIndex, label: result.label }));
      setExpandError(null);
      const now = useLecture.getState().equations;
      if (run !== null && now.kind === 'done' && now.result === run) {
        useLecture.setState({ equations: { ...now, result: { ...run, expanded: { graph: useEditor.getState().graph, sampleIndex: result.sampleIndex, label: result.label } } } });
      }
    } catch (error) {
      setExpandError(i18n.t('equations.cannotExpand', { detail: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <section className="gf-lecture" aria-label={t('equations.label')}>
      <Equations active={activeEquations(current)} />
      {!layered && relation !== 'expanded' && (
        <p className="muted">{t('equations.openLayered')}</p>
      )}
      {layered && <WeightsHint graph={graph} />}
      {layered && (
        <div className="gf-lecture-row" role="group" aria-label={t('equations.miniBatch')}>
          <NumberInput label={t('lecture.batch')} value={st.batchSize} parse={(text) => wholeIn(text, 1, 1000)} onValue={(batchSize) => setSettings('equationsSettings', { batchSize })} />
          <NumberInput label={t('lecture.seed')} value={st.seed} parse={(text) => wholeIn(text, 0, 2 ** 31)} onValue={(seed) => setSettings('equationsSettings', { seed })} title={t('equations.seedTitle')} />
          <button type="button" data-ui="equations-run" className="accent" onClick={() => void computeEquations()} disabled={job.kind === 'busy'}>
            {job.kind === 'busy' ? t('lecture.computing') : t('equations.compute')}
          </button>
          <button type="button" data-ui="equations-step" onClick={() => stepBackward(layers.length)} disabled={layers.length === 0}
            title={t('equations.stepTitle')}>
            {t('equations.step')}
          </button>
          <button type="button" onClick={() => void expand()} title={t('equations.expandTitle')}>
            {t('equations.expand')}
          </button>
        </div>
      )}
      {expandError !== null && <p className="error" role="alert">{expandError}</p>}
      {job.kind === 'busy' && <p className="muted" role="status">{t('lecture.computingBackground')}</p>}
      {job.kind === 'error' && <p className="error" role="alert">{t('equations.failed', { detail: job.message })}</p>}
      {job.kind === 'done' && (
        <>
          <RelationNote relation={relation} run={job.result} />
          <p className="muted gf-lecture-note">
            {t('equations.batchNote', { count: job.result.response.batch.length, data: reasonText(job.result.response.dataReason) ?? job.result.response.dataDescription, loss: fmtLoss(job.result.response.equations.loss) })}
          </p>
          <WeightsUsedNote used={job.result.response.weights} />
          <ol className="gf-eq-layers" aria-label={t('equations.layers')}>
            {layers.map((layer, k) => ({ layer, k })).reverse().map(({ layer, k }) => (
              <LayerRow key={layer.nodeId} layer={layer} current={st.current === k} sampleIndex={job.result.response.batch[0]} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** How the δ view relates to the editor: nothing to say, the scalar expansion to compare with, or a changed graph. */
function RelationNote({ relation, run }: { relation: 'current' | 'expanded' | 'stale'; run: EquationsRun }) {
  const { t } = useTranslation();
  if (relation === 'current') return null;
  if (relation === 'expanded' && run.expanded !== null) {
    return (
      <p className="gf-lecture-note gf-eq-expanded" role="status" data-testid="equations-relation" data-relation="expanded">
        {t('equations.expandedNote', { sample: run.expanded.sampleIndex, label: run.expanded.label })}
      </p>
    );
  }
  return (
    <p className="warning" role="status" data-testid="equations-relation" data-relation="stale">
      {t('equations.staleNote')}
    </p>
  );
}

/** One dense layer: δ (batch mean and first sample), ∂C/∂b and ‖∂C/∂w‖. */
function LayerRow({ layer, current, sampleIndex }: { layer: LayerEquations; current: boolean; sampleIndex: number }) {
  const first = layer.deltas.subarray(0, layer.units);
  const { t } = useTranslation();
  return (
    <li className={`gf-eq-layer${current ? ' is-current' : ''}`} data-layer={layer.nodeId} data-current={current} data-weight-grad-norm={layer.weightGradNorm}>
      <div className="gf-eq-layer-head">
        <strong>{layer.nodeId}</strong> <span className="muted">{layer.inputSize} → {layer.units}</span> <span className="gf-eq-tag">{layer.equation}</span>
      </div>
      <div className="gf-eq-layer-grid">
        <span>{t('equations.deltaMean')}</span><HeatStrip values={layer.delta} label={t('equations.deltaOf', { layer: layer.nodeId })} />
        <span>{t('equations.deltaSample', { sample: sampleIndex })}</span><HeatStrip values={first} label={t('equations.deltaOfSample', { layer: layer.nodeId, sample: sampleIndex })} />
        <span translate="no">∂C/∂b (BP3)</span><HeatStrip values={layer.biasGrad} label={t('equations.biasOf', { layer: layer.nodeId })} />
        <span translate="no">‖∂C/∂w‖ (BP4)</span><span className="gf-eq-norm">{fmtLoss(layer.weightGradNorm)}</span>
      </div>
    </li>
  );
}
