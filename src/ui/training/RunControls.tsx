/** Start, Pause, Resume and Stop, with the epoch progress bar and samples per second. */
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

  const start = (): void => {
    if (compileInto(graph)) startTraining(graph);
  };

  const fraction = progress === null ? 0 : progress.seen / Math.max(1, progress.perEpoch);
  return (
    <section className="gf-train-run" aria-label="Run">
      <div className="gf-train-row">
        <button type="button" data-ui="training-start" className="gf-primary" onClick={start} disabled={active || !ready}>Start</button>
        <button type="button" onClick={() => control('pause')} disabled={status !== 'running'}>Pause</button>
        <button type="button" onClick={() => control('resume')} disabled={status !== 'paused'}>Resume</button>
        <button type="button" onClick={() => control('stop')} disabled={!active}>Stop</button>
      </div>
      <div className="gf-train-progress">
        {progress !== null && <progress max={1} value={fraction} aria-label="Epoch progress" />}
        <span>
          <span className={`gf-train-state gf-state-${status}`} data-testid="run-status" data-status={status} role="status">{STATUS_TEXT[status]}</span>
          {progress !== null && <span data-testid="progress-text">
            {' · '}Epoch {progress.epoch} of {progress.epochs} · {Math.round(fraction * 100)}% ·{' '}
            <span data-testid="samples-per-second">{Math.round(progress.samplesPerSecond).toLocaleString('en-US')}</span> samples/s
          </span>}
        </span>
      </div>
      {error !== null && <p className="gf-train-error" role="alert">{error}</p>}
    </section>
  );
}

const STATUS_TEXT = {
  idle: 'Ready',
  running: 'Training…',
  paused: 'Paused',
  stopped: 'Stopped',
  done: 'Done',
} as const;
