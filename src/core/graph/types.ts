import type { OpName } from '../ops/table';
import type { Params } from '../ops/types';

/** A point on the canvas. */
export interface Position {
  x: number;
  y: number;
}

/** Fields a file carries that gradflow does not interpret; kept so a round trip loses nothing. */
export type Extra = Record<string, unknown>;

/** One operator instance. */
export interface GraphNode {
  id: string;
  op: OpName;
  /** The number held by `input` and `const` nodes. */
  value?: number;
  label?: string;
  params?: Params;
  position?: Position;
  /** Marks the node whose gradient is seeded with 1. */
  output?: boolean;
  /** The subgraph a fused `gate` node stands for (see fuse.ts); only gate nodes have one. */
  gate?: GateDefinition;
  extra?: Extra;
}

/** What a fused gate holds: the subgraph it replaced, exactly as it was, so unfusing restores it. */
export interface GateDefinition {
  /** Symbol drawn on the gate, e.g. σ. */
  label: string;
  /** The outside node feeding each input port, in port order. */
  inputs: string[];
  /** The inner node whose value is the gate's value. */
  output: string;
  /** The inner nodes, exactly as they were. */
  nodes: GraphNode[];
  /** Every edge the fusion removed or rewired (inner, into and out of the selection), exactly as they were. */
  edges: GraphEdge[];
  /** Where each of `nodes` sat in the graph's node list, and each of `edges` in its edge list. */
  nodeIndex: number[];
  edgeIndex: number[];
}

/** A wire from `source`'s output to input `targetPort` (0-based) of `target`. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  targetPort: number;
  label?: string;
  extra?: Extra;
}

/** Training defaults a layered graph may carry (see src/core/net). */
export interface TrainingDefaults {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** L2 weight decay λ. */
  l2?: number;
  /** Update rule: sgd (default), momentum or adam. */
  optimizer?: 'sgd' | 'momentum' | 'adam';
  /** Momentum μ (default 0.9). */
  momentum?: number;
  /** Adam's β1, β2 and ε (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** A computational graph: the core's model of what the user drew. */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  training?: TrainingDefaults;
  /** Top-level fields beyond format, version, nodes and edges (viewport, metadata, training). */
  extra?: Extra;
}
