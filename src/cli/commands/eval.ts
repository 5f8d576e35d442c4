import type { Command } from 'commander';
import type { EvalOptions } from '../actions/eval';
import { collect } from '../flags';

/** `gradflow eval`: forward and backward, every node's value and gradient, every edge's numbers. */
export function register(program: Command): void {
  program
    .command('eval')
    .description('Evaluate a graph forward and backward: every node\'s value and gradient, every edge\'s value, local gradient and gradient.')
    .argument('[file]', 'a gradflow.graph JSON file')
    .option('--expr <expression>', 'an expression instead of a file, e.g. "(x+y)*z"')
    .option('--set <name=value>', 'set an input\'s value (repeatable)', collect, [])
    .option('--json', 'print JSON: {output, value, nodes, edges, warnings}')
    .addHelpText('after', '\nExample:\n  gradflow eval --expr "(x+y)*z" --set x=-2 --set y=5 --set z=-4')
    .action(async (file: string | undefined, options: EvalOptions) => {
      await (await import('../actions/eval')).runEval(file, options);
    });
}
