import type { Program } from '../graph/program';
import type { Graph, GraphNode } from '../graph/types';

/** Where an operator sits in the palette. */
export type PaletteGroup = 'variables' | 'arithmetic' | 'functions' | 'activations' | 'layers' | 'losses';

/** Palette groups in display order, with their headings. */
export const PALETTE_GROUPS: readonly { id: PaletteGroup; title: string }[] = [
  { id: 'variables', title: 'Variables and constants' },
  { id: 'arithmetic', title: 'Arithmetic' },
  { id: 'functions', title: 'Functions' },
  { id: 'activations', title: 'Activations' },
  { id: 'layers', title: 'Layers' },
  { id: 'losses', title: 'Losses' },
];

/** A numeric parameter of an operator (e.g. scale's `a`). */
export interface NumberParam {
  kind: 'number';
  name: string;
  default: number;
  /** Whole numbers only (layer sizes). */
  integer?: boolean;
  min?: number;
  doc: string;
}

/** A parameter chosen from a fixed list (e.g. dense's `init`). */
export interface ChoiceParam {
  kind: 'choice';
  name: string;
  default: string;
  choices: readonly string[];
  doc: string;
}

/** An optional list of whole numbers >= 1 (samples' `shape`, channels first); absent means none. */
export interface ShapeParam {
  kind: 'shape';
  name: string;
  /** How many numbers the list may have (samples: 1 or 3). */
  lengths: readonly number[];
  doc: string;
}

export type ParamDef = NumberParam | ChoiceParam | ShapeParam;

/** Parameter values as stored on a node. */
export type Params = Readonly<Record<string, number | string | readonly number[]>>;

/**
 * The inputs of a node, read without allocating: input k is `x[at + k]`, for k < n.
 * The evaluator keeps every port's value in one flat array, so this is a window into it.
 */
export type Forward = (x: Float64Array, at: number, n: number, params: Params) => number;

/** d(output)/d(input `port`) at the current inputs `x` and the node's own `out`put value. */
export type LocalGrad = (x: Float64Array, at: number, n: number, out: number, port: number, params: Params) => number;

/**
 * Which smooth piece of an operator its inputs lie on, seen from input `port`: 0 where the operator is
 * not differentiable in that input (a kink, a tie, a pole, the edge of its domain), otherwise a non-zero
 * number that changes only across such a point. A gradient check reads it to tell a point the function
 * has no derivative at, and a centred difference that straddles one, from a wrong gradient.
 */
export type Piece = (x: Float64Array, at: number, n: number, port: number, params: Params) => number;

/** How many inputs an operator takes. */
export type Arity =
  | { kind: 'fixed'; count: number }
  /** n-ary (add, mul): at least `min` inputs, and the editor grows a free port as ports fill. */
  | { kind: 'variadic'; min: number };

/** How a layer operator acts in a compiled network (see src/core/net). */
export type LayerRole = 'samples' | 'dense' | 'conv2d' | 'maxpool' | 'flatten' | 'dropout' | 'activation' | 'softmax' | 'loss';

/** A piece of formula and how tightly it binds: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom. */
export interface Term {
  text: string;
  prec: number;
  /** The operator that wrote it (`input`, `const` for variables and numbers). */
  op: string;
}

/** A written node before it is tagged with its operator. */
export type Written = Omit<Term, 'op'>;

/** Writes one node from its operands' terms and the node's parameters (filled with defaults). */
export type FormulaWriter = (inputs: readonly Term[], params: Params) => Written;

/** How formulas write an operator: the expression box reads `call` and `infix`, toText the writers, the chain-rule line `infix`. */
export interface OpFormula {
  /** The function name an expression calls it by, e.g. `exp` in exp(x); absent for operators written with a symbol. */
  call?: string;
  /** The infix symbol in plain text (+, -, *, /, ^): what an expression writes between operands and the chain-rule line shows. */
  infix?: string;
  /** mathjs text that graphFromExpression reads back; default `call(inputs)`. */
  expression?: FormulaWriter;
  /** LaTeX for KaTeX. */
  latex: FormulaWriter;
}

/**
 * A vector activation as TF Playground's nn.ts pairs them: `output` maps z to a, `der` maps the
 * gradient dC/da back to dC/dz. Both act on entries at..at+n-1 and may run in place (a === z).
 */
export interface VectorActivation {
  /** a = f(z). */
  output(z: Float64Array, a: Float64Array, at: number, n: number): void;
  /** gZ = dC/dz from z, a = f(z) and gA = dC/da (gZ may be gA). */
  der(z: Float64Array, a: Float64Array, gA: Float64Array, gZ: Float64Array, at: number, n: number): void;
}

/** A loss on one sample's output vector a (entries at..at+n-1) and its label y, paired with its gradient. */
export interface VectorLoss {
  /** C(a, y). */
  output(a: Float64Array, at: number, n: number, label: number): number;
  /** gA[0..n-1] = dC/da. */
  der(a: Float64Array, at: number, n: number, label: number, gA: Float64Array): void;
}

/**
 * A loss read from the logits z that the softmax right before it normalises, which stays finite
 * where p_y underflows; `der` takes the probabilities p and writes dC/dz = p − y.
 */
export interface LogitsLoss {
  /** C from z. */
  output(z: Float64Array, at: number, n: number, label: number): number;
  /** gZ[0..n-1] = dC/dz from the softmax output p. */
  der(p: Float64Array, at: number, n: number, label: number, gZ: Float64Array): void;
}

/** A node's forward and local gradient, for the evaluator. */
export interface NodeKernels {
  forward: Forward;
  localGrad: LocalGrad;
}

/** Compiles a graph for evaluation (graph/program's compileProgram, handed to kernel hooks so ops/ need not import it). */
export type CompileGraph = (graph: Graph) => Program;

/** One operator: everything the evaluator, palette, validator, CLI and docs know about it. */
export interface OpDef {
  /** Label shown in the palette and used as the palette button's accessible name. */
  label: string;
  /** Compact symbol drawn on the node (+, ×, exp, 1/x, σ). */
  symbol: string;
  group: PaletteGroup;
  arity: Arity;
  /** Names of the input ports, where order matters (sub, div, pow); empty when it does not. */
  portNames: readonly string[];
  params: readonly ParamDef[];
  /** True for `input` and `const`, which hold a `value` instead of inputs. */
  leaf: boolean;
  /** Scalar forward; absent for layer-only operators. */
  forward?: Forward;
  /** Scalar local gradient, written beside forward; absent for leaves and layer-only operators. */
  localGrad?: LocalGrad;
  /** Set on operators that also (or only) act on vectors in a compiled network. */
  layer?: LayerRole;
  /** One line for the palette tooltip, `--help` and the docs. */
  doc: string;
  /** How the local gradient is defined where the derivative is not (kinks, ties). */
  kinkRule?: string;
  /** Where the operator is not differentiable, machine-checkable (see Piece); absent when it is smooth wherever it is defined. */
  piece?: Piece;
  /** False for an operator made by an action instead of the palette (gate: by fusing a selection). */
  placeable?: boolean;
  /** How formulas write it; absent for leaves (written as names and numbers) and layer-only operators. */
  formula?: OpFormula;
  /** The vector form of an activation or softmax in a compiled network. */
  activation?: VectorActivation;
  /** The vector form of a loss, and its form on logits when softmax comes right before it. */
  loss?: VectorLoss & { logits?: LogitsLoss };
  /** Kernels built per node instead of forward/localGrad (a fused gate runs its own subgraph); throws a GraphError when it cannot run. */
  kernels?: (node: GraphNode, ports: number, compile: CompileGraph) => NodeKernels;
  /** Input ports a node has when the node itself fixes them (a fused gate: its definition's inputs). */
  portsOf?: (node: GraphNode) => number | undefined;
}
