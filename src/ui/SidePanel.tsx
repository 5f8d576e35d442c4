import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary';
import { PANELS } from './panels';
import { openPanel, usePanelTab } from './panelState';

/** The right-hand side panel: one tab per entry of PANELS. */
export function SidePanel() {
  const active = usePanelTab((s) => s.active);
  const panel = PANELS.find((p) => p.id === active) ?? PANELS[0];
  const { t } = useTranslation();
  return (
    <aside className="side-panel" id="side-panel" aria-label={t('panels.label')}>
      <div className="tabs" role="tablist">
        {PANELS.map((p) => (
          <button key={p.id} type="button" role="tab" id={`tab-${p.id}`} aria-selected={p.id === panel?.id} aria-controls={`panel-${p.id}`}
            onClick={() => openPanel(p.id)}>
            {t(`panels.${p.id}`, { defaultValue: p.title })}
          </button>
        ))}
      </div>
      {panel !== undefined && (
        <div className="tab-body" role="tabpanel" id={`panel-${panel.id}`} aria-labelledby={`tab-${panel.id}`}>
          <ErrorBoundary key={panel.id} area={panel.id}>
            <panel.Component />
          </ErrorBoundary>
        </div>
      )}
    </aside>
  );
}
