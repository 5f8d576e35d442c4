/** Compile: the network's layers with their shapes and the parameter count, or the problem on its node. */
import { useTranslation } from 'react-i18next';
import { compileNetwork } from '../../core/net/compile';
import { GraphError } from '../../core/graph/errors';
import type { Graph } from '../../core/graph/types';
import { useMemo } from 'react';
import { selectGraphNode } from './editorLink';
import { graphFingerprint } from '../../core/graph/fingerprint';
import { useTraining } from './store';
import { errorLine, problemText } from '../i18n';

/** Compiles `graph` into the store: the spec, or the error with its node selected on the canvas. */
export function compileInto(graph: Graph): boolean {
  try {
    const spec = compileNetwork(graph);
    useTraining.setState({ compiled: spec, compileError: null, compiledKey: graphFingerprint(graph) });
    return true;
  } catch (e) {
    const nodeId = e instanceof GraphError ? e.place.nodeId : undefined;
    useTraining.setState({ compiled: null, compileError: { message: errorLine(e), nodeId }, compiledKey: graphFingerprint(graph) });
    if (nodeId !== undefined) selectGraphNode(nodeId);
    return false;
  }
}

/** The Compile button and its outcome. */
export function CompileSection({ graph, disabled }: { graph: Graph; disabled: boolean }) {
  const key = useMemo(() => graphFingerprint(graph), [graph]);
  // What Compile said is shown only while the graph is still the one it was said about.
  const current = useTraining((s) => s.compiledKey === key);
  const compiled = useTraining((s) => (current ? s.compiled : null));
  const error = useTraining((s) => (current ? s.compileError : null));
  const { t } = useTranslation();

  return (
    <section className="gf-train-compile" aria-label={t('training.network')}>
      <div className="gf-train-row">
        <button type="button" data-ui="training-compile" onClick={() => compileInto(graph)} disabled={disabled}>{t('training.compile')}</button>
        {compiled !== null && (
          <span className="gf-train-params" data-testid="param-count" data-count={compiled.paramCount}>
            {t('training.parameters', { count: compiled.paramCount, formatted: compiled.paramCount.toLocaleString('en-US') })}
          </span>
        )}
      </div>
      {compiled !== null && (
        <ul className="gf-train-layers">
          {compiled.summary.map((english, i) => problemText({ message: english, reason: compiled.summaryReasons[i] })).map((line, i) => (
            <li key={i}>
              <button type="button" className="gf-link" onClick={() => selectGraphNode(compiled.nodeIds[i])} title={t('training.selectNode')}>
                {line.replace(/->/g, '→')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== null && (
        <p className="gf-train-error" role="alert" data-testid="compile-error">
          {error.message}
          {error.nodeId !== undefined && (
            <>
              {' '}
              <button type="button" className="gf-link gf-link-visible" onClick={() => selectGraphNode(error.nodeId as string)}>{t('training.showNode')}</button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
