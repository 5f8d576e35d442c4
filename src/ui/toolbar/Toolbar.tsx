import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { library } from '../library';
import { useEditor } from '../store';
import { SHORTCUTS } from '../canvas/useShortcuts';
import { ExamplesMenu } from './ExamplesMenu';
import { FileButtons } from './FileButtons';
import { moveNodes } from '../core';
import { rememberRoutes } from '../canvas/routes';
import { LayoutCancelled, runLayout } from './layout';
import { LayoutProgress } from './LayoutProgress';
import { TOOLBAR_ITEMS } from './registry';
import { StatusLine } from './StatusLine';

async function tidyLayout(): Promise<void> {
  const { graph, say } = useEditor.getState();
  try {
    const layout = await runLayout(graph, i18n.t('layoutJob.whatTidy'));
    // Applied to the graph as it is now: an edit made while the worker ran is kept.
    const { graph: now, commit, requestFit } = useEditor.getState();
    rememberRoutes(graph, layout);
    commit(moveNodes(now, new Map(Object.entries(layout.positions))));
    requestFit();
    say('info', i18n.t('layoutJob.tidied', { count: graph.nodes.length }));
  } catch (error) {
    if (error instanceof LayoutCancelled) {
      say('info', i18n.t('layoutJob.tidyCancelled'));
      return;
    }
    say('error', i18n.t('toolbar.layoutFailed', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

/** The toolbar: edit history, examples, files, layout, contributed items, and the status line. */
export function Toolbar() {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const s = useEditor.getState();
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="toolbar-group" role="group" aria-label={t('toolbar.edit')}>
        <button type="button" title={t('toolbar.newTitle')} onClick={() => library.newEntry()}>{t('toolbar.new')}</button>
        <button type="button" title={t('toolbar.undoTitle', { keys: SHORTCUTS.undo })} onClick={s.undo} disabled={!canUndo}>{t('toolbar.undo')}</button>
        <button type="button" title={t('toolbar.redoTitle', { keys: t('shortcuts.redo') })} onClick={s.redo} disabled={!canRedo}>{t('toolbar.redo')}</button>
      </div>
      <div className="toolbar-group" role="group" aria-label={t('toolbar.graphs')}>
        <ExamplesMenu />
      </div>
      <FileButtons />
      <div className="toolbar-group" role="group" aria-label={t('toolbar.layout')}>
        <button type="button" title={t('toolbar.tidyTitle')} onClick={() => void tidyLayout()}>{t('toolbar.tidy')}</button>
        <LayoutProgress />
      </div>
      {TOOLBAR_ITEMS.map(({ id, Component }) => <div key={id} className="toolbar-group"><Component /></div>)}
      <StatusLine />
    </div>
  );
}
