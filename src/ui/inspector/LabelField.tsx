import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store';

/** Edits a node's label (the name used in the chain-rule lines); applied on Enter or leaving the field. */
export function LabelField({ nodeId, label }: { nodeId: string; label: string }) {
  const [draft, setDraft] = useState(label);
  const { t } = useTranslation();
  const [seen, setSeen] = useState(`${nodeId}\u0000${label}`);
  if (seen !== `${nodeId}\u0000${label}`) {
    setSeen(`${nodeId}\u0000${label}`);
    setDraft(label);
  }
  const apply = () => { if (draft !== label) useEditor.getState().setLabel(nodeId, draft.trim()); };
  return (
    <label className="field">
      <span>{t('inspector.label')}</span>
      <input value={draft} placeholder={nodeId} aria-label={t('inspector.labelName')} maxLength={40}
        onChange={(e) => setDraft(e.target.value)} onBlur={apply} onKeyDown={(e) => { if (e.key === 'Enter') apply(); }} />
    </label>
  );
}
