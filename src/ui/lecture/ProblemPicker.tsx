/** The choice every lecture tab starts with: the editor's graph or the built-in SVM example. */
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { isLayeredGraph } from '../../core/net/shapes';
import { useEditor } from '../store';
import type { ProblemChoice } from './store';

/** Props of ProblemPicker. */
export interface ProblemPickerProps {
  value: ProblemChoice;
  onChange: (choice: ProblemChoice) => void;
}

/** True when the choice is the editor's graph and that graph is a network. */
export function useNetworkChosen(choice: ProblemChoice): boolean {
  return useEditor((s) => choice === 'editor' && isLayeredGraph(s.graph));
}

/** What "the graph in the editor" means right now, in a few words. */
function useEditorProblemNote(): string {
  const layered = useEditor((s) => isLayeredGraph(s.graph));
  const selectedInputs = useEditor((s) => {
    const sel = new Set(s.selectedNodes);
    return s.graph.nodes.filter((n) => n.op === 'input' && sel.has(n.id)).length;
  });
  useTranslation();
  if (layered) return i18n.t('problem.network');
  return selectedInputs > 0 ? i18n.t('problem.selected', { count: selectedInputs }) : i18n.t('problem.allInputs');
}

/** A select between the editor's graph and the SVM example, with a note on what W is. */
export function ProblemPicker({ value, onChange }: ProblemPickerProps) {
  const note = useEditorProblemNote();
  const { t } = useTranslation();
  return (
    <div className="gf-lecture-row">
      <label className="gf-lecture-field is-wide">
        <span>{t('problem.label')}</span>
        <select value={value} onChange={(e) => onChange(e.target.value as ProblemChoice)}>
          <option value="editor">{t('problem.editor')}</option>
          <option value="svm" title={t('problem.svmTitle')}>{t('problem.svm')}</option>
        </select>
      </label>
      {value === 'editor' && <span className="muted gf-lecture-note">{note}</span>}
    </div>
  );
}
