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

export type ParamDef = NumberParam | ChoiceParam;

/** Parameter values as stored on a node. */
export type Params = Readonly<Record<string, number | string>>;

/**
 * The inputs of a node, read without allocating: input k is `x[at + k]`, for k < n.
 * The evaluator keeps every port's value in one flat array, so this is a window into it.
 */
export type Forward = (x: Float64Array, at: number, n: number, params: Params) => number;

/** d(output)/d(input `port`) at the current inputs `x` and the node's own `out`put value. */
export type LocalGrad = (x: Float64Array, at: number, n: number, out: number, port: number, params: Params) => number;

/** How many inputs an operator takes. */
export type Arity =
  | { kind: 'fixed'; count: number }
  /** n-ary (add, mul): at least `min` inputs, and the editor grows a free port as ports fill. */
  | { kind: 'variadic'; min: number };

/** How a layer operator acts in a compiled network (see src/core/net). */
export type LayerRole = 'samples' | 'dense' | 'activation' | 'softmax' | 'loss';

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
  /** False for an operator made by an action instead of the palette (gate: by fusing a selection). */
  placeable?: boolean;
}
