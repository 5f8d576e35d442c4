/** Save the trained weights (with their graph) as a JSON file, and load such a file back. */
import { errorLine, i18n, reasonText } from '../i18n';
import { useTranslation } from 'react-i18next';
import { useRef, useState } from 'react';
import { parseGraphValue } from '../../core/format/index';
import { jsonSyntaxAt } from '../../core/format/jsonText';
import { compileNetwork } from '../../core/net/compile';
import { parseWeights } from '../../core/net/weights';
import type { Graph } from '../../core/graph/types';
import { compileInto } from './CompileSection';
import { loadWeights, saveWeights } from './connection';
import { loadEditorGraph } from './editorLink';
import { useTraining } from './store';

/** The graph a weights file carries, or `current` when it carries none; throws the format's message. */
export function graphOfWeightsFile(text: string, current: Graph): { graph: Graph; fromFile: boolean } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    const at = jsonSyntaxAt(text);
    throw new Error(i18n.t('training.weightsNotJson', { detail: reasonText(at.reason) ?? at.text }));
  }
  if (typeof file !== 'object' || file === null || (file as { format?: unknown }).format !== 'gradflow.weights') {
    throw new Error(i18n.t('training.notWeights'));
  }
  const saved = (file as { graph?: unknown }).graph;
  return saved === undefined ? { graph: current, fromFile: false } : { graph: parseGraphValue(saved), fromFile: true };
}

/** "Save weights" and "Load weights" buttons. */
export function WeightsFiles({ graph, canSave, busy }: { graph: Graph; canSave: boolean; busy: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const workerProblem = useTraining((s) => s.weightsError);
  const { t } = useTranslation();
  // A refused file is about the graph and run it was picked for: another graph or a new run clears it
  // (React's pattern for adjusting state when a prop changes, during render).
  const [shownFor, setShownFor] = useState({ graph, busy });
  if (shownFor.graph !== graph || shownFor.busy !== busy) {
    setShownFor({ graph, busy });
    if (problem !== null) setProblem(null);
  }

  const load = async (file: File): Promise<void> => {
    setProblem(null);
    useTraining.setState({ weightsError: null });
    try {
      const text = await file.text();
      const { graph: target, fromFile } = graphOfWeightsFile(text, graph);
      // Checked here first, so a file that does not fit changes nothing on the canvas.
      parseWeights(text, compileNetwork(target));
      compileInto(target);
      if (fromFile) loadEditorGraph(target, file.name.replace(/\.json$/i, ''), i18n.t('training.loadedWeights', { name: file.name }));
      loadWeights(target, text);
    } catch (e) {
      setProblem(errorLine(e));
    }
  };

  return (
    <section className="gf-train-files" aria-label={t('training.weights')}>
      <div className="gf-train-row">
        <button type="button" onClick={() => { setProblem(null); useTraining.setState({ weightsError: null }); saveWeights(); }} disabled={!canSave}>{t('training.saveWeights')}</button>
        <button type="button" onClick={() => picker.current?.click()} disabled={busy}>{t('training.loadWeights')}</button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={t('training.weightsFile')}
          data-testid="weights-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file !== undefined) void load(file);
          }}
        />
      </div>
      {(problem ?? workerProblem) !== null && <p className="gf-train-error" role="alert">{problem ?? workerProblem}</p>}
    </section>
  );
}
