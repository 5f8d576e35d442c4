import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { library } from '../library';
import { useEditor } from '../store';
import { SHORTCUTS } from '../canvas/useShortcuts';
import { useNarrow } from '../shell/layout';
import { PresentButton, SideToggles } from '../shell/ShellButtons';
import { ExamplesMenu } from './ExamplesMenu';
import { FileButtons } from './FileButtons';
import { moveNodes } from '../core';
import { rememberRoutes } from '../canvas/routes';
import { LayoutCancelled, runLayout, warmLayout } from './layout';
import { LayoutProgress } from './LayoutProgress';
import { TOOLBAR_ITEMS } from './registry';
import { useOverflow } from './useOverflow';

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

/** "New", "Undo", "Redo". */
function EditButtons() {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const s = useEditor.getState();
  const { t } = useTranslation();
  return (
    <div className="toolbar-group" role="group" aria-label={t('toolbar.edit')}>
      <button type="button" title={t('toolbar.newTitle')} onClick={() => library.newEntry()}>{t('toolbar.new')}</button>
      <button type="button" title={t('toolbar.undoTitle', { keys: SHORTCUTS.undo })} onClick={s.undo} disabled={!canUndo}>{t('toolbar.undo')}</button>
      <button type="button" title={t('toolbar.redoTitle', { keys: t('shortcuts.redo') })} onClick={s.redo} disabled={!canRedo}>{t('toolbar.redo')}</button>
    </div>
  );
}

/** "Examples". */
function GraphsGroup() {
  const { t } = useTranslation();
  return <div className="toolbar-group" role="group" aria-label={t('toolbar.graphs')}><ExamplesMenu /></div>;
}

/** "Tidy layout". */
function LayoutGroup() {
  const { t } = useTranslation();
  return (
    <div className="toolbar-group" role="group" aria-label={t('toolbar.layout')}>
      <button type="button" title={t('toolbar.tidyTitle')} onPointerEnter={warmLayout} onFocus={warmLayout} onClick={() => void tidyLayout()}>{t('toolbar.tidy')}</button>
      <LayoutProgress />
    </div>
  );
}

/** The toolbar's groups, in order; those that do not fit go, from the end, into the "More" menu. */
const GROUPS: { id: string; Component: ComponentType }[] = [
  { id: 'edit', Component: EditButtons },
  { id: 'graphs', Component: GraphsGroup },
  { id: 'files', Component: FileButtons },
  { id: 'layout', Component: LayoutGroup },
  ...TOOLBAR_ITEMS,
  { id: 'present', Component: PresentButton },
];

/**
 * The toolbar: panel toggles, edit history, examples, files, layout, contributed items and presentation.
 * It wraps onto a second row when one is not enough; whatever does not fit goes into "More", so no command
 * is ever cut off.
 */
export function Toolbar() {
  const bar = useRef<HTMLDivElement>(null);
  const fixed = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => GROUPS.map((g) => g.id), []);
  // Two rows at most on a wide screen (every command in sight), one on a phone; the rest in More.
  const { inline, slot } = useOverflow(ids, bar, fixed, moreButton, useNarrow() ? 1 : 2);
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  const overflow = GROUPS.slice(inline);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!popup.current?.contains(e.target as Node) && !moreButton.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} ref={bar}>
      <div className="toolbar-fixed" ref={fixed}>
        <SideToggles />
      </div>
      {GROUPS.slice(0, inline).map(({ id, Component }) => <div key={id} className="toolbar-slot" ref={slot(id)}><Component /></div>)}
      <div className="toolbar-more" hidden={overflow.length === 0}
        onKeyDown={(e) => { if (e.key === 'Escape' && open) { setOpen(false); moreButton.current?.focus(); } }}>
        <button type="button" ref={moreButton} aria-haspopup="true" aria-expanded={open} aria-controls="toolbar-more"
          title={t('toolbar.moreTitle')} onClick={() => setOpen(!open)}>
          {t('toolbar.more')} <span aria-hidden>▾</span>
        </button>
        {/* Always mounted, only hidden: a file picker opened from here must still be there when a file is chosen. */}
        <div id="toolbar-more" ref={popup} className="toolbar-more-popup" role="group" aria-label={t('toolbar.moreLabel')} hidden={!open}
          onClick={(e) => {
            // A command closes the menu; a button that opens a menu of its own (Examples) keeps it open.
            const button = (e.target as Element).closest('button');
            if (button !== null && !button.hasAttribute('aria-haspopup')) setOpen(false);
          }}>
          {overflow.map(({ id, Component }) => <div key={id} className="toolbar-slot"><Component /></div>)}
        </div>
      </div>
    </div>
  );
}
