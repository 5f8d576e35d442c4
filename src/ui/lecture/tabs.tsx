/** The lecture tabs' entries for the side-panel registry; each panel loads when its tab first opens. */
import { i18n } from '../i18n';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';

const LandscapePanel = lazy(() => import('./LandscapePanel').then((m) => ({ default: m.LandscapePanel })));
const StrategiesPanel = lazy(() => import('./StrategiesPanel').then((m) => ({ default: m.StrategiesPanel })));
const EquationsPanel = lazy(() => import('./EquationsPanel').then((m) => ({ default: m.EquationsPanel })));

const behind = (Panel: LazyExoticComponent<ComponentType>, what: string) => function Tab() {
  return (
    <Suspense fallback={<p className="muted">{i18n.t(`lecture.loadingPanel.${what}`)}</p>}>
      <Panel />
    </Suspense>
  );
};

/** The "Landscape" tab. */
export const LandscapeTab = behind(LandscapePanel, 'landscape');
/** The "Strategies" tab. */
export const StrategiesTab = behind(StrategiesPanel, 'strategies');
/** The "Four equations" tab. */
export const EquationsTab = behind(EquationsPanel, 'equations');
