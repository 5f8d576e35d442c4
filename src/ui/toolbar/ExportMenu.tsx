import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_KINDS, exportProblem, type ExportKind } from '../files/exportKinds';
import { useEditor } from '../store';
import { useTrained } from '../store/trained';

/** The "Export" menu: the canvas as PNG or SVG, the formula as LaTeX, the graph as Python, PyTorch or ONNX. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const graph = useEditor((s) => s.graph);
  // Re-render when trained weights arrive, which makes ONNX available.
  useTrained((s) => s.key);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  const run = async (kind: ExportKind): Promise<void> => {
    setOpen(false);
    // The exporters (and html-to-image) load only when one is used.
    const { exportAs } = await import('../files/exportFiles');
    await exportAs(kind, flow);
  };
  return (
    <div className="menu" data-ui="export" ref={root} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} title={t('exportMenu.title')} onClick={() => setOpen(!open)}>
        {t('exportMenu.label')} <span aria-hidden>▾</span>
      </button>
      {open && (
        <div className="menu-popup" role="menu" aria-label={t('exportMenu.label')}>
          {EXPORT_KINDS.map((kind, k) => {
            const problem = exportProblem(kind, graph);
            const note = problem === null ? t(`exportMenu.items.${kind}.title`) : t(`exportMenu.problems.${problem}`);
            return (
              <button key={kind} type="button" role="menuitem" autoFocus={k === 0} disabled={problem !== null}
                title={note} onClick={() => void run(kind)}>
                <strong>{t(`exportMenu.items.${kind}.label`)}</strong>
                <span className="muted">{note}</span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
