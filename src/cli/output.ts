import { t } from '../i18n';

/** A number for JSON output: non-finite numbers become the strings "NaN", "Infinity", "-Infinity". */
export function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A number for a table: six significant digits, no trailing zeros, non-finite spelled out. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e9) return String(Number(value.toPrecision(6)));
  return value.toExponential(5).replace(/\.?0+e/, 'e');
}

/** East Asian wide and full-width characters: a terminal gives each two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** How many terminal columns `text` takes: two for each wide character (Chinese headers), one for the rest. */
export function displayWidth(text: string): number {
  const wide = text.match(WIDE);
  return text.length + (wide === null ? 0 : wide.length);
}

/** Rows as left-aligned text columns under a header, separated by two spaces; wide characters count twice. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const widths = header.map(displayWidth);
  for (const row of rows) for (let c = 0; c < widths.length; c++) { const w = displayWidth(row[c]); if (w > widths[c]) widths[c] = w; }
  const pad = (cell: string, width: number): string => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => pad(cell, widths[c])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** An object keyed by ids where `__proto__` is an ordinary key. */
export function keyed<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const object: Record<string, T> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** The kind of a problem and its parameter count, worded for a heading. */
export function problemWords(problem: { kind: string; size: number }): { kind: string; parameters: string } {
  return { kind: t(`cli.out.kinds.${problem.kind}`, { defaultValue: problem.kind }), parameters: t('cli.out.parameters', { count: problem.size }) };
}
