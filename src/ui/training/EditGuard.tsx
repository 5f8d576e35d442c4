/** Asks what to do when the graph is edited during a run: the run and the edit are both kept until the user chooses. */
import { control, keepTraining } from './connection';
import { undoEditorEdit, useEditorGraph } from './editorLink';
import { useTraining } from './store';

/** The question, shown while `editedWhileTraining` is set (set by watchEdits in connection.ts). */
export function EditGuard() {
  const asking = useTraining((s) => s.editedWhileTraining);
  const graph = useEditorGraph();
  if (!asking) return null;
  return (
    <div className="gf-train-guard" role="alertdialog" aria-label="Graph edited during training" aria-describedby="gf-train-guard-text">
      <p id="gf-train-guard-text">
        The graph changed while training. Training goes on with the network as it was compiled; stop it to train the edited graph?
      </p>
      <div className="gf-train-row">
        <button type="button" className="gf-primary" onClick={() => control('stop')}>Stop training</button>
        <button type="button" onClick={undoEditorEdit}>Undo the edit</button>
        <button type="button" onClick={() => keepTraining(graph)}>Keep training</button>
      </div>
    </div>
  );
}
