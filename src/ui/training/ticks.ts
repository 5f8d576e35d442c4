/** Tick labels with as many decimals as the tick step needs, the same for every tick (0.00, 0.25, 0.50), not 0.0 beside 0.50. */
export function sameDecimals(ticks: number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0] ?? 1);
  const decimals = Math.min(6, String(Number(step.toPrecision(6))).split('.')[1]?.length ?? 0);
  return ticks.map((t) => t.toFixed(decimals));
}
