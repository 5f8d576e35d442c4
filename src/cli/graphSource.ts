import { readFileSync } from 'node:fs';
import { GraphError } from '../core/graph/errors';
import { t } from '../i18n';
import { placeText, refusalText } from '../i18n/refusals';
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
    if (match === null) throw new UsageError(t('cli.errors.setPair', { pair: JSON.stringify(pair) }));
    const [, name, text] = match;
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) throw new UsageError(t('cli.errors.setNumber', { name, text: JSON.stringify(text) }));
    if (values.has(name)) throw new UsageError(t('cli.errors.setTwice', { name }));
    values.set(name, value);
  }
  return values;
}

/** Reads the graph named by the command line: FILE, or --expr with --set values (the expression parser loads only then). */
export async function readGraphSource(file: string | undefined, options: GraphSourceOptions): Promise<Graph> {
  const assignments = parseAssignments(options.set ?? []);
  if (file !== undefined && options.expr !== undefined) throw new UsageError(t('cli.errors.fileAndExpr'));
  if (file === undefined && options.expr === undefined) throw new UsageError(t('cli.errors.noGraph'));
  let graph: Graph;
  try {
    graph = options.expr !== undefined
      ? (await import('../core/expr/toGraph')).graphFromExpression(options.expr, Object.fromEntries(assignments))
      : parseGraph(readText(file as string));
  } catch (error) {
    if (error instanceof GraphError) throw new UsageError(inFile(file, refusalText(error) + (file !== undefined ? placeText(error.message, error.place) : '')));
    throw error;
  }
  for (const [name, value] of assignments) {
    const node = graph.nodes.find((n) => n.id === name);
    if (node === undefined || node.op !== 'input') {
      const inputs = graph.nodes.filter((n) => n.op === 'input').map((n) => n.id);
      throw new UsageError(t('cli.errors.noInput', { name, inputs: inputs.length > 0 ? inputs.join(', ') : t('cli.errors.none') }));
    }
    node.value = value;
  }
  return graph;
}

/** `problem`, after the file it is in when there is one. */
function inFile(file: string | undefined, problem: string): string {
  return file === undefined ? problem : t('cli.errors.inFile', { file, problem });
}

/** Why a file cannot be read, in the user's language for the usual causes, else the system's code. */
export function fileSystemReason(code: unknown, error: unknown): string {
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' ? t(`cli.errors.fs.${code}`) : String(code ?? error);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(t('cli.errors.cannotRead', { file, reason: fileSystemReason(code, error) }));
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
    throw new UsageError(inFile(file, refusalText(error) + placeText(error.message, place)));
  }
}
