import { useTranslation } from 'react-i18next';
import { toggleSide, useNarrow, useShell } from './layout';
import { PRESENT_KEYS, setPresenting } from './presentation';

/** The toolbar's show/hide buttons for the palette and the side panel (drawers on a phone). */
export function SideToggles() {
  const narrow = useNarrow();
  const palette = useShell((s) => (narrow ? s.drawer === 'palette' : s.palette));
  const panel = useShell((s) => (narrow ? s.drawer === 'panel' : s.panel));
  const { t } = useTranslation();
  // Icons only, with their names as labels and tooltips: the toolbar's width goes to commands.
  return (
    <div className="toolbar-group side-toggles" role="group" aria-label={t('shell.panels')}>
      <button type="button" aria-label={t('shell.operators')} aria-expanded={palette} aria-controls="palette"
        title={t(palette ? 'shell.hideOperators' : 'shell.showOperators')} onClick={() => toggleSide('palette')}>
        <span aria-hidden className="icon">◧</span>
      </button>
      <button type="button" aria-label={t('shell.sidePanel')} aria-expanded={panel} aria-controls="side-panel"
        title={t(panel ? 'shell.hidePanel' : 'shell.showPanel')} onClick={() => toggleSide('panel')}>
        <span aria-hidden className="icon">◨</span>
      </button>
    </div>
  );
}

/** "Present": larger type, no toolbar or panels, keyboard stepping. */
export function PresentButton() {
  const { t } = useTranslation();
  return (
    <div className="toolbar-group" role="group" aria-label={t('shell.presentation')}>
      <button type="button" title={t('shell.presentTitle', { key: PRESENT_KEYS.enter, next: t('shell.keyNext'), leave: PRESENT_KEYS.leave })}
        onClick={() => setPresenting(true)}>
        {t('shell.present')}
      </button>
    </div>
  );
}

/** The one control shown over the canvas in presentation mode. */
export function ExitPresentation() {
  const presenting = useShell((s) => s.presenting);
  const { t } = useTranslation();
  if (!presenting) return null;
  return (
    <button type="button" className="exit-presentation" onClick={() => setPresenting(false)}
      title={t('shell.exitTitle', { next: t('shell.keyNext'), reset: PRESENT_KEYS.reset, leave: PRESENT_KEYS.leave })}>
      {t('shell.exit')} <kbd>{PRESENT_KEYS.leave}</kbd>
    </button>
  );
}
