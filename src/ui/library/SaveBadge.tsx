import { useTranslation } from 'react-i18next';
import { useLibrary } from '.';

/** The open graph's name and whether it is saved: "Saved", "Saving…", or "Not saved" with the reason. */
export function SaveBadge() {
  const { t } = useTranslation();
  const name = useLibrary((s) => s.entries.find((e) => e.id === s.openId)?.name);
  const save = useLibrary((s) => s.save);
  const ready = useLibrary((s) => s.ready);
  if (!ready) return null;
  const failed = save.kind === 'failed' || save.kind === 'memory';
  const label = t(save.kind === 'saved' ? 'library.saved' : save.kind === 'pending' ? 'library.saving' : 'library.notSaved');
  return (
    <div className={`save-badge${failed ? ' is-failed' : ''}`} data-save={save.kind} title={failed ? save.text : t('library.savedAs', { name: name ?? '' })}>
      <span className="save-name">{name}</span>
      {/* Polite, without a role: a failure is also announced as an alert in the status line. */}
      <span className="save-state" aria-live="polite">{label}</span>
    </div>
  );
}
