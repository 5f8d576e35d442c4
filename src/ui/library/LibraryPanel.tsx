import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t } from '../../i18n';
import { downloadBlob, downloadText } from '../files/download';
import { library, useLibrary, type LibraryEntry } from '.';
import { liveEntries, trashedEntries } from './entries';
import { fileStem, libraryZip } from './exportAll';
import './library.css';

/** "just now", "3 min ago", "today 14:05" or a date: when an entry last changed. */
function when(at: number, now = Date.now()): string {
  const s = Math.round((now - at) / 1000);
  if (s < 45) return t('library.justNow');
  if (s < 3600) return t('library.minutesAgo', { count: Math.round(s / 60) });
  const d = new Date(at);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (s < 86_400 && d.getDate() === new Date(now).getDate()) return t('library.today', { time });
  return `${d.toLocaleDateString()} ${time}`;
}

async function exportAll(): Promise<void> {
  const entries = await library.snapshot();
  downloadBlob('gradflow-graphs.zip', new Blob([libraryZip(entries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}

function exportEntry(entry: LibraryEntry): void {
  if (entry.kind === 'graph') downloadText(`${fileStem(entry.name)}.gradflow.json`, entry.text);
  else downloadText(`${fileStem(entry.name)}.backup.txt`, entry.text, 'text/plain');
}

/** One saved graph: open it by its name; rename, duplicate, export or delete it. A backup can be exported or deleted. */
function EntryRow({ entry, open }: { entry: LibraryEntry; open: boolean }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(entry.name);
  const backup = entry.kind === 'backup';
  const finish = (keep: boolean) => {
    if (keep) library.rename(entry.id, draft);
    setRenaming(false);
  };
  return (
    <li className={`library-entry${open ? ' is-open' : ''}${backup ? ' is-backup' : ''}`} data-entry-id={entry.id} aria-current={open ? 'true' : undefined}>
      {renaming ? (
        <input className="library-rename" aria-label={t('library.newName', { name: entry.name })} value={draft} autoFocus maxLength={120}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') finish(true); else if (e.key === 'Escape') finish(false); }}
          onBlur={() => finish(true)} />
      ) : (
        <button type="button" className="library-name" disabled={backup || open} aria-label={t('library.openNamed', { name: entry.name })} title={backup ? entry.note : open ? t('library.openNow') : t('library.openNamed', { name: entry.name })}
          onClick={() => library.open(entry.id)}>
          {entry.name}
        </button>
      )}
      <div className="library-meta muted">
        {backup ? <span className="library-badge">{t('library.backup')}</span> : open ? <span className="library-badge is-open">{t('library.open')}</span> : null}
        {backup ? ` ${t('library.unreadable', { detail: entry.note ?? '' })}` : `${t('library.nodes', { count: entry.nodes ?? 0 })} · ${when(entry.updated)}`}
      </div>
      <div className="library-buttons">
        {!backup && <button type="button" aria-label={t('library.renameNamed', { name: entry.name })} onClick={() => { setDraft(entry.name); setRenaming(true); }}>{t('library.rename')}</button>}
        {!backup && <button type="button" aria-label={t('library.duplicateNamed', { name: entry.name })} onClick={() => library.duplicate(entry.id)}>{t('library.duplicate')}</button>}
        <button type="button" aria-label={t('library.exportNamed', { name: entry.name })} onClick={() => exportEntry(entry)}>{t('library.export')}</button>
        <button type="button" aria-label={t('library.deleteNamed', { name: entry.name })} onClick={() => library.remove(entry.id)}>{t('library.delete')}</button>
      </div>
    </li>
  );
}

/** The Graphs tab: the library of saved graphs, its trash, and Export all. */
export function LibraryPanel() {
  const { t } = useTranslation();
  const entries = useLibrary((s) => s.entries);
  const openId = useLibrary((s) => s.openId);
  const lastDeleted = useLibrary((s) => s.lastDeleted);
  const save = useLibrary((s) => s.save);
  const live = useMemo(() => liveEntries(entries), [entries]);
  const trash = useMemo(() => trashedEntries(entries), [entries]);
  const deleted = entries.find((e) => e.id === lastDeleted?.id && e.trashed !== undefined);
  return (
    <section className="library" aria-label={t('library.label')}>
      <p className="muted library-intro">{t('library.intro')}</p>
      <div className="library-actions">
        <button type="button" onClick={() => library.newEntry()}>{t('library.newGraph')}</button>
        <button type="button" onClick={() => void exportAll()} disabled={live.length === 0}>{t('library.exportAll')}</button>
      </div>
      {(save.kind === 'failed' || save.kind === 'memory') && <p className="error library-save" role="alert">{save.text}</p>}
      {deleted !== undefined && (
        <div className="library-undo">
          <span>{t('library.movedToTrash', { name: deleted.name })}</span>
          <button type="button" onClick={() => library.undoDelete()}>{t('library.undoDelete')}</button>
        </div>
      )}
      <ul className="library-list" aria-label={t('library.list')}>
        {live.map((e) => <EntryRow key={e.id} entry={e} open={e.id === openId} />)}
      </ul>
      {trash.length > 0 && (
        <details className="library-trash">
          <summary>{t('library.trashCount', { count: trash.length })}</summary>
          <ul className="library-list" aria-label={t('library.trashList')}>
            {trash.map((e) => (
              <li key={e.id} className="library-entry is-trashed" data-entry-id={e.id}>
                <span className="library-name">{e.name}</span>
                <div className="library-buttons">
                  <button type="button" aria-label={t('library.restoreNamed', { name: e.name })} onClick={() => library.restore(e.id)}>{t('library.restore')}</button>
                  <button type="button" aria-label={t('library.purgeNamed', { name: e.name })} onClick={() => void library.purge(e.id)}>{t('library.purge')}</button>
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
