import type { Arity, Forward, LocalGrad, OpDef, ParamDef, PaletteGroup } from './types';

const fixed = (count: number): Arity => ({ kind: 'fixed', count });
const variadic: Arity = { kind: 'variadic', min: 2 };

const num = (name: string, value: number, doc: string, extra: Partial<ParamDef> = {}): ParamDef =>
  ({ kind: 'number', name, default: value, doc, ...extra }) as ParamDef;

/** A one-input operator from f(x) and its derivative f'(x, f(x)). */
function unary(
  label: string,
  symbol: string,
  group: PaletteGroup,
  f: (x: number) => number,
  df: (x: number, out: number) => number,
  doc: string,
  more: Partial<OpDef> = {},
): OpDef {
  return {
    label, symbol, group, doc,
    arity: fixed(1), portNames: [], params: [], leaf: false,
    forward: (x, at) => f(x[at]),
    localGrad: (x, at, _n, out) => df(x[at], out),
    ...more,
  };
}

/** A two-input operator from f(a, b) and its partial derivatives. */
function binary(
  label: string,
  symbol: string,
  portNames: readonly string[],
  f: (a: number, b: number) => number,
  da: (a: number, b: number, out: number) => number,
  db: (a: number, b: number, out: number) => number,
  doc: string,
  more: Partial<OpDef> = {},
): OpDef {
  return {
    label, symbol, group: 'arithmetic', doc, portNames,
    arity: fixed(2), params: [], leaf: false,
    forward: (x, at) => f(x[at], x[at + 1]),
    localGrad: (x, at, _n, out, port) => (port === 0 ? da : db)(x[at], x[at + 1], out),
    ...more,
  };
}

/** An operator with no scalar meaning: it acts only on vectors in a compiled network. */
function layerOnly(label: string, symbol: string, group: PaletteGroup, layer: OpDef['layer'], arity: Arity, params: readonly ParamDef[], doc: string): OpDef {
  return { label, symbol, group, arity, portNames: [], params, leaf: arity.kind === 'fixed' && arity.count === 0, layer, doc };
}

const sum: Forward = (x, at, n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[at + i];
  return s;
};

const product: Forward = (x, at, n) => {
  let p = 1;
  for (let i = 0; i < n; i++) p *= x[at + i];
  return p;
};

/** d(x0·x1·…)/dx_k is the product of the other inputs; computed directly so a zero input is exact. */
const productOfOthers: LocalGrad = (x, at, n, _out, port) => {
  let p = 1;
  for (let i = 0; i < n; i++) if (i !== port) p *= x[at + i];
  return p;
};

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A fused subgraph; its forward and local gradients are built per node from the subgraph it holds (graph/fuse.ts). */
const gate: OpDef = {
  label: 'Gate', symbol: 'gate', group: 'functions', arity: { kind: 'variadic', min: 1 }, portNames: [], params: [], leaf: false, placeable: false,
  doc: 'A fused subgraph (e.g. the sigmoid chain as one σ gate): forward through it, local gradients by backprop inside it.',
};

/**
 * The operator table: each operator defined once. The evaluator, palette, validator,
 * CLI and docs all read it; adding an operator touches only this record.
 */
export const OPS = {
  input: {
    label: 'Input', symbol: 'x', group: 'variables', arity: fixed(0), portNames: [], params: [], leaf: true,
    doc: 'A variable with a value; its gradient is reported.',
  },
  const: {
    label: 'Constant', symbol: 'c', group: 'variables', arity: fixed(0), portNames: [], params: [], leaf: true,
    doc: 'A fixed number.',
  },

  add: {
    label: 'Add', symbol: '+', group: 'arithmetic', arity: variadic, portNames: [], params: [], leaf: false,
    forward: sum, localGrad: () => 1,
    doc: 'Sum of two or more inputs; the add gate passes the gradient unchanged to every input.',
  },
  mul: {
    label: 'Multiply', symbol: '×', group: 'arithmetic', arity: variadic, portNames: [], params: [], leaf: false,
    forward: product, localGrad: productOfOthers,
    doc: 'Product of two or more inputs; each input\'s local gradient is the product of the others.',
  },
  sub: binary('Subtract', '−', ['a', 'b'], (a, b) => a - b, () => 1, () => -1, 'a − b.'),
  div: binary('Divide', '÷', ['a', 'b'], (a, b) => a / b, (_a, b) => 1 / b, (a, b) => -a / (b * b), 'a ÷ b.'),
  pow: binary(
    'Power', '^', ['base', 'exponent'],
    (a, b) => Math.pow(a, b),
    (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    (a, _b, out) => (out === 0 ? 0 : out * Math.log(a)),
    'base ^ exponent; both inputs are differentiable.',
    { kinkRule: 'd/d exponent = base^exponent · ln(base): NaN for a negative base, 0 where the result is 0.' },
  ),
  max: binary(
    'Max', 'max', [], Math.max,
    (a, b) => (a >= b ? 1 : 0), (a, b) => (a >= b ? 0 : 1),
    'The larger input; the gradient flows to it alone (the max gate routes).',
    { kinkRule: 'At a tie the whole gradient goes to the first input.', group: 'functions' },
  ),
  min: binary(
    'Min', 'min', [], Math.min,
    (a, b) => (a <= b ? 1 : 0), (a, b) => (a <= b ? 0 : 1),
    'The smaller input; the gradient flows to it alone.',
    { kinkRule: 'At a tie the whole gradient goes to the first input.', group: 'functions' },
  ),
  neg: unary('Negate', '−x', 'arithmetic', (x) => -x, () => -1, '−x.'),
  scale: {
    ...unary('Scale', 'a·x', 'arithmetic', (x) => x, () => 1, 'a · x for a fixed parameter a.'),
    params: [num('a', 2, 'the factor')],
    forward: (x, at, _n, p) => (p.a as number) * x[at],
    localGrad: (_x, _at, _n, _out, _port, p) => p.a as number,
  },
  offset: {
    ...unary('Offset', 'c+x', 'arithmetic', (x) => x, () => 1, 'c + x for a fixed parameter c.'),
    params: [num('c', 1, 'the amount added')],
    forward: (x, at, _n, p) => (p.c as number) + x[at],
  },
  inv: unary('1/x', '1/x', 'arithmetic', (x) => 1 / x, (_x, out) => -out * out, 'Reciprocal; d(1/x)/dx = −1/x².'),
  square: unary('Square', 'x²', 'arithmetic', (x) => x * x, (x) => 2 * x, 'x².'),

  exp: unary('Exp', 'exp', 'functions', Math.exp, (_x, out) => out, 'e^x; its derivative is itself.'),
  log: unary('Log', 'log', 'functions', Math.log, (x) => 1 / x, 'Natural logarithm; NaN for negative inputs.'),
  sqrt: unary('Sqrt', '√', 'functions', Math.sqrt, (_x, out) => 0.5 / out, 'Square root.'),
  abs: unary('Abs', '|x|', 'functions', Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), 'Absolute value.', {
    kinkRule: 'At x = 0 the local gradient is 0 (a subgradient).',
  }),
  sin: unary('Sin', 'sin', 'functions', Math.sin, Math.cos, 'Sine.'),
  cos: unary('Cos', 'cos', 'functions', Math.cos, (x) => -Math.sin(x), 'Cosine.'),

  sigmoid: unary('Sigmoid', 'σ', 'activations', sigmoid, (_x, s) => (1 - s) * s, 'σ(x) = 1/(1+e^−x); dσ/dx = (1−σ)σ.', {
    layer: 'activation',
  }),
  tanh: unary('Tanh', 'tanh', 'activations', Math.tanh, (_x, t) => 1 - t * t, 'Hyperbolic tangent; d/dx = 1 − tanh².', {
    layer: 'activation',
  }),
  relu: unary('ReLU', 'relu', 'activations', (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0), 'max(0, x).', {
    layer: 'activation',
    kinkRule: 'At x = 0 the local gradient is 0.',
  }),

  gate,

  samples: layerOnly('Samples', 'X', 'layers', 'samples', fixed(0),
    [num('size', 784, 'length of one input vector', { integer: true, min: 1 })],
    'The dataset\'s input vectors (784 pixels for MNIST); labels go to the loss.'),
  dense: layerOnly('Dense', 'W·a+b', 'layers', 'dense', fixed(1), [
    num('units', 30, 'number of neurons', { integer: true, min: 1 }),
    { kind: 'choice', name: 'init', default: 'normal', choices: ['normal', 'xavier', 'he'], doc: 'weight initialisation: N(0,1) as Nielsen, Xavier or He' },
  ], 'Fully connected layer z = W·a + b.'),
  softmax: layerOnly('Softmax', 'softmax', 'layers', 'softmax', fixed(1), [], 'Normalised exponentials: probabilities over the classes.'),
  mse: layerOnly('Quadratic loss', 'MSE', 'losses', 'loss', fixed(1), [], 'C = ½‖y − a‖², Nielsen\'s quadratic cost, y one-hot.'),
  cross_entropy: layerOnly('Cross-entropy loss', 'CE', 'losses', 'loss', fixed(1), [], 'C = −ln a_y, on probabilities (after softmax).'),
  svm: layerOnly('SVM loss', 'SVM', 'losses', 'loss', fixed(1), [], 'Multiclass hinge: Σ_{j≠y} max(0, s_j − s_y + 1).'),
} as const satisfies Record<string, OpDef>;

/** Every operator name the file format knows. */
export type OpName = keyof typeof OPS;

/** All operator names, in table order. */
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** True when `name` is an operator (own key only: `__proto__` and `constructor` are not). */
export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(OPS, name);
}

/** The definition of a known operator. */
export function opDef(name: OpName): OpDef {
  return OPS[name];
}
