/** The "Four equations" tab: BP1–BP4 beside each dense layer's delta, bias gradient and weight-gradient norm for a mini-batch. */
import { useState } from 'react';
import type { LayerEquations } from '../../core/landscape/equations';
import { isLayeredGraph } from '../../core/net/shapes';
import { useEditor } from '../store';
import { ask, embeddedDataUrl } from './client';
import { Equations } from './Equations';
import { expandedGraph } from './expand';
import { NumberInput } from './Field';
import { fmtLoss } from './format';
import { HeatStrip } from './HeatStrip';
import { setSettings, useLecture } from './store';
import { wholeIn } from './source';
import { StaleNote } from './stale';

let latest = 0;

/** Asks the worker for the four equations of a mini-batch of the editor's network. */
async function computeEquations(): Promise<void> {
  const { batchSize, seed } = useLecture.getState().equationsSettings;
  const graph = useEditor.getState().graph;
  const token = ++latest;
  useLecture.setState({ equations: { kind: 'busy' } });
  setSettings('equationsSettings', { current: null });
  const response = await ask({ type: 'equations', graph, batchSize, seed, dataUrl: embeddedDataUrl() });
  if (token !== latest) return;
  if (response.type === 'equations') useLecture.setState({ equations: { kind: 'done', result: response, graph } });
  else useLecture.setState({ equations: { kind: 'error', message: response.type === 'error' ? response.message : `unexpected answer ${response.type}` } });
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
  const layered = useEditor((s) => isLayeredGraph(s.graph));
  const st = useLecture((s) => s.equationsSettings);
  const job = useLecture((s) => s.equations);
  const [expandNote, setExpandNote] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const layers = job.kind === 'done' ? job.result.equations.layers : [];
  const current = st.current === null ? undefined : layers[st.current];

  const expand = async (): Promise<void> => {
    const { graph, loadGraph } = useEditor.getState();
    try {
      const result = await expandedGraph(graph, st.batchSize, st.seed);
      loadGraph(result.graph, `Expanded the network into its scalar graph for sample ${result.sampleIndex} (label ${result.label}); Undo brings the layered graph back.`);
      setExpandNote({ kind: 'info', text: `Opened the scalar graph for sample ${result.sampleIndex}: step backward there; each z node's gradient is that sample's δ.` });
    } catch (error) {
      setExpandNote({ kind: 'error', text: `Cannot expand: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <section className="gf-lecture" aria-label="The four equations">
      <Equations active={activeEquations(current)} />
      {!layered && (
        <p className="muted">Open a layered graph (samples → dense → σ → … → loss, e.g. the MNIST examples) to see each layer's δ for a mini-batch.</p>
      )}
      {layered && (
        <div className="gf-lecture-row" role="group" aria-label="Mini-batch">
          <NumberInput label="Batch" value={st.batchSize} parse={(t) => wholeIn(t, 1, 1000)} onValue={(batchSize) => setSettings('equationsSettings', { batchSize })} />
          <NumberInput label="Seed" value={st.seed} parse={(t) => wholeIn(t, 0, 2 ** 31)} onValue={(seed) => setSettings('equationsSettings', { seed })} title="Seeds which samples form the mini-batch" />
          <button type="button" className="accent" onClick={() => void computeEquations()} disabled={job.kind === 'busy'}>
            {job.kind === 'busy' ? 'Computing…' : 'Compute for a mini-batch'}
          </button>
          <button type="button" onClick={() => stepBackward(layers.length)} disabled={layers.length === 0}
            title="Move one layer down the backward pass: BP1 at the output, then BP2 layer by layer">
            Step backward
          </button>
          <button type="button" onClick={() => void expand()} title="Open this network as a graph of scalar operators (small networks only)">
            Expand to scalar graph
          </button>
        </div>
      )}
      {expandNote !== null && <p className={expandNote.kind === 'error' ? 'error' : 'muted'} role={expandNote.kind === 'error' ? 'alert' : 'status'}>{expandNote.text}</p>}
      {job.kind === 'busy' && <p className="muted" role="status">Computing in the background…</p>}
      {job.kind === 'error' && <p className="error" role="alert">Could not compute the equations: {job.message}</p>}
      {job.kind === 'done' && (
        <>
          <StaleNote computedFor={job.graph} />
          <p className="muted gf-lecture-note">
            Mini-batch of {job.result.batch.length} {job.result.dataDescription}; mean loss {fmtLoss(job.result.equations.loss)}. The network is freshly
            initialised from the graph's seed. Layers from the output down, as the backward pass visits them.
          </p>
          <ol className="gf-eq-layers" aria-label="Layers">
            {layers.map((layer, k) => ({ layer, k })).reverse().map(({ layer, k }) => (
              <LayerRow key={layer.nodeId} layer={layer} current={st.current === k} sampleIndex={job.result.batch[0]} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** One dense layer: δ (batch mean and first sample), ∂C/∂b and ‖∂C/∂w‖. */
function LayerRow({ layer, current, sampleIndex }: { layer: LayerEquations; current: boolean; sampleIndex: number }) {
  const first = layer.deltas.subarray(0, layer.units);
  return (
    <li className={`gf-eq-layer${current ? ' is-current' : ''}`} data-layer={layer.nodeId} data-current={current} data-weight-grad-norm={layer.weightGradNorm}>
      <div className="gf-eq-layer-head">
        <strong>{layer.nodeId}</strong> <span className="muted">{layer.inputSize} → {layer.units}</span> <span className="gf-eq-tag">{layer.equation}</span>
      </div>
      <div className="gf-eq-layer-grid">
        <span>δ (batch mean)</span><HeatStrip values={layer.delta} label={`delta of ${layer.nodeId}`} />
        <span>δ (sample {sampleIndex})</span><HeatStrip values={first} label={`delta of ${layer.nodeId} for sample ${sampleIndex}`} />
        <span>∂C/∂b (BP3)</span><HeatStrip values={layer.biasGrad} label={`bias gradient of ${layer.nodeId}`} />
        <span>‖∂C/∂w‖ (BP4)</span><span className="gf-eq-norm">{fmtLoss(layer.weightGradNorm)}</span>
      </div>
    </li>
  );
}
