import { describe, expect, it } from 'vitest';
import { csvLabelProblem, parseCsv, toySplit, TOY_KINDS } from '../src/core';

describe('CSV data', () => {
  const iris = [
    'sepal_length,sepal_width,species',
    '5.1,3.5,setosa', '4.9,3.0,setosa', '7.0,3.2,versicolor', '6.4,3.2,versicolor', '6.3,3.3,virginica',
    '5.8,2.7,virginica', '5.0,3.6,setosa', '5.7,2.8,versicolor', '6.5,3.0,virginica', '4.6,3.1,setosa',
  ].join('\n');

  it('reads features, names classes in sorted order and splits by a seeded shuffle', () => {
    const split = parseCsv(iris, { name: 'iris.csv', testFraction: 0.2, seed: 3 });
    expect(split.features).toEqual(['sepal_length', 'sepal_width']);
    expect(split.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([split.train.count, split.test.count]).toEqual([8, 2]);
    expect(split.train.inputSize).toBe(2);
    // Every row lands in exactly one set, with its own features and label.
    const rows = [...split.rows.train, ...split.rows.test].sort((a, b) => a - b);
    expect(rows).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const s = Array.from(split.rows.train).indexOf(4);
    const at = s >= 0 ? { set: split.train, i: s } : { set: split.test, i: Array.from(split.rows.test).indexOf(4) };
    expect(at.set.images[at.i * 2]).toBeCloseTo(7.0, 6);
    expect(at.set.labels[at.i]).toBe(1);
    // Same seed, same split; another seed, another.
    expect(parseCsv(iris, { seed: 3 }).rows.test).toEqual(split.rows.test);
    expect(parseCsv(iris, { seed: 4 }).rows.test).not.toEqual(split.rows.test);
  });

  it('standardises with the training rows: mean 0, standard deviation 1 per feature', () => {
    const split = parseCsv(iris, { standardize: true, testFraction: 0.2 });
    for (let f = 0; f < 2; f++) {
      const v = Array.from({ length: split.train.count }, (_, i) => split.train.images[i * 2 + f]);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(sd).toBeCloseTo(1, 5);
    }
  });

  it('takes the column named label wherever it is, and numeric labels as they are; no header means the last column', () => {
    const split = parseCsv('label,a,b\n1,0.5,2\n0,1,3\n2,4,5\n1,0,0\n0,1,1', { testFraction: 0 });
    expect(split.features).toEqual(['a', 'b']);
    expect(split.classes).toEqual(['0', '1', '2']);
    expect(Array.from(split.train.labels).sort()).toEqual([0, 0, 1, 1, 2]);
    const bare = parseCsv('1,2,0\n3,4,1\n5,6,1', { testFraction: 0 });
    expect(bare.features).toEqual(['column 1', 'column 2']);
    expect(bare.train.count).toBe(3);
  });

  it('names the row and column of each problem in one line', () => {
    const bad = (text: string): string => {
      try {
        parseCsv(text, { name: 'd.csv' });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(bad('a,b,label\n1,2,0\n3,4\n5,6,1')).toBe('d.csv: row 3 has 2 values but the header has 3');
    expect(bad('a,b,label\n1,2,0\n3,x7,1')).toBe('d.csv: row 3, column "b": "x7" is not a number');
    expect(bad('a,b,label\n1,,0\n3,4,1')).toBe('d.csv: row 2, column "b": empty');
    expect(bad('a,b,label\n1,2,0\n3,4,0')).toBe('d.csv: every row has label "0"; a classifier needs at least two classes');
    expect(bad('a,b,label\n1,2,0\n3,4,cat')).toBe('d.csv: row 2, column "label": label "0" is a number but other labels are names');
    expect(bad('a,b,label\n1,2,0.5\n3,4,1')).toBe('d.csv: row 2, column "label": label "0.5" is not a class number 0..255');
    expect(bad('')).toBe('d.csv: the file is empty');
    expect(bad('a,b,label\n')).toBe('d.csv: there are no data rows after the header');
    for (const message of ['a,b,label\n1,2,0\n3,4\n5,6,1', 'a,b,label\n1,2,0\n3,x7,1'].map(bad)) expect(message).not.toContain('\n');
  });

  it('reports a label beyond the network\'s outputs with its row', () => {
    const split = parseCsv('a,label\n1,0\n2,1\n3,2\n4,0\n5,1', { name: 'd.csv', testFraction: 0.4 });
    expect(csvLabelProblem(split, 3)).toBeNull();
    expect(csvLabelProblem(split, 2)).toBe('d.csv: row 4: label 2 is beyond the network\'s 2 outputs (classes 0..1)');
  });
});

describe('toy 2-D sets', () => {
  it('are seeded: same seed and noise, same points; another seed, other points', () => {
    for (const kind of TOY_KINDS) {
      const a = toySplit(kind, { seed: 5, noise: 0.2 });
      expect(a.train.images).toEqual(toySplit(kind, { seed: 5, noise: 0.2 }).train.images);
      expect(a.train.images).not.toEqual(toySplit(kind, { seed: 6, noise: 0.2 }).train.images);
      expect([a.train.count, a.test.count]).toEqual([400, 100]);
      // Two classes, about half each.
      const ones = [...a.train.labels, ...a.test.labels].filter((l) => l === 1).length;
      expect(ones).toBeGreaterThan(200);
      expect(ones).toBeLessThan(300);
    }
  });
  it('draw the shapes they name', () => {
    const at = (set: { images: ArrayLike<number> }, i: number): [number, number] => [set.images[2 * i], set.images[2 * i + 1]];
    const circle = toySplit('circle').train;
    for (let i = 0; i < circle.count; i++) {
      const r = Math.hypot(...at(circle, i)) * 2;
      // Without noise: inner disc (r < 2.5) is class 1, the ring (3.5 <= r <= 5) class 0.
      if (circle.labels[i] === 1) expect(r).toBeLessThan(2.5);
      else expect(r).toBeGreaterThanOrEqual(3.5 - 1e-6);
    }
    const xor = toySplit('xor').train;
    for (let i = 0; i < xor.count; i++) {
      const [x, y] = at(xor, i);
      expect(xor.labels[i]).toBe(x * y >= 0 ? 1 : 0);
    }
    const gauss = toySplit('gaussians').train;
    let sum1 = 0, n1 = 0;
    for (let i = 0; i < gauss.count; i++) if (gauss.labels[i] === 1) { sum1 += gauss.images[2 * i]; n1++; }
    expect(sum1 / n1).toBeCloseTo(1, 0);
  });
  it('refuse a bad noise or count', () => {
    expect(() => toySplit('spiral', { noise: 2 })).toThrow('noise must be between 0 and 1, got 2');
    expect(() => toySplit('spiral', { count: 2 })).toThrow('a toy set needs a whole number of at least 4 points, got 2');
  });
});
