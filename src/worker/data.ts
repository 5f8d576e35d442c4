/** Turns a DataSource into a train/test split with the core's readers (the embedded binary, IDX files). */
import { parseEmbedded } from '../core/data/embedded';
import { IDX_FILE_NAMES, splitFromIdx, type IdxFiles } from '../core/data/idx';
import type { DataSplit } from '../core/net/types';
import { parseCsv } from '../core/data/csv';
import { toySplit } from '../core/data/toy';
import { assertNever, type DataSource, type IdxFile } from './protocol';
import { reason, ReasonedError } from '../core/graph/errors';

/** Loads the split a source names; `fetchBytes` reads a URL (the worker's fetch, or a file in tests). */
export async function loadSplit(source: DataSource, fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<DataSplit> {
  switch (source.kind) {
    case 'embedded':
      return parseEmbedded(new Uint8Array(await fetchBytes(source.url)));
    case 'idx': {
      return splitFromIdx(assignIdxFiles(source.files), 'IDX files');
    }
    case 'csv':
      return parseCsv(source.text, { name: source.name, testFraction: source.testFraction, standardize: source.standardize, seed: source.seed });
    case 'toy':
      return toySplit(source.toy, { noise: source.noise, seed: source.seed });
    default:
      return assertNever(source);
  }
}

/** Which of the four files a name is: the standard names, plain or .gz, also with '.' for '-' before "idx". */
export function idxRole(name: string): keyof IdxFiles | null {
  const base = name.toLowerCase().replace(/\.gz$/, '').replace(/\.(idx[13])/, '-$1');
  const train = base.includes('train');
  const test = base.includes('t10k') || base.includes('test');
  if (train === test) return null;
  if (base.includes('images') && base.includes('idx3')) return train ? 'trainImages' : 'testImages';
  if (base.includes('labels') && base.includes('idx1')) return train ? 'trainLabels' : 'testLabels';
  return null;
}

/** Sorts picked files into the four roles; throws naming what is missing, doubled or unknown. */
export function assignIdxFiles(files: IdxFile[]): IdxFiles {
  const found: Partial<Record<keyof IdxFiles, Uint8Array>> = {};
  for (const file of files) {
    const role = idxRole(file.name);
    const expected = Object.values(IDX_FILE_NAMES).join(', ');
    if (role === null) throw new ReasonedError(`'${file.name}' is not one of the four MNIST IDX files (expected ${expected}, plain or .gz)`, reason('worker.idxName', { name: file.name, expected }));
    if (found[role] !== undefined) throw new ReasonedError(`two files were picked for ${IDX_FILE_NAMES[role]}`, reason('worker.idxTwice', { name: IDX_FILE_NAMES[role] }));
    found[role] = new Uint8Array(file.bytes);
  }
  const missing = (Object.keys(IDX_FILE_NAMES) as (keyof IdxFiles)[]).filter((k) => found[k] === undefined);
  const names = missing.map((k) => IDX_FILE_NAMES[k]).join(', ');
  if (missing.length > 0) throw new ReasonedError(`missing ${names}: pick all four IDX files at once`, reason('worker.idxMissing', { names }));
  return found as IdxFiles;
}
