import { describe, expect, it } from 'vitest';
import { fmt, fmtLoss, fmtTick, full } from '../src/ui/format';

describe('the one number formatter, in its three styles', () => {
  it('canvas: 4 significant digits, integers exact, ∞ and NaN spelled out', () => {
    expect([fmt(-12), fmt(0.7310585786300049), fmt(-0.19661193324148185), fmt(1234567), fmt(12345678), fmt(3e-5), fmt(Infinity), fmt(-Infinity), fmt(NaN)])
      .toEqual(['-12', '0.7311', '-0.1966', '1234567', '1.23e+7', '3.00e-5', '∞', '-∞', 'NaN']);
  });

  it('losses: 4 significant digits, exponent form below 1e-3 and from 1e5', () => {
    expect([fmtLoss(2.302585), fmtLoss(12345), fmtLoss(123456), fmtLoss(0.0004), fmtLoss(Infinity), fmtLoss(NaN)])
      .toEqual(['2.303', '12350', '1.23e+5', '4.00e-4', 'Infinity', 'NaN']);
  });

  it('axis ticks: 3 significant digits, exponent form from 1e4', () => {
    expect([fmtTick(0), fmtTick(-0.25), fmtTick(1.23456), fmtTick(12345), fmtTick(0.0001)]).toEqual(['0', '-0.25', '1.23', '1.2e+4', '1.0e-4']);
  });

  it('data attributes: every digit, read back exactly', () => {
    expect(Number(full(0.1 + 0.2))).toBe(0.1 + 0.2);
  });
});
