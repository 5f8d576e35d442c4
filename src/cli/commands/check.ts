import type { Command } from 'commander';
import type { CheckOptions } from '../actions/check';
import { collect } from '../flags';

/** Relative error above which an input fails (CS231n: below 1e-7 is good, above 1e-2 is wrong). */
export const DEFAULT_TOLERANCE = 1e-6;

/** `gradflow check`: analytic against numerical gradient for every input; exit 1 above --tol. */
export function register(program: Command): void {
  program
    .command('check')
    .description('Gradient check: compare each input\'s analytic gradient with the centred difference; exit 1 when a relative error exceeds --tol.')
    .argument('[file]', 'a gradflow.graph JSON file')
    .option('--expr <expression>', 'an expression instead of a file')
    .option('--set <name=value>', 'set an input\'s value (repeatable)', collect, [])
    .option('--tol <tolerance>', 'largest relative error that passes', String(DEFAULT_TOLERANCE))
    .option('--json', 'print JSON: {output, h, tol, inputs, maxRelativeError, pass}')
    .action(async (file: string | undefined, options: CheckOptions) => {
      await (await import('../actions/check')).runCheck(file, options);
    });
}
