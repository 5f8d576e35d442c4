// `gradflow eval`, loaded when the command runs.
import { evaluate, type Evaluation } from '../../core/eval/evaluate';
import { asUsage, readGraphSource, type GraphSourceOptions } from '../graphSource';
import { t } from '../../i18n';
import { problemText } from '../../i18n/refusals';
import { formatNumber, jsonNumber, keyed, table } from '../output';

/** What `gradflow eval` reads from its command line. */
export interface EvalOptions extends GraphSourceOptions {
  json?: boolean;
}

/** The `--json` shape of an evaluation: edges in file order, non-finite numbers as strings. */
export function evaluationJson(ev: Evaluation): object {
  const { program } = ev;
  const graph = program.graph;
  const out = ev.outputId as string;
  return {
    output: out,
    value: jsonNumber(ev.values[program.output]),
    nodes: keyed(graph.nodes.map((node, i) => [node.id, { op: node.op, value: jsonNumber(ev.values[i]), grad: jsonNumber(ev.grads[i]) }])),
    edges: graph.edges.map((edge, e) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      targetPort: edge.targetPort,
      value: jsonNumber(ev.edgeValue[e]),
      localGrad: jsonNumber(ev.edgeLocalGrad[e]),
      grad: jsonNumber(ev.edgeGrad[e]),
    })),
    warnings: ev.warnings.map((w) => w.message),
  };
}

/** An evaluation as readable tables: the output, every node, every edge, then warnings. */
export function evaluationText(ev: Evaluation): string {
  const { program } = ev;
  const graph = program.graph;
  const head = (keys: readonly string[], group: string): string[] => keys.map((k) => t(`cli.out.${group}.${k}`));
  const nodes = table(head(['node', 'op', 'value', 'grad'], 'evalNodes'), graph.nodes.map((node, i) => [node.id, node.op, formatNumber(ev.values[i]), formatNumber(ev.grads[i])]));
  const edges = table(
    head(['edge', 'from', 'to', 'value', 'localGrad', 'grad'], 'evalEdges'),
    graph.edges.map((edge, e) => [edge.id, edge.source, `${edge.target}[${edge.targetPort}]`, formatNumber(ev.edgeValue[e]), formatNumber(ev.edgeLocalGrad[e]), formatNumber(ev.edgeGrad[e])]),
  );
  const parts = [`${ev.outputId} = ${formatNumber(ev.values[program.output])}`, nodes];
  if (graph.edges.length > 0) parts.push(edges);
  if (ev.warnings.length > 0) parts.push(ev.warnings.map((w) => t('cli.out.warning', { message: problemText(w) })).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** Evaluates the graph the command line names and prints the result. */
export async function runEval(file: string | undefined, options: EvalOptions): Promise<void> {
  const graph = await readGraphSource(file, options);
  const ev = asUsage(() => evaluate(graph), { file, graph });
  process.stdout.write(options.json === true ? JSON.stringify(evaluationJson(ev), null, 2) + '\n' : evaluationText(ev));
}
