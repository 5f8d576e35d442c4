import { gunzipSync } from 'fflate';
import { crc32 } from './crc32';
import { reason, ReasonedError, type Who } from '../graph/errors';
import type { DataSplit, Dataset } from '../net/types';

/** An IDX array of unsigned bytes (the MNIST file format): its dimensions and data. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** True when bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * The bytes, gunzipped when they are gzip. The trailer's CRC-32 and length are checked against what
 * was inflated (fflate does not check them), so a damaged download is refused instead of trained on.
 */
export function maybeGunzip(bytes: Uint8Array, named: string | Who = 'the file'): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  // A file named by the caller in English words (not a file name) comes with the Reason that words it.
  const [text, what] = typeof named === 'string' ? [named, named] : [named.text, named.reason];
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // fflate's own words are quoted as they are.
    throw new ReasonedError(`${text} is a broken gzip file: ${detail}`, reason('data.brokenGzip', { what, detail }));
  }
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  const stored = trailer.getUint32(0, true);
  const computed = crc32(out);
  if (stored !== computed) throw new ReasonedError(`${text} is a broken gzip file: CRC-32 ${hex(computed)} of its content does not match the ${hex(stored)} it records`, reason('data.brokenGzipFileCrc', { what, computed: hex(computed), stored: hex(stored) }));
  const size = trailer.getUint32(4, true);
  if (size !== out.length % 2 ** 32) throw new ReasonedError(`${text} is a broken gzip file: it records ${size} bytes of content but holds ${out.length}`, reason('data.brokenGzipFileRecords', { what, size, outLength: out.length }));
  return out;
}

/**
 * Parses an IDX file, plain or gzip: 2 zero bytes, type 0x08 (unsigned byte), the number of
 * dimensions, each dimension as a big-endian uint32, then the data.
 */
export function parseIdx(bytes: Uint8Array, what = 'the IDX file'): IdxArray {
  const raw = maybeGunzip(bytes, what);
  if (raw.length < 4) throw new ReasonedError(`${what} is too short to be an IDX file (${raw.length} bytes)`, reason('data.tooShortIdxFile', { what, rawLength: raw.length }));
  if (raw[0] !== 0 || raw[1] !== 0) throw new ReasonedError(`${what} is not an IDX file (wrong magic number)`, reason('data.idxFileWrongMagic', { what }));
  if (raw[2] !== 0x08) {
    const type = `0x${raw[2].toString(16).padStart(2, '0')}`;
    throw new ReasonedError(`${what} holds IDX type ${type}; only unsigned bytes (0x08) are supported`, reason('data.idxType', { what, type }));
  }
  const ndims = raw[3];
  if (ndims < 1 || ndims > 4) throw new ReasonedError(`${what} has ${ndims} dimensions; expected 1 to 4`, reason('data.dimensionsExpected', { what, ndims }));
  const header = 4 + 4 * ndims;
  if (raw.length < header) throw new ReasonedError(`${what} is truncated inside its header`, reason('data.truncatedInsideHeader', { what }));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < ndims; d++) {
    const n = view.getUint32(4 + 4 * d, false);
    dims.push(n);
    size *= n;
  }
  const have = raw.length - header;
  if (have < size) throw new ReasonedError(`${what} is truncated: dimensions ${dims.join(' x ')} need ${size} bytes of data, found ${have}`, reason('data.truncatedDimensionsNeedBytes', { what, dims: dims.join(' x '), size, have }));
  if (have > size) throw new ReasonedError(`${what} has ${have - size} bytes beyond its dimensions ${dims.join(' x ')}`, reason('data.idxTrailing', { what, extra: have - size, dims: dims.join(' x ') }));
  return { dims, data: raw.subarray(header, header + size) };
}

/** A dataset from an images IDX array (count x rows x cols) and a labels IDX array (count); labels must be 0..9. */
export function datasetFromIdx(images: IdxArray, labels: IdxArray, what = 'the data'): Dataset {
  if (images.dims.length < 2) throw new ReasonedError(`${what}: the images file has ${images.dims.length} dimension; expected count x rows x cols`, reason('data.imagesFileDimensionExpected', { what, dimsLength: images.dims.length }));
  if (labels.dims.length !== 1) throw new ReasonedError(`${what}: the labels file has ${labels.dims.length} dimensions; expected 1`, reason('data.labelsFileDimensionsExpected', { what, dimsLength: labels.dims.length }));
  const count = images.dims[0];
  if (labels.dims[0] !== count) throw new ReasonedError(`${what}: ${count} images but ${labels.dims[0]} labels`, reason('data.imagesButLabels', { what, count, labels: labels.dims[0] }));
  // An empty set trains nothing or judges nothing: refused rather than reported as accuracy null.
  if (count === 0) throw new ReasonedError(`${what}: the images file holds 0 images`, reason('data.imagesFileHoldsImages', { what }));
  const inputSize = images.dims.slice(1).reduce((a, b) => a * b, 1);
  for (let i = 0; i < count; i++) {
    if (labels.data[i] > 9) throw new ReasonedError(`${what}: label ${labels.data[i]} of sample ${i} is not a digit class 0..9`, reason('data.labelSampleDigitClass', { what, labels: labels.data[i], index: i }));
  }
  return { count, inputSize, images: images.data, labels: labels.data };
}

/** The four standard IDX files of a split (plain or gzip bytes). */
export interface IdxFiles {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** The standard file names, without the optional .gz. */
export const IDX_FILE_NAMES: Readonly<Record<keyof IdxFiles, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** A train/test split from the four IDX files; errors name the file at fault. */
export function splitFromIdx(files: IdxFiles, name = 'IDX'): DataSplit {
  const read = (key: keyof IdxFiles): IdxArray => {
    const array = parseIdx(files[key], IDX_FILE_NAMES[key]);
    if (array.dims[0] === 0) {
      throw new ReasonedError(`${IDX_FILE_NAMES[key]} holds 0 ${key.endsWith('Images') ? 'images' : 'labels'}: each set needs at least one sample`,
        reason(key.endsWith('Images') ? 'data.noImages' : 'data.noLabels', { file: IDX_FILE_NAMES[key] }));
    }
    return array;
  };
  const train = datasetFromIdx(read('trainImages'), read('trainLabels'), 'training set');
  const test = datasetFromIdx(read('testImages'), read('testLabels'), 'test set');
  if (train.inputSize !== test.inputSize) throw new ReasonedError(`training images have ${train.inputSize} pixels but test images ${test.inputSize}`, reason('data.trainingImagesHavePixels', { inputSize: train.inputSize, inputSize2: test.inputSize }));
  return { name, train, test };
}

/** Encodes an IDX unsigned-byte array (for tests and small generated data sets). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
