// `gradflow landscape`, loaded when the command runs.
import { slice1d, slice2d } from '../../core/landscape/slice';
import type { Slice1d, Slice2d } from '../../core/landscape/types';
import { positiveFlag, wholeFlag } from '../flags';
import { t } from '../../i18n';
import { formatNumber, jsonNumber, problemWords, table } from '../output';
import { problemFromFlags, type ProblemFlags } from '../problem';
import { UsageError } from '../usage';

const SHADES = ' .:-=+*#%@';

/** A 2-D slice as an ASCII heat map: darker is higher, 'O' marks the current W, β up and α across. */
export function heatMap(s: Slice2d): string {
  const steps = s.alphas.length;
  const lines: string[] = [];
  const span = s.max - s.min;
  for (let j = steps - 1; j >= 0; j--) {
    let line = '';
    for (let i = 0; i < steps; i++) {
      const v = s.grid[j * steps + i];
      if (s.alphas[i] === 0 && s.betas[j] === 0) line += 'O';
      else if (!Number.isFinite(v)) line += '!';
      else line += SHADES[span > 0 ? Math.min(SHADES.length - 1, Math.floor(((v - s.min) / span) * SHADES.length)) : 0];
    }
    lines.push(`${formatNumber(s.betas[j]).padStart(7)} |${line}|`);
  }
  lines.push(' '.repeat(8) + t('cli.out.landscape.axes', { from: formatNumber(s.alphas[0]), to: formatNumber(s.alphas[steps - 1]) }));
  lines.push(' '.repeat(8) + t('cli.out.landscape.shades', { shades: SHADES, min: formatNumber(s.min), max: formatNumber(s.max), loss: formatNumber(s.centerLoss) }));
  return lines.join('\n');
}

/** A 1-D slice as a table with a bar per row. */
function sliceTable(s: Slice1d): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of s.losses) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  const bar = (v: number): string => (Number.isFinite(v) && max > min ? '#'.repeat(1 + Math.round(((v - min) / (max - min)) * 39)) : Number.isFinite(v) ? '#' : '!');
  return table(['α', t('cli.out.landscape.loss'), ''], Array.from(s.alphas, (a, i) => [formatNumber(a), formatNumber(s.losses[i]), bar(s.losses[i])]));
}

/** What `gradflow landscape` reads from its command line. */
export interface LandscapeFlags extends ProblemFlags {
  dims: string;
  steps?: string;
  range: string;
  seed: string;
  json?: boolean;
}

/** Prints a 1-D slice or a 2-D map of the loss around the current W. */
export async function runLandscape(file: string | undefined, flags: LandscapeFlags): Promise<void> {
  if (flags.dims !== '1' && flags.dims !== '2') throw new UsageError(t('cli.errors.dims', { text: JSON.stringify(flags.dims) }));
  const dims = Number(flags.dims);
  const steps = flags.steps === undefined ? 41 : wholeFlag('--steps', flags.steps, 2);
  if (steps > (dims === 1 ? 100_000 : 1001)) throw new UsageError(t('cli.errors.steps', { steps, max: dims === 1 ? '100000' : '1001', dims }));
  const range = positiveFlag('--range', flags.range);
  const seed = wholeFlag('--seed', flags.seed, 0);
  const problem = await problemFromFlags(file, flags);
  const head = { kind: problem.kind, parameters: problem.size, dims, steps, range, seed };
  if (dims === 1) {
    const s = slice1d(problem, { steps, range, seed });
    if (flags.json === true) {
      process.stdout.write(JSON.stringify({ ...head, centerLoss: jsonNumber(s.centerLoss), alphas: Array.from(s.alphas), losses: Array.from(s.losses, jsonNumber) }) + '\n');
      return;
    }
    process.stdout.write(`${t('cli.out.landscape.slice', { ...problemWords(problem), loss: formatNumber(s.centerLoss) })}\n\n${sliceTable(s)}\n`);
    return;
  }
  const s = slice2d(problem, { steps, range, seed });
  if (flags.json === true) {
    const rows = Array.from(s.betas, (_b, j) => Array.from(s.grid.subarray(j * steps, (j + 1) * steps), jsonNumber));
    process.stdout.write(JSON.stringify({ ...head, centerLoss: jsonNumber(s.centerLoss), min: jsonNumber(s.min), max: jsonNumber(s.max), alphas: Array.from(s.alphas), betas: Array.from(s.betas), grid: rows }) + '\n');
    return;
  }
  process.stdout.write(`${t('cli.out.landscape.map', { ...problemWords(problem), steps })}\n\n${heatMap(s)}\n`);
}

