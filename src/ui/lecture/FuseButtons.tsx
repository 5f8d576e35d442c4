/** The toolbar's "Fuse into gate" and "Unfuse" actions on the editor's selection. */
import { GraphError } from '../../core/graph/errors';
import { useEditor } from '../store';
import { fuseSelection, unfuse } from './fuse';

function fuse(): void {
  const { graph, selectedNodes, commit, select, say } = useEditor.getState();
  try {
    const result = fuseSelection(graph, selectedNodes);
    commit(result.graph);
    select(result.gateId === '' ? [] : [result.gateId], []);
    say('info', `Fused ${selectedNodes.length} nodes into one gate; every gradient outside it is unchanged. Undo or "Unfuse" restores them.`);
  } catch (error) {
    say('error', error instanceof GraphError || error instanceof Error ? error.message : String(error));
  }
}

function unfuseSelected(gateIds: readonly string[]): void {
  const { graph, commit, select, say } = useEditor.getState();
  try {
    let next = graph;
    for (const id of gateIds) next = unfuse(next, id);
    commit(next);
    select([], []);
    say('info', `Unfused ${gateIds.length === 1 ? 'the gate' : `${gateIds.length} gates`} back into ${gateIds.length === 1 ? 'its' : 'their'} subgraph.`);
  } catch (error) {
    say('error', error instanceof Error ? error.message : String(error));
  }
}

/** "Fuse into gate" for a selection of two or more nodes; "Unfuse" when selected nodes include gates. */
export function FuseButtons() {
  const count = useEditor((s) => s.selectedNodes.length);
  const gates = useEditor((s) => {
    const sel = new Set(s.selectedNodes);
    return s.graph.nodes.filter((n) => n.op === 'gate' && sel.has(n.id)).map((n) => n.id).join('\n');
  });
  const gateIds = gates === '' ? [] : gates.split('\n');
  return (
    <div className="gf-fuse" role="group" aria-label="Gates">
      <button type="button" data-ui="fuse" disabled={count < 2} onClick={fuse}
        title="Replace the selected connected subgraph (one output) by one gate whose local gradients come from backprop inside it">
        Fuse into gate
      </button>
      {gateIds.length > 0 && (
        <button type="button" onClick={() => unfuseSelected(gateIds)} title="Put the gate's subgraph back exactly as it was">Unfuse</button>
      )}
    </div>
  );
}
