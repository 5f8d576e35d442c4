import { useEditor } from '../store';
import { SHORTCUTS } from '../canvas/useShortcuts';
import { ExamplesMenu } from './ExamplesMenu';
import { FileButtons } from './FileButtons';
import { tidy } from './layout';
import { TOOLBAR_ITEMS } from './registry';
import { StatusLine } from './StatusLine';

async function tidyLayout(): Promise<void> {
  const { graph, commit, say, requestFit } = useEditor.getState();
  try {
    commit(await tidy(graph));
    requestFit();
  } catch (error) {
    say('error', `Layout failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The toolbar: edit history, examples, files, layout, contributed items, and the status line. */
export function Toolbar() {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const s = useEditor.getState();
  return (
    <div className="toolbar" role="toolbar" aria-label="Editor">
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" title="Clear the canvas (undoable)" onClick={s.newGraph}>New</button>
        <button type="button" title={`Undo (${SHORTCUTS.undo})`} onClick={s.undo} disabled={!canUndo}>Undo</button>
        <button type="button" title={`Redo (${SHORTCUTS.redo})`} onClick={s.redo} disabled={!canRedo}>Redo</button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Graphs">
        <ExamplesMenu />
      </div>
      <FileButtons />
      <div className="toolbar-group" role="group" aria-label="Layout">
        <button type="button" title="Lay the graph out left to right" onClick={() => void tidyLayout()}>Tidy layout</button>
      </div>
      {TOOLBAR_ITEMS.map(({ id, Component }) => <div key={id} className="toolbar-group"><Component /></div>)}
      <StatusLine />
    </div>
  );
}
