/** What a graph problem is about, so a UI can mark the right node or edge. */
export interface Place {
  nodeId?: string;
  edgeId?: string;
  /** JSON pointer into a file, e.g. /nodes/3/op. */
  path?: string;
  line?: number;
  column?: number;
}

/**
 * What kind of problem a GraphError is: the tag a UI switches on (its message is for people and is
 * never parsed). The graph codes come from compileProgram; the others name the module that refused.
 */
export type GraphErrorCode =
  /** A graph node or edge id used twice. */
  | 'duplicate-id'
  | 'unknown-operator'
  /** An input or const node without a number. */
  | 'missing-value'
  /** An edge from or to a missing node, from a node to itself, or with an invalid port number. */
  | 'bad-edge'
  | 'port-out-of-range'
  | 'port-taken'
  | 'unconnected-port'
  | 'cycle'
  | 'no-nodes'
  | 'several-outputs'
  /** No single node without outgoing edges, and none marked as output. */
  | 'ambiguous-output'
  /** A layer operator in a graph evaluated as scalars. */
  | 'layer-operator'
  /** A fused gate that cannot run (no definition, wrong port count, a broken subgraph). */
  | 'gate'
  /** A fuse or unfuse refused. */
  | 'fuse'
  /** A layered graph that is not a trainable network (shapes, the chain, the loss). */
  | 'network'
  /** A file that is not a gradflow.graph gradflow can read. */
  | 'format'
  /** Past a bound: nesting depth, id or label length, formula length, memory. */
  | 'limit'
  /** An expression the parser refuses. */
  | 'expression'
  /** A graph that has no formula (layer operators). */
  | 'no-formula'
  /** A landscape or lecture problem whose parameters do not fit the graph. */
  | 'parameter'
  | 'export'
  | 'import'
  /** Not classified further. */
  | 'invalid';

/** The codes that mean the graph has no single output, so there is no backward pass. */
export const NO_OUTPUT_CODES: ReadonlySet<GraphErrorCode> = new Set(['no-nodes', 'several-outputs', 'ambiguous-output']);

/** A value a refusal quotes: an id already quoted, a number, a fragment of code, or a nested reason. */
export type ReasonParam = string | number | Reason;

/**
 * A refusal without its language: the id of its sentence and the values that sentence quotes. The UI and
 * the command line word it from their catalogs (`refusals.<id>`); the English `message` beside it is the
 * same sentence, for logs, tests and callers without catalogs.
 */
export interface Reason {
  readonly id: string;
  readonly params: Readonly<Record<string, ReasonParam>>;
}

/** A Reason from its id and params (params default to none). */
export const reason = (id: string, params: Readonly<Record<string, ReasonParam>> = {}): Reason => ({ id, params });

/** What a refusal is about ("node 3 id", "edge 'e1' source"): its English words and its Reason. */
export interface Who {
  readonly text: string;
  readonly reason: Reason;
}

/** A refusal that names the problem, where it is, and what kind it is. */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(message: string, readonly place: Place = {}, readonly code: GraphErrorCode = 'invalid', readonly reason?: Reason) {
    super(message);
  }
}

/** A refusal about something other than a graph (a data file, a flag's value, a size) that carries its Reason. */
export class ReasonedError extends Error {
  override name = 'ReasonedError';
  constructor(message: string, readonly reason: Reason) {
    super(message);
  }
}

/** The Reason an error carries, if it carries one. */
export function reasonOf(error: unknown): Reason | undefined {
  if (error instanceof GraphError || error instanceof ReasonedError) return error.reason;
  return undefined;
}
