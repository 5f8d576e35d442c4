import { useTranslation } from 'react-i18next';
import { portName } from '../core';
import { fmt, full } from '../format';
import { useEditor } from '../store';
import { nodeName } from '../names';

/** One edge: what it carries forward, its local gradient and what it carries back. */
export function EdgeDetails({ edgeId }: { edgeId: string }) {
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const { t: tr } = useTranslation();
  const e = graph.edges.findIndex((edge) => edge.id === edgeId);
  if (e < 0 || evaluation === undefined) return null;
  const edge = graph.edges[e];
  const target = graph.nodes.find((n) => n.id === edge.target)!;
  const s = nodeName(graph, edge.source);
  const t = nodeName(graph, edge.target);
  const f = evaluation.outputId === undefined ? 'out' : nodeName(graph, evaluation.outputId);
  const ti = evaluation.program.index.get(edge.target)!;
  return (
    <>
      <h2>{tr('inspector.edge')} <code>{edge.id}</code></h2>
      <p>{tr('inspector.edgeRoute', { source: s, port: portName(target.op, edge.targetPort), target: t })}</p>
      <dl className="numbers">
        <dt>{tr('inspector.value')}</dt><dd className="value" title={full(evaluation.edgeValue[e])}>{fmt(evaluation.edgeValue[e])}</dd>
        <dt>{tr('inspector.localShort')} <span translate="no">d{t}/d{s}</span></dt><dd>{fmt(evaluation.edgeLocalGrad[e])}</dd>
        <dt>{tr('inspector.upstream')} <span translate="no">d{f}/d{t}</span></dt><dd className="grad">{fmt(evaluation.grads[ti])}</dd>
        <dt>{tr('inspector.carriedBack')}</dt><dd className="grad" title={`${full(evaluation.grads[ti])} × ${full(evaluation.edgeLocalGrad[e])} = ${full(evaluation.edgeGrad[e])}`}>{fmt(evaluation.grads[ti])} × {fmt(evaluation.edgeLocalGrad[e])} = {fmt(evaluation.edgeGrad[e])}</dd>
      </dl>
    </>
  );
}
