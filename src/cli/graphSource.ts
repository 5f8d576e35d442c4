import { readFileSync } from 'node:fs';
import { GraphError } from '../core/graph/errors';
import { placeSuffix } from '../core/graph/quote';
import type { Graph } from '../core/graph/types';
import { parseGraph } from '../core/format/parse';
import { UsageError } from './usage';

/** Options shared by commands that read one graph: a FILE argument, or --expr with --set. */
export interface GraphSourceOptions {
  expr?: string;
  set?: string[];
}

/** Parses `--set name=value` pairs; a name given twice or a non-number value is bad input. */
export function parseAssignments(pairs: readonly string[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const pair of pairs) {
    const match = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(pair);
    if (match === null) throw new UsageError(`--set ${JSON.stringify(pair)}: expected name=value`);
    const [, name, text] = match;
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) throw new UsageError(`--set ${name}: ${JSON.stringify(text)} is not a finite number`);
    if (values.has(name)) throw new UsageError(`--set ${name} is given twice`);
    values.set(name, value);
  }
  return values;
}

/** Reads the graph named by the command line: FILE, or --expr with --set values (the expression parser loads only then). */
export async function readGraphSource(file: string | undefined, options: GraphSourceOptions): Promise<Graph> {
  const assignments = parseAssignments(options.set ?? []);
  if (file !== undefined && options.expr !== undefined) throw new UsageError('give either FILE or --expr, not both');
  if (file === undefined && options.expr === undefined) throw new UsageError('give a graph FILE or --expr "EXPRESSION"');
  let graph: Graph;
  try {
    graph = options.expr !== undefined
      ? (await import('../core/expr/toGraph')).graphFromExpression(options.expr, Object.fromEntries(assignments))
      : parseGraph(readText(file as string));
  } catch (error) {
    if (error instanceof GraphError) throw new UsageError(file !== undefined ? `${file}: ${error.message}${placeSuffix(error.message, error.place)}` : error.message);
    throw error;
  }
  for (const [name, value] of assignments) {
    const node = graph.nodes.find((n) => n.id === name);
    if (node === undefined || node.op !== 'input') {
      const inputs = graph.nodes.filter((n) => n.op === 'input').map((n) => n.id);
      throw new UsageError(`--set ${name}: there is no input '${name}' (inputs: ${inputs.length > 0 ? inputs.join(', ') : 'none'})`);
    }
    node.value = value;
  }
  return graph;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

/**
 * Runs `work`, turning a GraphError into bad input (exit 2, one line). Given the file and the graph read
 * from it, the line names the file and the place in it (the node's JSON pointer).
 */
export function asUsage<T>(work: () => T, source: { file?: string; graph?: Graph } = {}): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const { file, graph } = source;
    const place = { ...error.place };
    if (place.path === undefined && graph !== undefined && file !== undefined) {
      const i = place.nodeId === undefined ? -1 : graph.nodes.findIndex((n) => n.id === place.nodeId);
      const j = place.edgeId === undefined ? -1 : graph.edges.findIndex((e) => e.id === place.edgeId);
      if (j >= 0) place.path = `/edges/${j}`;
      else if (i >= 0) place.path = `/nodes/${i}`;
    }
    throw new UsageError(`${file !== undefined ? `${file}: ` : ''}${error.message}${placeSuffix(error.message, place)}`);
  }
}
