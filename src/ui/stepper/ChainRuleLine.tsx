import { useMemo } from 'react';
import { useEditor } from '../store';
import { phaseLines } from './chainRule';
import { passSteps } from '../store/phase';

/** The line under the toolbar: the chain rule with numbers at the current step, else the latest status message. */
export function ChainRuleLine() {
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const phase = useEditor((s) => s.phase);
  const status = useEditor((s) => s.status);
  const view = useEditor((s) => s.view);
  const lines = useMemo(() => {
    if (evaluation === undefined || phase.kind === 'values') return [];
    return phaseLines(graph, evaluation, phase, view);
  }, [graph, evaluation, phase, view]);
  const total = evaluation === undefined ? 0 : phase.kind === 'forward' ? passSteps(evaluation).forward.length : phase.kind === 'backward' ? passSteps(evaluation).backward.length : 0;
  return (
    <div className="info-bar">
      <div className="chain-rule" aria-live="polite" aria-label="Chain rule">
        {phase.kind !== 'values' && (
          <span className="step-count">{phase.kind === 'forward' ? 'Forward' : 'Backward'} {phase.done}/{total}</span>
        )}
        {lines.length > 0
          ? lines.map((line, k) => <code key={k} className={line.startsWith('  ') ? 'fanout' : undefined}>{line.trim()}</code>)
          : phase.kind === 'values' && <span className="muted">Values computed. Step backward to watch the gradients flow, one node at a time.</span>}
      </div>
      {status !== undefined && (
        <div key={status.serial} className={`status status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </div>
      )}
    </div>
  );
}
