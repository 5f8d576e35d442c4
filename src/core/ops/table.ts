import { called, joinSame, latexNumber, numberText, plain, tex } from './formula';
import { gateKernels } from './gateKernels';
import type { Arity, Forward, LocalGrad, LogitsLoss, OpDef, OpFormula, ParamDef, PaletteGroup, Piece, VectorActivation, VectorLoss } from './types';
import { crossEntropyVector, elementwise, mseVector, softmaxVector, svmVector } from './vector';

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
  formula: OpFormula,
  more: Partial<OpDef> = {},
): OpDef {
  return {
    label, symbol, group, doc, formula,
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
  formula: OpFormula,
  more: Partial<OpDef> = {},
): OpDef {
  return {
    label, symbol, group: 'arithmetic', doc, portNames, formula,
    arity: fixed(2), params: [], leaf: false,
    forward: (x, at) => f(x[at], x[at + 1]),
    localGrad: (x, at, _n, out, port) => (port === 0 ? da : db)(x[at], x[at + 1], out),
    ...more,
  };
}

/** An elementwise activation: its scalar form and its vector form in a compiled network, both from f and f'. */
function activation(
  label: string,
  symbol: string,
  f: (x: number) => number,
  df: (x: number, out: number) => number,
  doc: string,
  formula: OpFormula,
  more: Partial<OpDef> = {},
): OpDef {
  return unary(label, symbol, 'activations', f, df, doc, formula, { layer: 'activation', activation: elementwise(f, df), ...more });
}

/** An operator with no scalar meaning: it acts only on vectors in a compiled network. */
function layerOnly(label: string, symbol: string, group: PaletteGroup, layer: OpDef['layer'], arity: Arity, params: readonly ParamDef[], doc: string, more: Partial<OpDef> = {}): OpDef {
  return { label, symbol, group, arity, portNames: [], params, leaf: arity.kind === 'fixed' && arity.count === 0, layer, doc, ...more };
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

/** The side of 0 a number is on: 1, -1, or 0 at 0 and for NaN (no derivative there either). */
const side = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);
/** Kinked at 0 of its one input (relu, abs), and a pole there for 1/x. */
const kinkAtZero: Piece = (x, at) => side(x[at]);
/** Defined and smooth for positive inputs only (sqrt, log). */
const positiveOnly: Piece = (x, at) => (x[at] > 0 ? 1 : 0);
/** A tie between the two inputs (max, min): the gradient jumps from one to the other. */
const tie: Piece = (x, at) => side(x[at] - x[at + 1]);
/** Division: a pole where the divisor is 0, for either input. */
const divisorNonZero: Piece = (x, at) => side(x[at + 1]);
/**
 * Power: in the base, smooth for a whole exponent ≥ 0, a pole at 0 for a negative whole exponent, and
 * defined only for a positive base otherwise; in the exponent, base^e · ln(base) needs a positive base (or 0^e, e > 0).
 */
const power: Piece = (x, at, _n, port) => {
  const base = x[at];
  const exponent = x[at + 1];
  // 0^e is 0 for every e > 0, so flat (and differentiable) in e there.
  if (port === 1) return base > 0 || (base === 0 && exponent > 0) ? 1 : 0;
  if (Number.isInteger(exponent)) return exponent >= 0 ? 1 : side(base);
  return base > 0 ? 1 : 0;
};

/** ln(1 + e^x), written so neither branch overflows. */
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Writes `a op b` in mathjs text, the left operand tighter than `left`, the right than `right`. */
const infixText = (sep: string, prec: number, left: number, right: number): OpFormula['latex'] =>
  ([a, b]) => ({ text: `${plain(a, left)} ${sep} ${plain(b, right)}`, prec });

/**
 * A fused subgraph (topic 19, made by fuseSubgraph): its kernels run the subgraph it holds, and it
 * has exactly the ports of its definition.
 */
const gate: OpDef = {
  label: 'Gate', symbol: 'gate', group: 'functions', arity: { kind: 'variadic', min: 1 }, portNames: [], params: [], leaf: false, placeable: false,
  doc: 'A fused subgraph (e.g. the sigmoid chain as one σ gate): forward through it, local gradients by backprop inside it.',
  kernels: gateKernels,
  portsOf: (node) => node.gate?.inputs.length,
};

/**
 * The operator table: each operator defined once. The evaluator, palette, validator, expression
 * parser and writers, compiled networks, landscapes, CLI and docs all read it; adding an operator
 * touches only this record (then `npm run docs:ops` regenerates its reference and schema).
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
    formula: { infix: '+', expression: joinSame('add', 1, ' + '), latex: (x) => ({ text: x.map((t) => tex(t, 1)).join(' + '), prec: 1 }) },
    doc: 'Sum of two or more inputs; the add gate passes the gradient unchanged to every input.',
  },
  mul: {
    label: 'Multiply', symbol: '×', group: 'arithmetic', arity: variadic, portNames: [], params: [], leaf: false,
    forward: product, localGrad: productOfOthers,
    formula: { infix: '*', expression: joinSame('mul', 2, ' * '), latex: (x) => ({ text: x.map((t) => tex(t, 2)).join(' \\cdot '), prec: 2 }) },
    doc: 'Product of two or more inputs; each input\'s local gradient is the product of the others.',
  },
  sub: binary('Subtract', '−', ['a', 'b'], (a, b) => a - b, () => 1, () => -1, 'a − b.', {
    infix: '-', expression: infixText('-', 1, 1, 2), latex: ([a, b]) => ({ text: `${tex(a, 1)} - ${tex(b, 2)}`, prec: 1 }),
  }),
  div: binary('Divide', '÷', ['a', 'b'], (a, b) => a / b, (_a, b) => 1 / b, (a, b) => -a / (b * b), 'a ÷ b.', {
    infix: '/', expression: infixText('/', 2, 2, 3), latex: ([a, b]) => ({ text: `\\frac{${a.text}}{${b.text}}`, prec: 4 }),
  }, { kinkRule: 'Not differentiable where b = 0.', piece: divisorNonZero }),
  pow: binary(
    'Power', '^', ['base', 'exponent'],
    (a, b) => Math.pow(a, b),
    (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    (a, _b, out) => (out === 0 ? 0 : out * Math.log(a)),
    'base ^ exponent; both inputs are differentiable.',
    { infix: '^', expression: infixText('^', 4, 5, 5), latex: ([a, b]) => ({ text: `{${tex(a, 5)}}^{${b.text}}`, prec: 4 }) },
    {
      kinkRule: 'd/d exponent = base^exponent · ln(base): NaN for a negative base, 0 where the result is 0. Not differentiable in the exponent where base < 0, or base = 0 with exponent ≤ 0; nor in the base at 0 for a negative whole exponent, or where base ≤ 0 for a fractional one.',
      piece: power,
    },
  ),
  max: binary(
    'Max', 'max', [], Math.max,
    (a, b) => (a >= b ? 1 : 0), (a, b) => (a >= b ? 0 : 1),
    'The larger input; the gradient flows to it alone (the max gate routes).',
    called('max', '\\max'),
    { kinkRule: 'At a tie the whole gradient goes to the first input.', piece: tie, group: 'functions' },
  ),
  min: binary(
    'Min', 'min', [], Math.min,
    (a, b) => (a <= b ? 1 : 0), (a, b) => (a <= b ? 0 : 1),
    'The smaller input; the gradient flows to it alone.',
    called('min', '\\min'),
    { kinkRule: 'At a tie the whole gradient goes to the first input.', piece: tie, group: 'functions' },
  ),
  neg: unary('Negate', '−x', 'arithmetic', (x) => -x, () => -1, '−x.', {
    // −(−2) reads back as the constant 2, so a negated number keeps its parentheses.
    expression: ([a]) => ({ text: `-${a.op === 'const' ? `(${a.text})` : plain(a, 4)}`, prec: 3 }),
    latex: ([a]) => ({ text: `-${tex(a, 4)}`, prec: 3 }),
  }),
  scale: {
    ...unary('Scale', 'a·x', 'arithmetic', (x) => x, () => 1, 'a · x for a fixed parameter a.', {
      expression: ([x], p) => ({ text: `${plain(numberText(Number(p.a)), 3)} * ${plain(x, 2)}`, prec: 2 }),
      latex: ([x], p) => ({ text: `${tex(latexNumber(Number(p.a)), 3)} \\cdot ${tex(x, 2)}`, prec: 2 }),
    }),
    params: [num('a', 2, 'the factor')],
    forward: (x, at, _n, p) => (p.a as number) * x[at],
    localGrad: (_x, _at, _n, _out, _port, p) => p.a as number,
  },
  offset: {
    ...unary('Offset', 'c+x', 'arithmetic', (x) => x, () => 1, 'c + x for a fixed parameter c.', {
      expression: ([x], p) => ({ text: `${plain(numberText(Number(p.c)), 3)} + ${plain(x, 1)}`, prec: 1 }),
      latex: ([x], p) => ({ text: `${tex(latexNumber(Number(p.c)), 3)} + ${tex(x, 1)}`, prec: 1 }),
    }),
    params: [num('c', 1, 'the amount added')],
    forward: (x, at, _n, p) => (p.c as number) + x[at],
  },
  inv: unary('1/x', '1/x', 'arithmetic', (x) => 1 / x, (_x, out) => -out * out, 'Reciprocal; d(1/x)/dx = −1/x².', {
    expression: ([a]) => ({ text: `1 / ${plain(a, 3)}`, prec: 2 }),
    latex: ([a]) => ({ text: `\\frac{1}{${a.text}}`, prec: 4 }),
  }, { kinkRule: 'Not differentiable at x = 0 (a pole).', piece: kinkAtZero }),
  square: unary('Square', 'x²', 'arithmetic', (x) => x * x, (x) => 2 * x, 'x².', {
    // Read back as square: graphFromExpression turns ^2 into this operator.
    expression: ([a]) => ({ text: `${plain(a, 5)} ^ 2`, prec: 4 }),
    latex: ([a]) => ({ text: `{${tex(a, 5)}}^{2}`, prec: 4 }),
  }),

  exp: unary('Exp', 'exp', 'functions', Math.exp, (_x, out) => out, 'e^x; its derivative is itself.', {
    call: 'exp', latex: ([a]) => ({ text: `e^{${a.text}}`, prec: 4 }),
  }),
  log: unary('Log', 'log', 'functions', Math.log, (x) => 1 / x, 'Natural logarithm; NaN for negative inputs.', called('log', '\\ln'), {
    kinkRule: 'Differentiable for x > 0 only.', piece: positiveOnly,
  }),
  sqrt: unary('Sqrt', '√', 'functions', Math.sqrt, (_x, out) => 0.5 / out, 'Square root.', {
    call: 'sqrt', latex: ([a]) => ({ text: `\\sqrt{${a.text}}`, prec: 5 }),
  }, {
    kinkRule: 'Differentiable for x > 0 only; at x = 0 the local gradient is +Infinity.', piece: positiveOnly,
  }),
  abs: unary('Abs', '|x|', 'functions', Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), 'Absolute value.', {
    call: 'abs', latex: ([a]) => ({ text: `\\left|${a.text}\\right|`, prec: 5 }),
  }, {
    kinkRule: 'At x = 0 the local gradient is 0 (a subgradient).', piece: kinkAtZero,
  }),
  sin: unary('Sin', 'sin', 'functions', Math.sin, Math.cos, 'Sine.', called('sin', '\\sin')),
  cos: unary('Cos', 'cos', 'functions', Math.cos, (x) => -Math.sin(x), 'Cosine.', called('cos', '\\cos')),

  sigmoid: activation('Sigmoid', 'σ', sigmoid, (_x, s) => (1 - s) * s, 'σ(x) = 1/(1+e^−x); dσ/dx = (1−σ)σ.', called('sigmoid', '\\sigma')),
  tanh: activation('Tanh', 'tanh', Math.tanh, (_x, t) => 1 - t * t, 'Hyperbolic tangent; d/dx = 1 − tanh².', called('tanh', '\\tanh')),
  relu: activation('ReLU', 'relu', (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0), 'max(0, x).', called('relu', '\\operatorname{relu}'), {
    kinkRule: 'At x = 0 the local gradient is 0.',
    piece: kinkAtZero,
  }),
  softplus: activation('Softplus', 'softplus', softplus, (x) => sigmoid(x), 'ln(1 + e^x), a smooth ReLU; its derivative is σ(x).', called('softplus', '\\operatorname{softplus}')),

  gate,

  samples: layerOnly('Samples', 'X', 'layers', 'samples', fixed(0), [
    num('size', 784, 'length of one input vector', { integer: true, min: 1 }),
    { kind: 'shape', name: 'shape', lengths: [1, 3], doc: 'optional shape, channels first: [1, 28, 28] for MNIST images; its product is size' },
  ], 'The dataset\'s input vectors (784 pixels for MNIST); labels go to the loss.'),
  dense: layerOnly('Dense', 'W·a+b', 'layers', 'dense', fixed(1), [
    num('units', 30, 'number of neurons', { integer: true, min: 1 }),
    { kind: 'choice', name: 'init', default: 'normal', choices: ['normal', 'xavier', 'he'], doc: 'weight initialisation: N(0,1) as Nielsen, Xavier or He' },
  ], 'Fully connected layer z = W·a + b.'),
  conv2d: layerOnly('Conv 2-D', 'conv', 'layers', 'conv2d', fixed(1), [
    num('filters', 8, 'number of filters (output channels)', { integer: true, min: 1 }),
    num('kernel', 5, 'square kernel size', { integer: true, min: 1 }),
    num('stride', 1, 'step between positions', { integer: true, min: 1 }),
    { kind: 'choice', name: 'padding', default: 'valid', choices: ['valid', 'same'], doc: 'valid: no padding; same: zeros around so the output is ceil(input / stride)' },
    { kind: 'choice', name: 'init', default: 'he', choices: ['he', 'xavier', 'normal'], doc: 'weight initialisation over the fan-in channels·kernel²' },
  ], 'Convolution over channels × height × width: each filter slides over the input, one bias per filter.'),
  maxpool: layerOnly('Max pool', 'max', 'layers', 'maxpool', fixed(1), [
    num('size', 2, 'window size', { integer: true, min: 1 }),
    num('stride', 2, 'step between windows (when absent: the window size)', { integer: true, min: 1 }),
  ], 'Largest value of each window, per channel; its gradient goes to that value.'),
  flatten: layerOnly('Flatten', 'flat', 'layers', 'flatten', fixed(1), [], 'Channels × height × width to one vector (a dense layer after an image does this itself).'),
  dropout: layerOnly('Dropout', 'drop', 'layers', 'dropout', fixed(1), [
    num('rate', 0.5, 'probability of zeroing a value while training', { min: 0 }),
  ], 'While training, zeroes each value with probability rate and scales the rest by 1/(1 − rate); does nothing when evaluating.'),
  softmax: layerOnly('Softmax', 'softmax', 'layers', 'softmax', fixed(1), [], 'Normalised exponentials: probabilities over the classes.', { activation: softmaxVector }),
  mse: layerOnly('Quadratic loss', 'MSE', 'losses', 'loss', fixed(1), [], 'C = ½‖y − a‖², Nielsen\'s quadratic cost, y one-hot.', { loss: mseVector }),
  cross_entropy: layerOnly('Cross-entropy loss', 'CE', 'losses', 'loss', fixed(1), [], 'C = −ln a_y, on probabilities (after softmax).', { loss: crossEntropyVector }),
  svm: layerOnly('SVM loss', 'SVM', 'losses', 'loss', fixed(1), [], 'Multiclass hinge: Σ_{j≠y} max(0, s_j − s_y + 1).', { loss: svmVector }),
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

/** The vector form of an activation or softmax operator, for compiled networks. */
export function activationOf(name: OpName): VectorActivation {
  const vector = opDef(name).activation;
  if (vector === undefined) throw new Error(`operator '${name}' has no vector form`);
  return vector;
}

/** The vector form of a loss operator, for compiled networks. */
export function lossOf(name: OpName): VectorLoss & { logits?: LogitsLoss } {
  const vector = opDef(name).loss;
  if (vector === undefined) throw new Error(`operator '${name}' is not a loss`);
  return vector;
}
