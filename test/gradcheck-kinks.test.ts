import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, checkVerdict, gradientCheck, graphFromExpression, opDef, parseGraphValue, type InputCheck, type OpDef, type OpName } from '../src/core';
import { SMOOTH_OPS, randomDag, seeded } from './helpers/graphs';

/** The check of input `id` in the graph of `expr` at `values`. */
function checkOf(expr: string, values: Record<string, number>, id: string): InputCheck {
  const found = gradientCheck(graphFromExpression(expr, values)).inputs.find((c) => c.nodeId === id);
  if (found === undefined) throw new Error(`no input ${id}`);
  return found;
}

describe('gradient check at the kinks of the issue', () => {
  it('relu(0): numerical 0.5 against the table\'s 0 is "not differentiable here", not wrong', () => {
    const c = checkOf('relu(x)', { x: 0 }, 'x');
    expect(c.analytic).toBe(0);
    expect(c.numerical).toBeCloseTo(0.5, 9);
    expect(c.kink).toEqual({ where: 'at', nodeId: 'f', op: 'relu', rule: 'At x = 0 the local gradient is 0.' });
    expect(checkVerdict(c)).toBe('not-differentiable');
  });

  it('max(1, 1): both inputs sit on the tie; the table routes the whole gradient to the first', () => {
    const check = gradientCheck(graphFromExpression('max(a, b)', { a: 1, b: 1 }));
    expect(check.inputs.map((c) => [c.nodeId, c.analytic, checkVerdict(c)])).toEqual([['a', 1, 'not-differentiable'], ['b', 0, 'not-differentiable']]);
    for (const c of check.inputs) expect(c.numerical).toBeCloseTo(0.5, 9);
    expect(check.inputs[0].kink?.rule).toBe('At a tie the whole gradient goes to the first input.');
    // Kinks are not judged, so they raise no error.
    expect(check.maxRelativeError).toBe(0);
  });

  it('abs(0): numbers agree at 0, yet |x| has no derivative there', () => {
    const c = checkOf('abs(x)', { x: 0 }, 'x');
    expect([c.analytic, c.numerical, c.relativeError]).toEqual([0, 0, 0]);
    expect(checkVerdict(c)).toBe('not-differentiable');
    expect(c.kink?.op).toBe('abs');
  });

  it('sqrt(0): numerical NaN (sqrt(−h)), analytic Infinity, verdict not differentiable', () => {
    const c = checkOf('sqrt(x)', { x: 0 }, 'x');
    expect(c.analytic).toBe(Infinity);
    expect(c.numerical).toBeNaN();
    expect(checkVerdict(c)).toBe('not-differentiable');
    expect(c.kink?.rule).toBe('Differentiable for x > 0 only; at x = 0 the local gradient is +Infinity.');
  });

  it('names the kink nearest the input on a longer path, and leaves the other inputs judged', () => {
    const check = gradientCheck(graphFromExpression('relu(x - 1) * y + exp(y)', { x: 1, y: 2 }));
    const [x, y] = check.inputs;
    expect(x.kink).toMatchObject({ where: 'at', op: 'relu' });
    expect(y.kink).toBeUndefined();
    expect(checkVerdict(y)).toBe('good');
    expect(check.maxRelativeError).toBe(y.relativeError);
  });
});

describe('near and away from kinks', () => {
  it('a centred difference that straddles the kink is "kink-crossed"; one that does not is judged', () => {
    const near = checkOf('relu(x)', { x: 1e-6 }, 'x');
    expect(near.analytic).toBe(1);
    expect(near.numerical).toBeCloseTo(0.55, 9);
    expect(near.kink).toMatchObject({ where: 'crossed', op: 'relu' });
    expect(checkVerdict(near)).toBe('kink-crossed');
    const clear = checkOf('relu(x)', { x: 1e-3 }, 'x');
    expect(clear.kink).toBeUndefined();
    expect(checkVerdict(clear)).toBe('good');
    expect(checkVerdict(checkOf('max(a, b)', { a: 1, b: 1 + 5e-6 }, 'a'))).toBe('kink-crossed');
    expect(checkVerdict(checkOf('max(a, b)', { a: 1, b: 2 }, 'a'))).toBe('good');
  });

  it('pow: a whole exponent is smooth in the base everywhere; a negative base has no derivative in the exponent', () => {
    expect(checkOf('x^3', { x: -1 }, 'x').kink).toBeUndefined();
    expect(checkOf('x^3', { x: 0 }, 'x').kink).toBeUndefined();
    expect(checkOf('x^0.5', { x: 0 }, 'x').kink).toMatchObject({ where: 'at', op: 'pow' });
    expect(checkOf('b^y', { b: -2, y: 2 }, 'y').kink).toMatchObject({ where: 'at', op: 'pow' });
    expect(checkOf('b^y', { b: -2, y: 2 }, 'b').kink).toBeUndefined();
    expect(checkOf('1/x', { x: 0 }, 'x').kink).toMatchObject({ where: 'at', op: 'div' });
  });

  it('ignores a kink the output does not depend on', () => {
    const graph = parseGraphValue({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'input', value: 0 }, { id: 'r', op: 'relu' }, { id: 'f', op: 'exp', output: true }],
      edges: [{ id: 'e1', source: 'x', target: 'r', targetPort: 0 }, { id: 'e2', source: 'x', target: 'f', targetPort: 0 }],
    });
    const [x] = gradientCheck(graph).inputs;
    expect(x.kink).toBeUndefined();
    expect(checkVerdict(x)).toBe('good');
  });

  it('on random graphs with relu and abs, every input that meets no kink checks good or acceptable (property)', () => {
    // The random generator wires unary and n-ary operators only, so max and min (two fixed ports) are tested above.
    const ops: OpName[] = [...SMOOTH_OPS, 'relu', 'abs'];
    let kinks = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.constantFrom(0, 1, -1, 0.5, 1e-6), { minLength: 3, maxLength: 3 }), (seed, values) => {
      const graph = randomDag(seeded(seed), 10, 3, ops);
      // Round inputs make zeros and ties, so kinks are met, not only approached.
      graph.nodes.filter((n) => n.op === 'input').forEach((n, k) => { n.value = values[k]; });
      for (const c of gradientCheck(graph).inputs) {
        if (c.kink !== undefined) kinks++;
        // A true gradient of 0 meets float64 noise of ~1e-11 in the difference, which the relative error cannot judge.
        else if (Math.abs(c.analytic - c.numerical) > 1e-8) expect(['good', 'acceptable'], `${c.nodeId}: num ${c.numerical}, ana ${c.analytic}`).toContain(checkVerdict(c));
      }
    }), { numRuns: 150 });
    // The property would say nothing if no kink were ever met.
    expect(kinks).toBeGreaterThan(10);
  });
});

describe('the operator table\'s kinks are truthful', () => {
  const kinked = OP_NAMES.filter((name) => opDef(name).piece !== undefined);
  const arity = (name: OpName): number => { const a = opDef(name).arity; return a.kind === 'fixed' ? a.count : a.min; };
  // Points that hit kinks (0, ties, negative bases) as often as smooth places.
  const coordinate = fc.oneof(fc.constantFrom(0, 1, -1, 2, -2, 0.5, -0.5, 3), fc.double({ min: -3, max: 3, noNaN: true }));
  const H = 1e-6;

  /** The operator's output at `x`, with input `port` moved by `d`. */
  const f = (name: OpName, x: number[], port: number, d: number): number => {
    const moved = Float64Array.from(x);
    moved[port] += d;
    return (opDef(name).forward as NonNullable<OpDef['forward']>)(moved, 0, moved.length, {});
  };

  it('every operator with a kink rule says where its kinks are, and only those do', () => {
    expect(kinked.sort()).toEqual(['abs', 'div', 'inv', 'log', 'max', 'min', 'pow', 'relu', 'sqrt']);
    for (const name of kinked) expect(opDef(name).kinkRule).toMatch(/\S/);
  });

  it.each(kinked)('%s: where it says 0, the one-sided slopes differ or do not exist; elsewhere the local gradient matches', (name) => {
    fc.assert(fc.property(fc.array(coordinate, { minLength: arity(name), maxLength: arity(name) }), fc.nat(arity(name) - 1), (x, port) => {
      const def = opDef(name);
      const at = Float64Array.from(x);
      const piece = (d: number): number => { const p = Float64Array.from(x); p[port] += d; return (def.piece as NonNullable<typeof def.piece>)(p, 0, p.length, port, {}); };
      const right = (f(name, x, port, H) - f(name, x, port, 0)) / H;
      const left = (f(name, x, port, 0) - f(name, x, port, -H)) / H;
      if (piece(0) === 0) {
        const smooth = Number.isFinite(right) && Number.isFinite(left) && Math.abs(right - left) <= 1e-3 * (1 + Math.abs(right));
        expect(smooth, `${name}(${x.join(', ')}) in input ${port}: slopes ${left} and ${right}`).toBe(false);
      } else if (piece(1e-3) === piece(0) && piece(-1e-3) === piece(0)) {
        // Clear of every kink and pole by 1000 h, so the centred difference is accurate (1/x at 1e-6 is not).
        const local = (def.localGrad as NonNullable<typeof def.localGrad>)(at, 0, at.length, f(name, x, port, 0), port, {});
        const centred = (f(name, x, port, H) - f(name, x, port, -H)) / (2 * H);
        if (Number.isFinite(local) && Math.abs(local) < 1e6) expect(Math.abs(local - centred)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(local)));
      }
    }), { numRuns: 300 });
  });
});
