import { inferShapes, OPS, portName, type OpDef } from '../core';
import { isLayered } from '../canvas/annotate';
import { nodeSymbol } from '../canvas/nodeSymbol';
import { fmt } from '../format';
import { useEditor } from '../store';
import { backwardLines, nodeName } from '../stepper/chainRule';
import { EdgeDetails } from './EdgeDetails';
import { LabelField } from './LabelField';
import { Wiring } from './Wiring';

const MAX_PROBLEMS = 12;

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

  // A layered graph's scalar evaluation is meaningless; its problems are the shape checker's.
  const problems = isLayered(graph)
    ? inferShapes(graph).errors.map((e) => e.message)
    : [...(evaluation?.program.issues ?? []).map((i) => i.message), ...(evaluation?.warnings ?? []).map((w) => w.message)];
  const overview = (
    <>
      {evalError !== undefined && <p className="error">{evalError}</p>}
      {problems.slice(0, MAX_PROBLEMS).map((message, k) => <p key={k} className="warning">⚠ {message}</p>)}
      {problems.length > MAX_PROBLEMS && <p className="muted">… and {problems.length - MAX_PROBLEMS} more.</p>}
    </>
  );
  if (edgeId !== undefined) return <div className="inspector"><EdgeDetails edgeId={edgeId} />{overview}</div>;
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined || evaluation === undefined) {
    return (
      <div className="inspector">
        <p className="muted">{count > 1 ? `${count} items selected.` : 'Select a node or an edge to see its numbers.'}</p>
        <p className="muted">{graph.nodes.length} nodes, {graph.edges.length} edges{evaluation?.outputId !== undefined ? `, output ${nodeName(graph, evaluation.outputId)}` : ''}.</p>
        {overview}
      </div>
    );
  }
  const def: OpDef = OPS[node.op];
  const i = evaluation.program.index.get(node.id)!;
  const f = evaluation.outputId === undefined ? 'out' : nodeName(graph, evaluation.outputId);
  const name = nodeName(graph, node.id);
  const gradKnown = view !== undefined && !Number.isNaN(view.nodeGrad[i]);
  const incoming = graph.edges.map((edge, e) => ({ edge, e })).filter(({ edge }) => edge.target === node.id).sort((a, b) => a.edge.targetPort - b.edge.targetPort);
  const outgoing = graph.edges.map((edge, e) => ({ edge, e })).filter(({ edge }) => edge.source === node.id);
  const lines = backwardLines(graph, evaluation, node.id, undefined);
  return (
    <div className="inspector">
      <h2><span className="op-symbol">{nodeSymbol(node)}</span> {def.label} <code>{node.id}</code></h2>
      <p className="muted">{def.doc}{def.kinkRule !== undefined ? ` ${def.kinkRule}` : ''}</p>
      <LabelField nodeId={node.id} label={node.label ?? ''} />
      <dl className="numbers">
        <dt>value</dt><dd className="value">{fmt(evaluation.values[i])}</dd>
        <dt>d{f}/d{name}</dt><dd className="grad">{gradKnown ? fmt(view!.nodeGrad[i]) : <span className="muted">after backward</span>}</dd>
      </dl>
      {incoming.length > 0 && (
        <table className="ports">
          <thead>
            <tr>
              <th>input</th><th>from</th><th>value</th>
              <th title={`The local gradient: how ${name} changes with each input, before the chain rule multiplies in d${f}/d${name}`}>
                local gradient<span className="ports-sub">d{name}/d(input)</span>
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
        <p className="fanout-sum">Fans out to {outgoing.length} edges: d{f}/d{name} = {outgoing.map(({ e }) => (view?.edgeGradShown[e] === 1 ? fmt(evaluation.edgeGrad[e]) : '?')).join(' + ')}{gradKnown ? ` = ${fmt(view!.nodeGrad[i])}` : ''}</p>
      )}
      {lines.length > 0 && (
        <div className="chain-lines">
          <h3>Chain rule at {name}</h3>
          {lines.map((line, k) => <code key={k}>{line}</code>)}
        </div>
      )}
      <button type="button" onClick={() => setOutput(evaluation.outputId === node.id && node.output === true ? undefined : node.id)}>
        {node.output === true ? 'Unmark output' : 'Make this the output'}
      </button>
      {overview}
    </div>
  );
}
