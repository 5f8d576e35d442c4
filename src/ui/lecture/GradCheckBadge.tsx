/** The gradient-check badge an input node shows while "Gradient check" is on. */
import { i18n } from '../i18n';
import { memo } from 'react';
import type { CheckVerdict } from '../../core/eval/gradcheck';
import { useEditor } from '../store';
import { fmtLoss } from '../format';
import { checkGraph, type BadgeCheck } from './gradCheck';
import { useLecture } from './store';

const VERDICT_MARK: Record<CheckVerdict, string> = {
  good: '✓', acceptable: '≈', suspicious: '?', wrong: '✗', 'not-differentiable': '∠', 'kink-crossed': '∠',
};

/** A number as a data attribute: only finite numbers, so React never receives NaN for one. */
const attr = (v: number): string | undefined => (Number.isFinite(v) ? String(v) : undefined);

/** The badge's tooltip: the numbers, and at a kink which node it is and what the table does there. */
function title(id: string, c: BadgeCheck): string {
  const numbers = { node: id, numerical: c.numerical, analytic: c.analytic };
  if (c.kink !== undefined) {
    const rule = i18n.exists(`ops.${c.kink.op}.kinkRule`) ? ` (${i18n.t(`ops.${c.kink.op}.kinkRule`)})` : '';
    const kink = `${c.kink.op} '${c.kink.nodeId}'${rule}`;
    return i18n.t(c.verdict === 'not-differentiable' ? 'gradCheck.kinkTitle' : 'gradCheck.crossedTitle', { ...numbers, kink });
  }
  return i18n.t('gradCheck.badgeTitle', { ...numbers, error: c.relativeError.toExponential(2), verdict: i18n.t(`gradCheck.verdict.${c.verdict}`) });
}

/** Numerical and analytic gradient and their relative error, coloured by CS231n's verdict; kinks get their own. */
export const GradCheckBadge = memo(function GradCheckBadge({ id, op }: { id: string; op: string }) {
  const on = useLecture((s) => s.gradCheck);
  const graph = useEditor((s) => (on && op === 'input' ? s.graph : null));
  if (graph === null) return null;
  const result = checkGraph(graph);
  if (!result.ok) return <div className="gf-grad-check" data-grad-check="unavailable" title={result.message}>{i18n.t('gradCheck.na')}</div>;
  const c = result.byNode.get(id);
  if (c === undefined) return null;
  const kink = c.kink !== undefined;
  return (
    <div className={`gf-grad-check is-${c.verdict} nodrag`} data-grad-check={c.verdict} data-rel-error={attr(c.relativeError)}
      data-numerical={attr(c.numerical)} data-analytic={attr(c.analytic)} data-kink-node={c.kink?.nodeId}
      title={title(id, c)}>
      <strong>{VERDICT_MARK[c.verdict]} {i18n.t(`gradCheck.verdict.${c.verdict}`)}</strong>
      {kink && <span>{i18n.t(c.verdict === 'not-differentiable' ? 'gradCheck.subgradientUsed' : 'gradCheck.estimateInexact')}</span>}
      <span>{i18n.t('gradCheck.num')} {fmtLoss(c.numerical)}</span>
      <span>{i18n.t('gradCheck.ana')} {fmtLoss(c.analytic)}</span>
      {!kink && <span>{i18n.t('gradCheck.rel')} {c.relativeError === 0 ? '0' : c.relativeError.toExponential(1)}</span>}
    </div>
  );
});
