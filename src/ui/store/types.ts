import type { Evaluation, Graph, OpName, Position } from '../core';
import type { Annotations } from './annotate';
import type { PassView } from './passView';
import type { History } from './history';
import type { StepPhase } from './phase';

/** A line in the status bar: what just happened, or why something was refused. */
export interface Status {
  kind: 'info' | 'error';
  text: string;
  /** Increments on every message so the same text twice still shows anew. */
  serial: number;
}

/** Measured node sizes, kept outside the graph: React Flow needs them back on every render. */
export type Measured = Record<string, { width: number; height: number }>;

/** The editor's state: the core Graph is the source of truth; everything else is derived or view state. */
export interface EditorState {
  graph: Graph;
  /** Lenient evaluation of `graph`, or undefined when it cannot be evaluated (see `evalError`). */
  evaluation: Evaluation | undefined;
  evalError: string | undefined;
  history: History;
  phase: StepPhase;
  /** What the current phase reveals (derived from evaluation and phase). */
  view: PassView | undefined;
  /** Every node's and edge's numbers (derived); labels subscribe to their own entry. */
  annotations: Annotations;
  selectedNodes: string[];
  selectedEdges: string[];
  measured: Measured;
  status: Status | undefined;
  clipboard: Graph | undefined;
  /** The graph before a node drag began, so the whole drag undoes as one edit. */
  dragOrigin: Graph | undefined;
  /** The edge under the pointer: its label shows local gradient and upstream × local. */
  hoveredEdge: string | undefined;
  /** Increments when a whole new graph arrives, so the canvas fits it into view. */
  fitRequest: number;
}

/** Every way the UI changes the editor's state. */
export interface EditorActions {
  /** Replaces the graph after an edit (undoable); `key` merges consecutive edits of one field. */
  commit(next: Graph, key?: string): void;
  /** Loads a whole graph (examples, import, expressions, share links, other panels); undoable; fits the view. */
  loadGraph(next: Graph, message?: string): void;
  /** Asks the canvas to fit the graph into view (after a layout). */
  requestFit(): void;
  addNode(op: OpName, position: Position): string;
  connect(source: string, target: string, port: number): boolean;
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  removeSelection(): void;
  setValue(id: string, value: number): void;
  setParam(id: string, name: string, value: number | string | readonly number[]): void;
  setLabel(id: string, label: string): void;
  setOutput(id: string | undefined): void;
  /** Node drags: intermediate positions are not undo steps; the final one is. */
  dragNodes(positions: ReadonlyMap<string, Position>, done: boolean): void;
  select(nodes: readonly string[], edges: readonly string[]): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  undo(): void;
  redo(): void;
  newGraph(): void;
  stepForward(): void;
  stepBackward(): void;
  runBackward(): void;
  resetSteps(): void;
  setMeasured(sizes: Measured): void;
  hover(edgeId: string | undefined): void;
  say(kind: Status['kind'], text: string): void;
}

