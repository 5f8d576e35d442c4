import { describe, expect, it } from 'vitest';
import { OPS, OP_NAMES, paramsWithDefaults, type OpDef, type OpName, type Params } from '../src/core';
import { seeded } from './helpers/graphs';

/** Where each input of an operator is sampled: away from poles, kinks and undefined regions. Default [-2, 2]. */
type Domain = (random: () => number, n: number) => number[];
const uniform = (lo: number, hi: number) => (random: () => number): number => lo + (hi - lo) * random();
const awayFromZero = (lo: number, hi: number) => (random: () => number): number => (random() < 0.5 ? -1 : 1) * uniform(lo, hi)(random);
const each = (f: (random: () => number) => number): Domain => (random, n) => Array.from({ length: n }, () => f(random));
const DOMAINS: Partial<Record<OpName, Domain>> = {
  log: each(uniform(0.1, 5)),
  sqrt: each(uniform(0.1, 5)),
  inv: each(awayFromZero(0.3, 3)),
  div: (random) => [uniform(-3, 3)(random), awayFromZero(0.3, 3)(random)],
  pow: (random) => [uniform(0.2, 3)(random), uniform(-2.5, 2.5)(random)],
  abs: each(awayFromZero(0.01, 3)),
  relu: each(awayFromZero(0.01, 3)),
  exp: each(uniform(-5, 5)),
  // Distinct by at least 0.01, so no tie.
  max: (random) => { const a = uniform(-3, 3)(random); return [a, a + awayFromZero(0.01, 2)(random)]; },
  min: (random) => { const a = uniform(-3, 3)(random); return [a, a + awayFromZero(0.01, 2)(random)]; },
};
const DEFAULT_DOMAIN: Domain = each(uniform(-2, 2));
/** Parameter values tried for operators with numeric parameters. */
const PARAMS: Partial<Record<OpName, (random: () => number) => Params>> = {
  scale: (random) => ({ a: uniform(-3, 3)(random) }),
  offset: (random) => ({ c: uniform(-3, 3)(random) }),
};

const H = 1e-6;
/** Centred differences in float64 agree with exact derivatives to about 1e-9; 1e-6 leaves room. */
const TOLERANCE = 1e-6;

const scalarOps = OP_NAMES.filter((name) => (OPS[name] as OpDef).forward !== undefined);

function inputCounts(def: OpDef): number[] {
  return def.arity.kind === 'fixed' ? [def.arity.count] : [def.arity.min, def.arity.min + 1, def.arity.min + 3];
}

describe('every operator in the table: analytic local gradient against the centred difference', () => {
  it('covers the scalar operators of the table', () => {
    expect(scalarOps.length).toBeGreaterThanOrEqual(21);
    for (const name of scalarOps) expect((OPS[name] as OpDef).localGrad, `${name} has forward but no localGrad`).toBeDefined();
    // The rest hold values (leaves), run only in a compiled network (layers), or get kernels per node (fused gates).
    for (const name of OP_NAMES.filter((n) => !scalarOps.includes(n))) {
      const def = OPS[name] as OpDef;
      expect(def.leaf || def.layer !== undefined || name === 'gate', `${name} has no scalar forward`).toBe(true);
    }
  });

  it.each(scalarOps)('%s', (name) => {
    const def = OPS[name] as OpDef;
    const random = seeded(name.split('').reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
    const domain = DOMAINS[name] ?? DEFAULT_DOMAIN;
    const forward = def.forward as NonNullable<OpDef['forward']>;
    const localGrad = def.localGrad as NonNullable<OpDef['localGrad']>;
    let checked = 0;
    for (const n of inputCounts(def)) {
      for (let trial = 0; trial < 40; trial++) {
        const params = paramsWithDefaults(def, PARAMS[name]?.(random));
        const at = 1 + Math.floor(random() * 3);
        // Inputs sit at an offset in a larger buffer, as the evaluator passes them.
        const x = new Float64Array(at + n + 2).fill(NaN);
        domain(random, n).forEach((v, k) => { x[at + k] = v; });
        const out = forward(x, at, n, params);
        expect(Number.isFinite(out), `${name}(${Array.from(x.subarray(at, at + n))})`).toBe(true);
        for (let port = 0; port < n; port++) {
          const analytic = localGrad(x, at, n, out, port, params);
          const v = x[at + port];
          x[at + port] = v + H;
          const plus = forward(x, at, n, params);
          x[at + port] = v - H;
          const minus = forward(x, at, n, params);
          x[at + port] = v;
          const numerical = (plus - minus) / (2 * H);
          const error = Math.abs(analytic - numerical) / Math.max(1, Math.abs(analytic), Math.abs(numerical));
          expect(error, `${name} port ${port} at ${Array.from(x.subarray(at, at + n))}: analytic ${analytic}, numerical ${numerical}`).toBeLessThan(TOLERANCE);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });
});

describe('kink rules, where the derivative is undefined', () => {
  const grad = (name: OpName, inputs: number[], port = 0, params: Params = {}): number => {
    const def = OPS[name] as OpDef;
    const x = Float64Array.from(inputs);
    const p = paramsWithDefaults(def, params);
    const out = (def.forward as NonNullable<OpDef['forward']>)(x, 0, inputs.length, p);
    return (def.localGrad as NonNullable<OpDef['localGrad']>)(x, 0, inputs.length, out, port, p);
  };
  it('relu at 0 passes no gradient; just above, all of it', () => {
    expect(grad('relu', [0])).toBe(0);
    expect(grad('relu', [1e-300])).toBe(1);
    expect(grad('relu', [-1e-300])).toBe(0);
    expect(OPS.relu.kinkRule).toMatch(/0/);
  });
  it('abs at 0 has local gradient 0 (a subgradient); sign elsewhere', () => {
    expect(grad('abs', [0])).toBe(0);
    expect(grad('abs', [-0.5])).toBe(-1);
    expect(grad('abs', [0.5])).toBe(1);
    expect(OPS.abs.kinkRule).toMatch(/0/);
  });
  it('max and min at a tie route the whole gradient to the first input', () => {
    expect([grad('max', [2, 2], 0), grad('max', [2, 2], 1)]).toEqual([1, 0]);
    expect([grad('min', [2, 2], 0), grad('min', [2, 2], 1)]).toEqual([1, 0]);
    expect([grad('max', [1, 3], 0), grad('max', [1, 3], 1)]).toEqual([0, 1]);
    expect([grad('min', [1, 3], 0), grad('min', [1, 3], 1)]).toEqual([1, 0]);
    expect(OPS.max.kinkRule).toMatch(/tie/);
    expect(OPS.min.kinkRule).toMatch(/tie/);
  });
  it('sigmoid\'s local gradient is (1 - s)s, from its output', () => {
    expect(grad('sigmoid', [0])).toBe(0.25);
    const s = 1 / (1 + Math.exp(-1));
    expect(grad('sigmoid', [1])).toBeCloseTo((1 - s) * s, 15);
  });
  it('pow: the exponent\'s gradient is NaN for a negative base, 0 where the result is 0', () => {
    expect(grad('pow', [-2, 2], 1)).toBeNaN();
    expect(grad('pow', [0, 2], 1)).toBe(0);
    expect(grad('pow', [0, 2], 0)).toBe(0);
    expect(grad('pow', [3, 0], 0)).toBe(0);
  });
  it('mul: a zero input gives the exact product of the others', () => {
    expect(grad('mul', [0, 5, -2], 0)).toBe(-10);
    expect(grad('mul', [0, 5, -2], 1)).toBe(-0);
  });
});
