/** The gradient-check badge an input node shows while "Gradient check" is on. */
import { i18n } from '../i18n';
import { memo } from 'react';
import { useEditor } from '../store';
import { fmtLoss } from './format';
import { checkGraph } from './gradCheck';
import { useLecture } from './store';
import type { GradVerdict } from '../../core/landscape/types';

const VERDICT_MARK: Record<GradVerdict, string> = { good: '✓', acceptable: '≈', suspicious: '?', wrong: '✗' };

/** Numerical and analytic gradient and their relative error, coloured by CS231n's verdict. */
export const GradCheckBadge = memo(function GradCheckBadge({ id, op }: { id: string; op: string }) {
  const on = useLecture((s) => s.gradCheck);
  const graph = useEditor((s) => (on && op === 'input' ? s.graph : null));
  if (graph === null) return null;
  const result = checkGraph(graph);
  if (!result.ok) return <div className="gf-grad-check" data-grad-check="unavailable" title={result.message}>{i18n.t('gradCheck.na')}</div>;
  const c = result.byNode.get(id);
  if (c === undefined) return null;
  return (
    <div className={`gf-grad-check is-${c.verdict} nodrag`} data-grad-check={c.verdict} data-rel-error={c.relativeError}
      data-numerical={c.numerical} data-analytic={c.analytic}
      title={i18n.t('gradCheck.badgeTitle', { node: id, numerical: c.numerical, analytic: c.analytic, error: c.relativeError.toExponential(2), verdict: i18n.t(`gradCheck.verdict.${c.verdict}`) })}>
      <strong>{VERDICT_MARK[c.verdict]} {i18n.t(`gradCheck.verdict.${c.verdict}`)}</strong>
      <span>{i18n.t('gradCheck.num')} {fmtLoss(c.numerical)}</span>
      <span>{i18n.t('gradCheck.ana')} {fmtLoss(c.analytic)}</span>
      <span>{i18n.t('gradCheck.rel')} {c.relativeError === 0 ? '0' : c.relativeError.toExponential(1)}</span>
    </div>
  );
});
