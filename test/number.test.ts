import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberProblem, readNumber } from '../src/core';

const value = (text: string): number | undefined => {
  const r = readNumber(text);
  return r.ok ? r.value : undefined;
};
const refusal = (text: string): string | undefined => {
  const r = readNumber(text);
  return r.ok ? undefined : r.message;
};

describe('readNumber: what a value field accepts', () => {
  it('reads numbers and numeric expressions to the nearest 64-bit number', () => {
    const cases: [string, number][] = [
      ['-2', -2], [' 3.5 ', 3.5], ['−1', -1], ['.5', 0.5], ['1e3', 1000], ['1.5e-3', 0.0015], ['1/3', 1 / 3], ['pi', Math.PI], ['e', Math.E],
      ['2^10', 1024], ['-2^2', -4], ['(1+2)*3', 9], ['2 × 3', 6], ['1 ÷ 4', 0.25], ['sqrt(2)', Math.SQRT2], ['cos(pi)', -1], ['pi/4', Math.PI / 4],
      ['0x10', 16], ['1e-320', 1e-320], ['Infinity', Infinity], ['-Infinity', -Infinity], ['1.7976931348623157e308', Number.MAX_VALUE],
    ];
    for (const [text, expected] of cases) expect(value(text), text).toBe(expected);
    expect(Number.isNaN(value('NaN'))).toBe(true);
  });

  it('refuses what the issue found kept as a prefix, each with its reason', () => {
    expect(refusal('1e400')).toBe('too large for a 64-bit number (the largest is about 1.8e308); type Infinity if you mean it');
    expect(refusal('1,5')).toBe('use a decimal point: 1.5');
    expect(refusal('1e-400')).toBe('‘1e-400’ is too small for a 64-bit number: it would be stored as 0');
    expect(refusal('0/0')).toBe('not a number (the result is NaN); type NaN if you mean it');
    expect(refusal('1/0')).toMatch(/^too large/);
  });

  it('says a half-typed number is incomplete rather than reading it as something else', () => {
    // mathjs alone reads "1e" as 1·e: on the way to 1e5 the field must not store 2.718.
    for (const text of ['-', '1e', '1E', '1/', '2^', '(1+']) expect(refusal(text), text).toBe('incomplete');
    expect(refusal('')).toBe('type a number');
  });

  it('refuses anything that is not arithmetic on numbers: no variables, other functions, strings or code', () => {
    expect(refusal('x+1')).toBe('‘x’ is not a number (known names: pi, e, tau, Infinity, NaN)');
    expect(refusal('import("fs")')).toMatch(/^‘import’ is not a function a value can use/);
    expect(refusal('2pi')).toBe('write * between factors: 2*pi');
    expect(refusal('3!')).toBe('the operator ‘!’ is not arithmetic (use + - * / ^)');
    for (const text of ['[1,2]', 'a=1', 'f(x)=x', '"1"', 'true', '1 ? 2 : 3', '1.2.3', '2 3']) expect(refusal(text), text).toEqual(expect.any(String));
    expect(refusal('1+'.repeat(150) + '1')).toBe('too long for a number (at most 200 characters)');
  });

  it('reads back every finite double exactly from its shortest decimal form', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(value(String(x))).toBe(x === 0 ? 0 : x);
    }), { numRuns: 500 });
  });

  it('checks a parameter’s rules', () => {
    expect(numberProblem(Infinity, { finite: true })).toBe('must be a finite number');
    expect(numberProblem(2.5, { integer: true })).toBe('must be a whole number (2.5 is not)');
    expect(numberProblem(0, { integer: true, min: 1 })).toBe('must be at least 1');
    expect(numberProblem(3, { finite: true, integer: true, min: 1 })).toBeUndefined();
  });
});
