import type { FormulaWriter, OpFormula, Term } from './types';

// Helpers the operator table writes its formulas with; expr/toText applies them.

const wrap = (t: Term, parens: boolean, open: string, close: string): string => (parens ? `${open}${t.text}${close}` : t.text);

/** mathjs syntax: `t` in parentheses when it binds looser than `below`. */
export const plain = (t: Term, below: number): string => wrap(t, t.prec < below, '(', ')');

/** LaTeX: `t` in \left( \right) when it binds looser than `below`. */
export const tex = (t: Term, below: number): string => wrap(t, t.prec < below, '\\left(', '\\right)');

/** A number as mathjs text; a negative one binds like unary minus. */
export const numberText = (v: number): Term => ({ text: String(v), prec: v < 0 || Object.is(v, -0) ? 3 : 5, op: 'const' });

/** A number as LaTeX, 1e-7 as 1 \times 10^{-7}. */
export const latexNumber = (v: number): Term => {
  const [mantissa, exponent] = String(v).split('e');
  const text = exponent === undefined ? mantissa : `${mantissa} \\times 10^{${Number(exponent)}}`;
  return { text, prec: v < 0 ? 3 : exponent === undefined ? 5 : 2, op: 'const' };
};

/**
 * Operands of an n-ary operator joined by `sep`, with parentheses wherever reading back would
 * regroup: a nested add/mul would merge into one n-ary node, and a later operand of the same
 * precedence (a + (b - c)) would associate to the left.
 */
export const joinSame = (op: string, prec: number, sep: string): FormulaWriter => (inputs) => ({
  text: inputs.map((t, k) => (t.op === op || t.prec < prec || (k > 0 && t.prec === prec) ? `(${t.text})` : t.text)).join(sep),
  prec,
});

/** A function called by name in both notations: `name(x)` and `texName\left(x\right)`. */
export function called(name: string, texName: string): OpFormula {
  return {
    call: name,
    latex: (inputs) => ({ text: `${texName}\\left(${inputs.map((t) => t.text).join(', ')}\\right)`, prec: 5 }),
  };
}

/** The default expression writer: the call by name, or the operator's name, applied to its operands. */
export const callText = (name: string): FormulaWriter => (inputs) => ({ text: `${name}(${inputs.map((t) => t.text).join(', ')})`, prec: 5 });
