/** The Training tab's entry for the panel registry: the panel (with uPlot) loads when the tab first opens. */
import { i18n } from '../i18n';
import { lazy, Suspense } from 'react';

const TrainingPanel = lazy(() => import('./TrainingPanel').then((m) => ({ default: m.TrainingPanel })));

/** The Training panel behind a Suspense boundary. */
export function TrainingTab() {
  return (
    <Suspense fallback={<p className="muted">{i18n.t('training.loadingPanel')}</p>}>
      <TrainingPanel />
    </Suspense>
  );
}
