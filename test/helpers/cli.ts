// The command line as a user runs it: node with tsx's loader (no build step), one child process per call.
import { run, type Run } from './python';

export type { Run };

/** Runs `gradflow …args` and collects its output and exit code (never rejects). */
export function gradflow(...args: string[]): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { timeout: 120_000 });
}
