import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { full } from '../format';
import { useEditor } from '../store';
import { phaseLines } from './chainRule';
import { passSteps } from '../store/phase';
import { isLayeredGraph } from '../core';
import { StatusLine } from '../toolbar/StatusLine';
import { StepButtons } from '../toolbar/StepButtons';

/** The stepping bar under the toolbar: the step buttons, the chain rule with numbers at the current step, and the status line. */
export function ChainRuleLine() {
  const graph = useEditor((s) => s.graph);
  const evaluation = useEditor((s) => s.evaluation);
  const phase = useEditor((s) => s.phase);
  const view = useEditor((s) => s.view);
  const layered = useMemo(() => isLayeredGraph(graph), [graph]);
  const { t } = useTranslation();
  // Not memoised: the lines hold words of the shown language, and one step's lines are cheap to build. Rounded
  // for reading; each line's tooltip has the same line with every number in full.
  const lines = evaluation === undefined || phase.kind === 'values' ? [] : phaseLines(graph, evaluation, phase, view);
  const exact = evaluation === undefined || phase.kind === 'values' ? [] : phaseLines(graph, evaluation, phase, view, full);
  const total = evaluation === undefined ? 0 : phase.kind === 'forward' ? passSteps(evaluation).forward.length : phase.kind === 'backward' ? passSteps(evaluation).backward.length : 0;
  return (
    <div className="info-bar">
      <StepButtons />
      <div className="chain-rule" aria-live="polite" aria-label={t('chain.label')}>
        {phase.kind !== 'values' && (
          <span className="step-count">{t(phase.kind === 'forward' ? 'chain.forwardCount' : 'chain.backwardCount', { done: phase.done, total })}</span>
        )}
        {lines.length > 0
          ? lines.map((line, k) => <code key={k} className={line.startsWith('  ') ? 'fanout' : undefined} title={exact[k]?.trim()}>{line.trim()}</code>)
          : phase.kind === 'values' && (
            <span className="muted">
              {layered ? t('chain.layered') : t('chain.values')}
            </span>
          )}
      </div>
      <StatusLine />
    </div>
  );
}
