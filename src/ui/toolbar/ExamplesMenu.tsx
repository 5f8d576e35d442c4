import { useEffect, useRef, useState } from 'react';
import { listExamples, loadExample, type ExampleEntry } from '../files/io';

/** The "Examples" menu: the shipped graphs from public/examples/index.json. */
export function ExamplesMenu() {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ExampleEntry[] | string | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open || entries !== undefined) return;
    listExamples().then(setEntries, (e: unknown) => setEntries(`Examples unavailable: ${e instanceof Error ? e.message : String(e)}`));
  }, [open, entries]);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  return (
    <div className="menu" data-ui="examples" ref={root} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>Examples <span aria-hidden>▾</span></button>
      {open && (
        <div className="menu-popup" role="menu" aria-label="Examples">
          {entries === undefined && <div className="muted menu-note">Loading…</div>}
          {typeof entries === 'string' && <div className="error menu-note">{entries}</div>}
          {Array.isArray(entries) && entries.map((entry) => (
            <button key={entry.file} type="button" role="menuitem" autoFocus={entry === entries[0]}
              onClick={() => { setOpen(false); void loadExample(entry); }}>
              <strong>{entry.title}</strong>
              <span className="muted">{entry.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
