import { useTranslation } from 'react-i18next';
import { useEditor } from '../store';
import { SHORTCUTS } from '../canvas/useShortcuts';

/** "Step forward", "Step backward", "Run backward" and "Reset", with their shortcuts in the tooltips. */
export function StepButtons() {
  const s = useEditor.getState();
  const phase = useEditor((st) => st.phase);
  const stepping = phase.kind !== 'values';
  const { t } = useTranslation();
  return (
    <div className="toolbar-group step-buttons" role="group" aria-label={t('stepping.label')}>
      <button type="button" data-ui="step-forward" title={t('stepping.forwardTitle', { keys: SHORTCUTS.stepForward })} onClick={s.stepForward}>
        <span aria-hidden className="icon">▸</span><span className="button-text">{t('stepping.forward')}</span>
      </button>
      <button type="button" data-ui="step-backward" className="accent" title={t('stepping.backwardTitle', { keys: SHORTCUTS.stepBackward })} onClick={s.stepBackward}>
        <span aria-hidden className="icon">◂</span><span className="button-text">{t('stepping.backward')}</span>
      </button>
      <button type="button" data-ui="run-backward" title={t('stepping.runTitle', { keys: SHORTCUTS.runBackward })} onClick={s.runBackward}>
        <span aria-hidden className="icon">◂◂</span><span className="button-text">{t('stepping.run')}</span>
      </button>
      <button type="button" data-ui="reset-steps" title={t('stepping.resetTitle', { keys: SHORTCUTS.reset })} onClick={s.resetSteps} disabled={!stepping}>
        <span aria-hidden className="icon">↺</span><span className="button-text">{t('stepping.reset')}</span>
      </button>
    </div>
  );
}
