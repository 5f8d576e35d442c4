/** Asks what to do when the graph is edited during a run: the run and the edit are both kept until the user chooses. */
import { useTranslation } from 'react-i18next';
import { control, keepTraining } from './connection';
import { undoEditorEdit, useEditorGraph } from './editorLink';
import { useTraining } from './store';

/** The question, shown while `editedWhileTraining` is set (set by watchEdits in connection.ts). */
export function EditGuard() {
  const asking = useTraining((s) => s.editedWhileTraining);
  const graph = useEditorGraph();
  const { t } = useTranslation();
  if (!asking) return null;
  return (
    <div className="gf-train-guard" role="alertdialog" aria-label={t('training.editedLabel')} aria-describedby="gf-train-guard-text">
      <p id="gf-train-guard-text">
        {t('training.editedText')}
      </p>
      <div className="gf-train-row">
        <button type="button" className="gf-primary" onClick={() => control('stop')}>{t('training.stopTraining')}</button>
        <button type="button" onClick={undoEditorEdit}>{t('training.undoEdit')}</button>
        <button type="button" onClick={() => keepTraining(graph)}>{t('training.keepTraining')}</button>
      </div>
    </div>
  );
}
