import type { Command } from 'commander';
import type { ExportOptions } from '../actions/export';
import { collect } from '../flags';

/** `gradflow export`: the laid-out graph file for an expression, on stdout. */
export function register(program: Command): void {
  program
    .command('export')
    .description('Print the gradflow.graph file for an expression, laid out left to right.')
    .option('--expr <expression>', 'the expression, e.g. "(x+y)*z"')
    .option('--set <name=value>', 'set a variable\'s value (repeatable); others are 1', collect, [])
    .addHelpText('after', '\nExample:\n  gradflow export --expr "(x+y)*z" --set x=-2 > xyz.json')
    .action(async (options: ExportOptions) => {
      await (await import('../actions/export')).runExport(options);
    });
}
