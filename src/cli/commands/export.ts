import type { Command } from 'commander';
import { serializeGraph } from '../../core/format/serialize';
import { layoutGraph } from '../../core/graph/layout';
import { graphFromExpression } from '../../core/expr/toGraph';
import { asUsage, collect, parseAssignments } from '../graphSource';
import { UsageError } from '../usage';

interface ExportOptions {
  expr?: string;
  set: string[];
}

/** `gradflow export`: the laid-out graph file for an expression, on stdout. */
export function register(program: Command): void {
  program
    .command('export')
    .description('Print the gradflow.graph file for an expression, laid out left to right.')
    .option('--expr <expression>', 'the expression, e.g. "(x+y)*z"')
    .option('--set <name=value>', 'set a variable\'s value (repeatable); others are 1', collect, [])
    .addHelpText('after', '\nExample:\n  gradflow export --expr "(x+y)*z" --set x=-2 > xyz.json')
    .action(async (options: ExportOptions) => {
      if (options.expr === undefined) throw new UsageError('export needs --expr "EXPRESSION"');
      const expr = options.expr;
      const values = parseAssignments(options.set);
      const graph = asUsage(() => graphFromExpression(expr, Object.fromEntries(values)));
      for (const name of values.keys()) {
        if (!graph.nodes.some((n) => n.op === 'input' && n.id === name)) throw new UsageError(`--set ${name}: the expression has no variable '${name}'`);
      }
      process.stdout.write(serializeGraph(await layoutGraph(graph)));
    });
}
