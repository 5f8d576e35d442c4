// CLI start-up: wall time of `gradflow --help`, `eval FILE` and `eval --expr` (each command loads
// its implementation only when it runs), against the peer measured in the same run: a bare tsx
// process that prints one line, the floor any command started through tsx pays. Median of 7 runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 7;

/** Median wall seconds of `node --import tsx ...args`. */
function seconds(args: string[]): number {
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'ignore' });
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** Prints each command's start-up time and its ratio to a bare tsx process. */
export async function run(): Promise<void> {
  const empty = join(mkdtempSync(join(tmpdir(), 'gradflow-bench-')), 'empty.ts');
  writeFileSync(empty, "console.log('ok');\n");
  const floor = seconds([empty]);
  console.log(`\nCLI start-up (median of ${RUNS}; bare tsx process ${floor.toFixed(2)} s)`);
  const cases: [string, string[]][] = [
    ['gradflow --help', ['--help']],
    ['gradflow eval public/examples/xyz.json', ['eval', 'public/examples/xyz.json']],
    ['gradflow eval --expr "x*y"', ['eval', '--expr', 'x*y']],
  ];
  for (const [name, args] of cases) {
    const s = seconds(['src/cli/main.ts', ...args]);
    console.log(`  ${name.padEnd(42)} ${s.toFixed(2)} s  (${(s / floor).toFixed(2)}x the bare process, +${(s - floor).toFixed(2)} s)`);
  }
}
