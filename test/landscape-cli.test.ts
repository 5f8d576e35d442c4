import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradflow } from './helpers/cli';

const svm = join('public', 'examples', 'svm-lecture.json');

describe('gradflow landscape and optimize (child process)', () => {
  it('landscape prints the SVM example\'s slice as JSON and a map as ASCII', async () => {
    const [slice, map] = await Promise.all([
      gradflow('landscape', svm, '--dims', '1', '--steps', '21', '--range', '3', '--json'),
      gradflow('landscape', svm, '--dims', '2', '--steps', '9'),
    ]);
    expect(slice.code).toBe(0);
    const out = JSON.parse(slice.stdout);
    expect(out).toMatchObject({ kind: 'svm', parameters: 6, dims: 1, steps: 21, range: 3, seed: 1 });
    expect(out.centerLoss).toBeCloseTo(1.5833333333, 9);
    expect(out.losses[10]).toBe(out.centerLoss);
    expect(out.alphas[0]).toBe(-3);
    expect(map.code).toBe(0);
    const rows = map.stdout.split('\n').filter((line: string) => /\|.{9}\|$/.test(line));
    expect(rows.length).toBe(9);
    expect(rows[4]).toContain('O');
  });

  it('optimize gives loss per evaluation; gradient descent beats random search on the same budget', async () => {
    const [gd, random, plain] = await Promise.all([
      gradflow('optimize', svm, '--method', 'gd', '--budget', '40', '--json'),
      gradflow('optimize', svm, '--method', 'random', '--budget', '40', '--json'),
      gradflow('optimize', svm, '--method', 'local', '--budget', '5'),
    ]);
    const g = JSON.parse(gd.stdout);
    const r = JSON.parse(random.stdout);
    expect(g.finalLoss).toBeCloseTo(0.1583, 3);
    expect(r.finalLoss).toBeCloseTo(0.5111, 3);
    expect(g.evaluations.at(-1)).toBe(39);
    expect(r.losses.length).toBe(40);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/random local search on svm \(6 parameters\), budget 5/);
  });

  it('bad input exits 2 with one line naming the problem', async () => {
    const cases = await Promise.all([
      gradflow('optimize', svm, '--method', 'newton'),
      gradflow('landscape', svm, '--dims', '3'),
      gradflow('landscape', 'missing.json'),
      gradflow('landscape', '--expr', 'x*x', '--set', 'x=3', '--dims', '2'),
    ]);
    expect(cases.map((c) => c.code)).toEqual([2, 2, 2, 2]);
    expect(cases.map((c) => c.stderr)).toEqual([
      'gradflow: --method "newton": expected one of random, local, gd, sgd\n',
      'gradflow: --dims "3": expected 1 or 2\n',
      'gradflow: cannot read missing.json: no such file\n',
      'gradflow: a 2-D map needs at least 2 parameters to vary, this problem has 1: use a 1-D slice\n',
    ]);
  });

  it('maps a layered network on a data subset', async () => {
    const res = await gradflow('landscape', join('public', 'examples', 'mnist-nielsen.json'), '--dims', '2', '--steps', '5', '--samples', '100', '--json');
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ kind: 'network', parameters: 23860, dims: 2, steps: 5 });
    expect(out.grid.length).toBe(5);
    expect(out.grid[2][2]).toBe(out.centerLoss);
    expect(out.min).toBeLessThanOrEqual(out.centerLoss);
  });
});
