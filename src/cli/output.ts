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

/** Rows as left-aligned text columns under a header, separated by two spaces. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const widths = header.map((h) => h.length);
  for (const row of rows) for (let c = 0; c < widths.length; c++) if (row[c].length > widths[c]) widths[c] = row[c].length;
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** An object keyed by ids where `__proto__` is an ordinary key. */
export function keyed<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const object: Record<string, T> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}
