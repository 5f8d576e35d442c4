import { useMemo } from 'react';
import { useEditor } from '../store';
import { phaseLines } from './chainRule';
import { passSteps } from '../store/phase';
import { isLayered } from '../canvas/annotate';
import { StepButtons } from '../toolbar/StepButtons';

/** The stepping bar under the toolbar: the step buttons and the chain rule with numbers at the current step. */
export function ChainRuleLine() {
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const phase = useEditor((s) => s.phase);
  const view = useEditor((s) => s.view);
  const layered = useMemo(() => isLayered(graph), [graph]);
  const lines = useMemo(() => {
    if (evaluation === undefined || phase.kind === 'values') return [];
    return phaseLines(graph, evaluation, phase, view);
  }, [graph, evaluation, phase, view]);
  const total = evaluation === undefined ? 0 : phase.kind === 'forward' ? passSteps(evaluation).forward.length : phase.kind === 'backward' ? passSteps(evaluation).backward.length : 0;
  return (
    <div className="info-bar">
      <StepButtons />
      <div className="chain-rule" aria-live="polite" aria-label="Chain rule">
        {phase.kind !== 'values' && (
          <span className="step-count">{phase.kind === 'forward' ? 'Forward' : 'Backward'} {phase.done}/{total}</span>
        )}
        {lines.length > 0
          ? lines.map((line, k) => <code key={k} className={line.startsWith('  ') ? 'fanout' : undefined}>{line.trim()}</code>)
          : phase.kind === 'values' && (
            <span className="muted">
              {layered ? 'A layered graph: its values are vectors, computed by the network (see the Training tab).' : 'Values computed. Step backward to watch the gradients flow, one node at a time.'}
            </span>
          )}
      </div>
    </div>
  );
}
