import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { library } from '../library';
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
      </div>
      {TOOLBAR_ITEMS.map(({ id, Component }) => <div key={id} className="toolbar-group"><Component /></div>)}
      <StatusLine />
    </div>
  );
}
