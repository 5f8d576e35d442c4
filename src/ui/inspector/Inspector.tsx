import { useTranslation } from 'react-i18next';
import { graphProblems, portName, type GraphProblem } from '../core';
import { problemText } from '../i18n';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import { backwardLines } from '../stepper/chainRule';
import { nodeName, nodeSymbol } from '../names';
import { EdgeDetails } from './EdgeDetails';
import { LabelField } from './LabelField';
import { Wiring } from './Wiring';

const MAX_PROBLEMS = 12;

/**
 * One problem of the graph, with its exact ids and numbers, in the language shown. A problem the catalogs
 * cannot word (no Reason) shows its kind in that language before the engine's exact English sentence.
 */
function ProblemLine({ problem }: { problem: GraphProblem }) {
  const { t, i18n } = useTranslation();
  const worded = problemText(problem);
  if (i18n.resolvedLanguage === 'en' || worded !== problem.message || !i18n.exists(`problems.${problem.code}`)) return <p className="warning">⚠ {worded}</p>;
  return <p className="warning">⚠ {t(`problems.${problem.code}`)}：<span className="muted" translate="no">{worded}</span></p>;
}

/** The selection in detail: operator, inputs, value, gradient, local gradients and the node's chain-rule line. */
export function Inspector() {
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const evalError = useEditor((s) => s.evalError);
  const nodeId = useEditor((s) => (s.selectedNodes.length === 1 ? s.selectedNodes[0] : undefined));
  const edgeId = useEditor((s) => (s.selectedNodes.length === 0 && s.selectedEdges.length === 1 ? s.selectedEdges[0] : undefined));
  const count = useEditor((s) => s.selectedNodes.length + s.selectedEdges.length);
  const setOutput = useEditor((s) => s.setOutput);
  const view = useEditor((s) => s.view);
  const { t, i18n } = useTranslation();

  // A layered graph's scalar evaluation is meaningless; its problems are the shape checker's.
  const problems = graphProblems(graph, evaluation);
  const overview = (
    <>
      {evalError !== undefined && <p className="error">{evalError}</p>}
      {problems.slice(0, MAX_PROBLEMS).map((p, k) => <ProblemLine key={k} problem={p} />)}
      {problems.length > MAX_PROBLEMS && <p className="muted">{t('inspector.more', { count: problems.length - MAX_PROBLEMS })}</p>}
    </>
  );
  if (edgeId !== undefined) return <div className="inspector"><EdgeDetails edgeId={edgeId} />{overview}</div>;
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined || evaluation === undefined) {
    return (
      <div className="inspector">
        <p className="muted">{count > 1 ? t('inspector.selected', { count }) : t('inspector.selectHint')}</p>
        <p className="muted">{evaluation?.outputId !== undefined
          ? t('inspector.summaryOutput', { nodes: graph.nodes.length, edges: graph.edges.length, output: nodeName(graph, evaluation.outputId) })
          : t('inspector.summary', { nodes: graph.nodes.length, edges: graph.edges.length })}</p>
        {overview}
      </div>
    );
  }
  const i = evaluation.program.index.get(node.id)!;
  const f = evaluation.outputId === undefined ? 'out' : nodeName(graph, evaluation.outputId);
  const name = nodeName(graph, node.id);
  const gradKnown = view !== undefined && !Number.isNaN(view.nodeGrad[i]);
  const incoming = graph.edges.map((edge, e) => ({ edge, e })).filter(({ edge }) => edge.target === node.id).sort((a, b) => a.edge.targetPort - b.edge.targetPort);
  const outgoing = graph.edges.map((edge, e) => ({ edge, e })).filter(({ edge }) => edge.source === node.id);
  const lines = backwardLines(graph, evaluation, node.id, undefined);
  return (
    <div className="inspector">
      <h2><span className="op-symbol">{nodeSymbol(node)}</span> {t(`ops.${node.op}.label`)} <code>{node.id}</code></h2>
      <p className="muted">{t(`ops.${node.op}.doc`)}{i18n.exists(`ops.${node.op}.kinkRule`) ? ` ${t(`ops.${node.op}.kinkRule`)}` : ''}</p>
      <LabelField nodeId={node.id} label={node.label ?? ''} />
      <dl className="numbers">
        <dt>{t('inspector.value')}</dt><dd className="value" title={full(evaluation.values[i])}>{fmt(evaluation.values[i])}</dd>
        <dt translate="no">d{f}/d{name}</dt><dd className="grad" title={gradKnown ? full(view!.nodeGrad[i]) : undefined}>{gradKnown ? fmt(view!.nodeGrad[i]) : <span className="muted">{t('inspector.afterBackward')}</span>}</dd>
      </dl>
      {incoming.length > 0 && (
        <table className="ports">
          <thead>
            <tr>
              <th>{t('inspector.input')}</th><th>{t('inspector.from')}</th><th>{t('inspector.value')}</th>
              <th title={t('inspector.localTitle', { node: name, upstream: `d${f}/d${name}` })}>
                {t('inspector.local')}<span className="ports-sub"><span translate="no">d{name}/d</span>({t('inspector.input')})</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {incoming.map(({ edge, e }) => (
              <tr key={edge.id}>
                <td>{portName(node.op, edge.targetPort)}</td>
                <td>{nodeName(graph, edge.source)}</td>
                <td className="value">{fmt(evaluation.edgeValue[e])}</td>
                <td>{fmt(evaluation.edgeLocalGrad[e])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Wiring nodeId={node.id} />
      {outgoing.length > 1 && (
        <p className="fanout-sum">{t('inspector.fansOut', { count: outgoing.length })} <span translate="no">d{f}/d{name} = {outgoing.map(({ e }) => (view?.edgeGradShown[e] === 1 ? fmt(evaluation.edgeGrad[e]) : '?')).join(' + ')}{gradKnown ? ` = ${fmt(view!.nodeGrad[i])}` : ''}</span></p>
      )}
      {lines.length > 0 && (
        <div className="chain-lines">
          <h3>{t('inspector.chainAt', { node: name })}</h3>
          {lines.map((line, k) => <code key={k}>{line}</code>)}
        </div>
      )}
      <button type="button" onClick={() => setOutput(evaluation.outputId === node.id && node.output === true ? undefined : node.id)}>
        {node.output === true ? t('inspector.unmarkOutput') : t('inspector.makeOutput')}
      </button>
      {overview}
    </div>
  );
}
