/** Start, Pause, Resume and Stop, with the epoch progress bar and samples per second. */
import { useTranslation } from 'react-i18next';
import type { Graph } from '../../core/graph/types';
import { compileInto } from './CompileSection';
import { control, startTraining } from './connection';
import { useTraining } from './store';

/** The run buttons and the progress of the current epoch. */
export function RunControls({ graph }: { graph: Graph }) {
  const status = useTraining((s) => s.status);
  const ready = useTraining((s) => s.data.description !== null && !s.data.loading && s.settingsProblem === null);
  const progress = useTraining((s) => s.progress);
  const error = useTraining((s) => s.error);
  const active = status === 'running' || status === 'paused';
  const { t } = useTranslation();

  const start = (): void => {
    if (compileInto(graph)) startTraining(graph);
  };

  const fraction = progress === null ? 0 : progress.seen / Math.max(1, progress.perEpoch);
  return (
    <section className="gf-train-run" aria-label={t('training.run')}>
      <div className="gf-train-row">
        <button type="button" data-ui="training-start" className="gf-primary" onClick={start} disabled={active || !ready}>{t('training.start')}</button>
        <button type="button" onClick={() => control('pause')} disabled={status !== 'running'}>{t('training.pause')}</button>
        <button type="button" onClick={() => control('resume')} disabled={status !== 'paused'}>{t('training.resume')}</button>
        <button type="button" onClick={() => control('stop')} disabled={!active}>{t('training.stop')}</button>
      </div>
      <div className="gf-train-progress">
        {progress !== null && <progress max={1} value={fraction} aria-label={t('training.progress')} />}
        <span>
          <span className={`gf-train-state gf-state-${status}`} data-testid="run-status" data-status={status} role="status">{t(`training.status.${status}`)}</span>
          {progress !== null && <span data-testid="progress-text">
            {' · '}{t('training.epochOf', { epoch: progress.epoch, epochs: progress.epochs })} · {Math.round(fraction * 100)}% ·{' '}
            <span data-testid="samples-per-second">{Math.round(progress.samplesPerSecond).toLocaleString('en-US')}</span> {t('training.perSecond')}
          </span>}
        </span>
      </div>
      {error !== null && <p className="gf-train-error" role="alert">{error}</p>}
    </section>
  );
}

