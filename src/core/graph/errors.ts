/** What a graph problem is about, so a UI can mark the right node or edge. */
export interface Place {
  nodeId?: string;
  edgeId?: string;
  /** JSON pointer into a file, e.g. /nodes/3/op. */
  path?: string;
  line?: number;
  column?: number;
}

/** A refusal that names the problem and where it is. */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(message: string, readonly place: Place = {}) {
    super(message);
  }
}
