// What a value field accepts: a number or a numeric expression (1/3, pi, 2^10, sqrt(2)), read with the
// expression parser the Expression box uses and evaluated here, node by node, over a fixed set of
// operations: nothing in the text can name a variable, call an arbitrary function or run code.
import { parse, type MathNode } from 'mathjs/number';
import { reason, type Reason, type Who } from '../graph/errors';

/** What a typed value means: the number, or why it is refused (one short sentence for the field, and its Reason). */
export type NumberReading = { ok: true; value: number } | { ok: false; message: string; reason: Reason };

/** Longest text a value field reads: a number, not a program. */
export const MAX_NUMBER_TEXT = 200;

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI, Infinity: Infinity, inf: Infinity, NaN: NaN };

const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, ln: Math.log, log10: Math.log10, log2: Math.log2,
  sin: Math.sin, cos: Math.cos, tan: Math.tan, abs: Math.abs,
};

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b, subtract: (a, b) => a - b, multiply: (a, b) => a * b, divide: (a, b) => a / b, pow: (a, b) => a ** b,
};

class Refusal extends Error {
  constructor(message: string, readonly reason: Reason) {
    super(message);
  }
}

/** A refused reading: its sentence and the Reason `number.<id>` with the same values. */
const no = (message: string, id: string, params: Record<string, string | number> = {}): NumberReading => ({ ok: false, message, reason: reason(`number.${id}`, params) });

/** A literal as typed, for messages: quoted and shortened. */
const shown = (text: string): string => `‘${text.length > 24 ? `${text.slice(0, 23)}…` : text}’`;

/** True when a number literal has a non-zero digit before its exponent. */
const nonZeroDigits = (literal: string): boolean => /[1-9]/.test(literal.split(/e/i)[0]);

function evaluate(node: MathNode): number {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') throw new Refusal('only numbers', reason('number.onlyNumbers'));
      return value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (!Object.prototype.hasOwnProperty.call(CONSTANTS, name)) throw new Refusal(`${shown(name)} is not a number (known names: pi, e, tau, Infinity, NaN)`, reason('number.unknownName', { name: shown(name) }));
      return CONSTANTS[name];
    }
    case 'ParenthesisNode':
      return evaluate((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const { fn, args, implicit } = node as unknown as { fn: string; args: MathNode[]; implicit?: boolean };
      // mathjs reads "2pi" and "1e" as products; a value field wants them written out (and "1e" is half of 1e5).
      if (implicit === true) {
        const product = args.map((a) => a.toString()).join('*');
        throw new Refusal(`write * between factors: ${product}`, reason('number.implicit', { product }));
      }
      if (args.length === 1 && (fn === 'unaryMinus' || fn === 'unaryPlus')) {
        const x = evaluate(args[0]);
        return fn === 'unaryMinus' ? -x : x;
      }
      const op = BINARY[fn];
      if (op === undefined || args.length !== 2) {
        const symbol = shown((node as unknown as { op: string }).op);
        throw new Refusal(`the operator ${symbol} is not arithmetic (use + - * / ^)`, reason('number.operator', { symbol }));
      }
      return op(evaluate(args[0]), evaluate(args[1]));
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
      const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (f === undefined) {
        const called = shown(name || fn.toString());
        const known = Object.keys(FUNCTIONS).join(', ');
        throw new Refusal(`${called} is not a function a value can use (${known})`, reason('number.function', { name: called, known }));
      }
      if (args.length !== 1) throw new Refusal(`${name} takes one number`, reason('number.oneArgument', { name }));
      return f(evaluate(args[0]));
    }
    default:
      throw new Refusal('not a number or an arithmetic expression', reason('number.notNumber'));
  }
}

/**
 * Reads what a user typed into a value field: `-2`, `1.5e-3`, `1/3`, `pi/4`, `2^10`, `sqrt(2)`, `0x10`;
 * `Infinity` and `NaN` only when typed as such. Refused, each with a reason: anything that is not
 * arithmetic on numbers, a decimal comma, a result that overflowed (`1e400`) or became NaN (`0/0`),
 * and a literal too small to be told from 0.
 */
export function readNumber(text: string): NumberReading {
  const t = text.trim().replace(/[−–]/g, '-').replace(/×/g, '*').replace(/÷/g, '/');
  if (t === '') return no('type a number', 'empty');
  if (t.length > MAX_NUMBER_TEXT) return no(`too long for a number (at most ${MAX_NUMBER_TEXT} characters)`, 'tooLong', { max: MAX_NUMBER_TEXT });
  if (/^[-+]?\d+,\d+$/.test(t)) return no(`use a decimal point: ${t.replace(',', '.')}`, 'decimalComma', { text: t.replace(',', '.') });
  let node: MathNode;
  try {
    node = parse(t);
  } catch {
    return /[-+*/^(]$|^[-+]$|e$/i.test(t) ? no('incomplete', 'incomplete') : no('not a number or an arithmetic expression', 'notNumber');
  }
  if (/\de$/i.test(t)) return no('incomplete', 'incomplete');
  let value: number;
  try {
    value = evaluate(node);
  } catch (error) {
    return error instanceof Refusal ? { ok: false, message: error.message, reason: error.reason } : no('not a number or an arithmetic expression', 'notNumber');
  }
  // Decimal literals as typed (hex and binary ones are whole numbers and cannot underflow).
  const literals = t.replace(/0[xbo][0-9a-f]+/gi, '').match(/(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/gi) ?? [];
  const tiny = literals.find((l) => Number(l) === 0 && nonZeroDigits(l));
  if (tiny !== undefined) return no(`${shown(tiny)} is too small for a 64-bit number: it would be stored as 0`, 'tiny', { literal: shown(tiny) });
  const explicit = /\b(Infinity|inf|NaN)\b/.test(t);
  if (Number.isNaN(value) && !explicit) return no('not a number (the result is NaN); type NaN if you mean it', 'nan');
  if (!Number.isFinite(value) && !Number.isNaN(value) && !explicit) {
    return no('too large for a 64-bit number (the largest is about 1.8e308); type Infinity if you mean it', 'huge');
  }
  return { ok: true, value };
}

/** Rules a field's number must meet beyond being one: a parameter's (finite, whole, a minimum). */
export interface NumberRule {
  finite?: boolean;
  integer?: boolean;
  min?: number;
}

/** Why `value` breaks `rule`, or undefined when it meets it. */
export function numberProblem(value: number, rule: NumberRule): string | undefined {
  return numberRefusal(value, rule)?.text;
}

/** As numberProblem, with the Reason the UI words in the language shown. */
export function numberRefusal(value: number, rule: NumberRule): Who | undefined {
  if (rule.finite === true && !Number.isFinite(value)) return { text: 'must be a finite number', reason: reason('number.finite') };
  if (rule.integer === true && !Number.isInteger(value)) return { text: `must be a whole number (${value} is not)`, reason: reason('number.whole', { value: String(value) }) };
  if (rule.min !== undefined && value < rule.min) return { text: `must be at least ${rule.min}`, reason: reason('number.min', { min: rule.min }) };
  return undefined;
}
