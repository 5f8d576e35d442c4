// `gradflow export`, loaded when the command runs.
import { serializeGraph } from '../../core/format/serialize';
import { layoutGraph } from '../../core/graph/layout';
import { graphFromExpression } from '../../core/expr/toGraph';
import { asUsage, parseAssignments } from '../graphSource';
import { UsageError } from '../usage';

/** What `gradflow export` reads from its command line. */
export interface ExportOptions {
  expr?: string;
  set: string[];
}

/** Prints the laid-out graph file of the command line's expression. */
export async function runExport(options: ExportOptions): Promise<void> {
  if (options.expr === undefined) throw new UsageError('export needs --expr "EXPRESSION"');
  const expr = options.expr;
  const values = parseAssignments(options.set);
  const graph = asUsage(() => graphFromExpression(expr, Object.fromEntries(values)));
  for (const name of values.keys()) {
    if (!graph.nodes.some((n) => n.op === 'input' && n.id === name)) throw new UsageError(`--set ${name}: the expression has no variable '${name}'`);
  }
  process.stdout.write(serializeGraph(await layoutGraph(graph)));
}
