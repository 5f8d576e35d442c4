// `gradflow check`, loaded when the command runs.
import { checkVerdict, gradientCheck, type GradCheck, type InputCheck } from '../../core/eval/gradcheck';
import { quoteId } from '../../core/graph/quote';
import { asUsage, readGraphSource, type GraphSourceOptions } from '../graphSource';
import { i18n, t } from '../../i18n';
import { formatNumber, jsonNumber, table } from '../output';
import { UsageError } from '../usage';

/** What `gradflow check` reads from its command line. */
export interface CheckOptions extends GraphSourceOptions {
  tol: string;
  json?: boolean;
}

/** True when an input's check does not fail: its relative error is at most `tol` (NaN fails), or it meets a kink, which is not judged. */
export function inputPasses(c: InputCheck, tol: number): boolean {
  return c.kink !== undefined || c.relativeError <= tol;
}

/** True when no input fails (see inputPasses). */
export function passes(check: GradCheck, tol: number): boolean {
  return check.inputs.every((c) => inputPasses(c, tol));
}

/** One line on an input that meets a kink: where, and what the operator table does there. */
function kinkNote(c: InputCheck, h: number): string {
  const kink = c.kink as NonNullable<InputCheck['kink']>;
  // The operator table's kink rule, in the user's language when the catalog has it.
  const rule = kink.rule === '' ? '' : i18n.exists(`ops.${kink.op}.kinkRule`) ? t(`ops.${kink.op}.kinkRule`) : kink.rule;
  const at = rule === '' ? `${kink.op} ${quoteId(kink.nodeId)}` : t('cli.out.check.kinkOf', { op: kink.op, id: quoteId(kink.nodeId), rule });
  return kink.where === 'at'
    ? t('cli.out.check.kinkAt', { id: quoteId(c.nodeId), at })
    : t('cli.out.check.kinkCrossed', { id: quoteId(c.nodeId), h, at });
}

function checkJson(check: GradCheck, tol: number): object {
  return {
    output: check.outputId,
    h: check.h,
    tol,
    inputs: check.inputs.map((c) => ({
      id: c.nodeId,
      value: jsonNumber(c.value),
      analytic: jsonNumber(c.analytic),
      numerical: jsonNumber(c.numerical),
      relativeError: jsonNumber(c.relativeError),
      verdict: checkVerdict(c),
      ...(c.kink === undefined ? {} : { kink: { node: c.kink.nodeId, op: c.kink.op, where: c.kink.where, rule: c.kink.rule } }),
      pass: inputPasses(c, tol),
    })),
    maxRelativeError: jsonNumber(check.maxRelativeError),
    pass: passes(check, tol),
  };
}

function checkText(check: GradCheck, tol: number): string {
  const rows = check.inputs.map((c) => [
    c.nodeId, formatNumber(c.value), formatNumber(c.analytic), formatNumber(c.numerical),
    Number.isFinite(c.relativeError) ? c.relativeError.toExponential(2) : String(c.relativeError),
    t(c.kink?.where === 'at' ? 'cli.out.check.notDifferentiable' : c.kink?.where === 'crossed' ? 'cli.out.check.nearKink' : c.relativeError <= tol ? 'cli.out.check.ok' : 'cli.out.check.fail'),
  ]);
  const kinks = check.inputs.filter((c) => c.kink !== undefined);
  const judged = check.inputs.length - kinks.length;
  const n = check.inputs.length;
  const aside = kinks.length === 0 ? '' : t('cli.out.check.aside', { count: kinks.length });
  const agree = kinks.length === 0 ? t('cli.out.check.allAgree', { count: n }) : t('cli.out.check.someAgree', { judged, count: n });
  const verdict = judged === 0 && n > 0
    ? t('cli.out.check.noneJudged', { count: n })
    : passes(check, tol)
      ? t('cli.out.check.pass', { agree, error: check.maxRelativeError.toExponential(2), tol, aside })
      : t('cli.out.check.failed', { error: String(check.maxRelativeError), tol, aside });
  const notes = kinks.map((c) => kinkNote(c, check.h));
  const columns = ['input', 'value', 'analytic', 'numerical', 'relError'].map((k) => t(`cli.out.check.columns.${k}`));
  return `${t('cli.out.check.title', { output: check.outputId, h: check.h })}\n\n`
    + table([...columns, ''], rows)
    + (notes.length > 0 ? `\n\n${notes.join('\n')}` : '') + `\n\n${verdict}\n`;
}

/** Checks the graph the command line names; exit code 1 when an input fails. */
export async function runCheck(file: string | undefined, options: CheckOptions): Promise<void> {
  const tol = Number(options.tol);
  if (options.tol.trim() === '' || !Number.isFinite(tol) || tol < 0) throw new UsageError(t('cli.errors.tol', { text: JSON.stringify(options.tol) }));
  const graph = await readGraphSource(file, options);
  const check = asUsage(() => gradientCheck(graph), { file, graph });
  process.stdout.write(options.json === true ? JSON.stringify(checkJson(check, tol), null, 2) + '\n' : checkText(check, tol));
  if (!passes(check, tol)) process.exitCode = 1;
}
