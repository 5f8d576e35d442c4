/** Asks what to do when the graph is edited during a run: the run and the edit are both kept until the user chooses. */
import { useEffect } from 'react';
import { control } from './connection';
import { onEditorGraph, undoEditorEdit } from './editorLink';
import { useTraining } from './store';
import type { Graph } from '../../core/graph/types';

/** What a network is built from: ops, params and wiring (positions and labels do not matter). */
export function networkKey(graph: Graph): string {
  return JSON.stringify([
    graph.nodes.map((n) => [n.id, n.op, n.params ?? null, n.value ?? null, n.output ?? false]),
    graph.edges.map((e) => [e.source, e.target, e.targetPort]),
  ]);
}

/** Watches the canvas while training; shows the question when the graph changes under a run. */
export function EditGuard() {
  const asking = useTraining((s) => s.editedWhileTraining);

  useEffect(
    () =>
      onEditorGraph((graph) => {
        const { status, trainedGraph } = useTraining.getState();
        const active = status === 'running' || status === 'paused';
        const changed = trainedGraph !== null && graph !== trainedGraph && networkKey(graph) !== networkKey(trainedGraph);
        useTraining.setState({ editedWhileTraining: active && changed });
      }),
    [],
  );

  if (!asking) return null;
  return (
    <div className="gf-train-guard" role="alertdialog" aria-label="Graph edited during training" aria-describedby="gf-train-guard-text">
      <p id="gf-train-guard-text">
        The graph changed while training. Training goes on with the network as it was compiled; stop it to train the edited graph?
      </p>
      <div className="gf-train-row">
        <button type="button" className="gf-primary" onClick={() => control('stop')}>Stop training</button>
        <button type="button" onClick={undoEditorEdit}>Undo the edit</button>
        <button type="button" onClick={() => useTraining.setState({ editedWhileTraining: false })}>Keep training</button>
      </div>
    </div>
  );
}
