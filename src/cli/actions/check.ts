// `gradflow check`, loaded when the command runs.
import { gradientCheck, type GradCheck } from '../../core/eval/gradcheck';
import { asUsage, readGraphSource, type GraphSourceOptions } from '../graphSource';
import { formatNumber, jsonNumber, table } from '../output';
import { UsageError } from '../usage';

/** What `gradflow check` reads from its command line. */
export interface CheckOptions extends GraphSourceOptions {
  tol: string;
  json?: boolean;
}

/** True when every input's relative error is at most `tol` (NaN fails). */
export function passes(check: GradCheck, tol: number): boolean {
  return check.inputs.every((c) => c.relativeError <= tol);
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
      pass: c.relativeError <= tol,
    })),
    maxRelativeError: jsonNumber(check.maxRelativeError),
    pass: passes(check, tol),
  };
}

function checkText(check: GradCheck, tol: number): string {
  const rows = check.inputs.map((c) => [
    c.nodeId, formatNumber(c.value), formatNumber(c.analytic), formatNumber(c.numerical),
    Number.isFinite(c.relativeError) ? c.relativeError.toExponential(2) : String(c.relativeError),
    c.relativeError <= tol ? 'ok' : 'FAIL',
  ]);
  const verdict = passes(check, tol)
    ? `all ${check.inputs.length} inputs agree: max relative error ${check.maxRelativeError.toExponential(2)} <= ${tol}`
    : `gradient check FAILED: max relative error ${String(check.maxRelativeError)} > ${tol}`;
  return `gradient check of ${check.outputId}, centred differences with h = ${check.h}\n\n`
    + table(['input', 'value', 'analytic', 'numerical', 'rel. error', ''], rows) + `\n\n${verdict}\n`;
}

/** Checks the graph the command line names; exit code 1 when an input fails. */
export async function runCheck(file: string | undefined, options: CheckOptions): Promise<void> {
  const tol = Number(options.tol);
  if (options.tol.trim() === '' || !Number.isFinite(tol) || tol < 0) throw new UsageError(`--tol ${JSON.stringify(options.tol)}: expected a number >= 0`);
  const graph = await readGraphSource(file, options);
  const check = asUsage(() => gradientCheck(graph), { file, graph });
  process.stdout.write(options.json === true ? JSON.stringify(checkJson(check, tol), null, 2) + '\n' : checkText(check, tol));
  if (!passes(check, tol)) process.exitCode = 1;
}
