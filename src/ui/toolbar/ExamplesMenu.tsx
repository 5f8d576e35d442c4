import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { listExamples, loadExample, type ExampleEntry } from '../files/io';

/** An example's title or description in the language shown; examples without a translation keep their English. */
function exampleText(entry: ExampleEntry, field: 'title' | 'description'): string {
  return i18n.t(`examples.items.${entry.file.replace(/\.json$/, '')}.${field}`, { defaultValue: entry[field] });
}

/** The "Examples" menu: the shipped graphs from public/examples/index.json. */
export function ExamplesMenu() {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ExampleEntry[] | string | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (!open || entries !== undefined) return;
    listExamples().then(setEntries, (e: unknown) => setEntries(t('examples.unavailable', { detail: e instanceof Error ? e.message : String(e) })));
  }, [open, entries, t]);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  return (
    <div className="menu" data-ui="examples" ref={root} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>{t('examples.button')} <span aria-hidden>▾</span></button>
      {open && (
        <div className="menu-popup" role="menu" aria-label={t('examples.button')}>
          {entries === undefined && <div className="muted menu-note">{t('examples.loading')}</div>}
          {typeof entries === 'string' && <div className="error menu-note">{entries}</div>}
          {Array.isArray(entries) && entries.map((entry) => (
            <button key={entry.file} type="button" role="menuitem" autoFocus={entry === entries[0]}
              onClick={() => { setOpen(false); void loadExample(entry); }}>
              <strong>{exampleText(entry, 'title')}</strong>
              <span className="muted">{exampleText(entry, 'description')}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
