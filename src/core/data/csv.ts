/**
 * Your own data as CSV: numeric columns are features, the label is the column named `label` (else the
 * last column), rows are split into training and test by a seeded shuffle, and features may be
 * standardised with the training set's mean and standard deviation. Every refusal is one line that
 * names the row (as a spreadsheet numbers it, header = row 1) and the column.
 */
import { reason, ReasonedError } from '../graph/errors';
import { createRng, shuffleInPlace } from '../random';
import type { DataSplit, Dataset } from '../net/types';

/** How a CSV file becomes a split. */
export interface CsvOptions {
  /** Share of rows held out for testing, in [0, 1) (default 0.2). */
  testFraction?: number;
  /** Seed of the split's shuffle (default 1). */
  seed?: number;
  /** Scale every feature to mean 0 and standard deviation 1 over the training rows (default false). */
  standardize?: boolean;
  /** Name used in messages (the file name). */
  name?: string;
}

/** A split read from CSV, with what a user needs to read the results. */
export interface CsvSplit extends DataSplit {
  /** Feature column names, in input order. */
  features: string[];
  /** Class names by label index: the label values, or the sorted names when labels are text. */
  classes: string[];
  /** File row of each sample (training samples, then test samples), for messages about a label. */
  rows: { train: Uint32Array; test: Uint32Array };
}

/** Most distinct classes a label column may have (labels are stored in bytes). */
const MAX_CLASSES = 256;

/** Splits one CSV line into fields, honouring double quotes ("a,b" and "" for a quote). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

const isNumber = (text: string): boolean => text !== '' && Number.isFinite(Number(text));
const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Reads CSV text into a train/test split; throws an Error whose message is one line naming the problem. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvSplit {
  const name = options.name ?? 'the CSV file';
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction >= 0 && testFraction < 1)) throw new ReasonedError(`${name}: the test fraction must be in [0, 1), got ${testFraction}`, reason('data.testFractionMustGot', { name, testFraction }));
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // File row numbers (1-based) of the non-blank lines.
  const rows: { row: number; cells: string[] }[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== '') rows.push({ row: i + 1, cells: fields(line) });
  });
  if (rows.length === 0) throw new ReasonedError(`${name}: the file is empty`, reason('data.fileEmpty', { name }));
  const header = rows[0].cells.some((cell) => !isNumber(cell));
  const columns = header ? rows[0].cells : rows[0].cells.map((_, j) => `column ${j + 1}`);
  const data = header ? rows.slice(1) : rows;
  // A column as a refusal names it: by its header, else by its number (worded in the reader's language).
  const columnWho = (j: number) => (header ? reason('data.columnNamed', { column: quote(columns[j]) }) : reason('data.columnNumbered', { n: j + 1 }));
  if (columns.length < 2) throw new ReasonedError(`${name}: row ${rows[0].row} has ${columns.length} column; a data set needs at least one feature and a label`, reason('data.oneColumn', { name, row: rows[0].row, count: columns.length }));
  if (data.length === 0) throw new ReasonedError(`${name}: there are no data rows after the header`, reason('data.thereAreDataRows', { name }));
  const named = columns.findIndex((c) => c.toLowerCase() === 'label');
  const labelColumn = named >= 0 ? named : columns.length - 1;
  const featureColumns = columns.map((_, j) => j).filter((j) => j !== labelColumn);

  const n = data.length;
  const width = featureColumns.length;
  const values = new Float64Array(n * width);
  const labelText: string[] = [];
  data.forEach(({ row, cells }, s) => {
    if (cells.length !== columns.length) {
      throw new ReasonedError(`${name}: row ${row} has ${cells.length} value${cells.length === 1 ? '' : 's'} but ${header ? 'the header has' : `row ${rows[0].row} has`} ${columns.length}`,
        header ? reason('data.rowWidthHeader', { name, row, count: cells.length, columns: columns.length }) : reason('data.rowWidth', { name, row, count: cells.length, first: rows[0].row, columns: columns.length }));
    }
    featureColumns.forEach((j, f) => {
      const cell = cells[j];
      if (!isNumber(cell)) {
        throw new ReasonedError(`${name}: row ${row}, column ${quote(columns[j])}: ${cell === '' ? 'empty' : `${quote(cell)} is not a number`}`,
          cell === '' ? reason('data.cellEmpty', { name, row, column: columnWho(j) }) : reason('data.cellNotNumber', { name, row, column: columnWho(j), cell: quote(cell) }));
      }
      values[s * width + f] = Number(cell);
    });
    const label = cells[labelColumn];
    if (label === '') throw new ReasonedError(`${name}: row ${row}, column ${quote(columns[labelColumn])}: the label is empty`, reason('data.rowColumnLabelEmpty', { name, row, labelColumn: columnWho(labelColumn) }));
    labelText.push(label);
  });

  // Labels: whole numbers 0.. as they are, or text names numbered in sorted order; not a mix.
  const numeric = labelText.map(isNumber);
  let classes: string[];
  const labels = new Uint8Array(n);
  if (numeric.every(Boolean)) {
    labelText.forEach((t, s) => {
      const v = Number(t);
      if (!Number.isInteger(v) || v < 0 || v >= MAX_CLASSES) {
        throw new ReasonedError(`${name}: row ${data[s].row}, column ${quote(columns[labelColumn])}: label ${quote(t)} is not a class number 0..${MAX_CLASSES - 1}`,
          reason('data.labelNotClass', { name, row: data[s].row, column: columnWho(labelColumn), label: quote(t), max: MAX_CLASSES - 1 }));
      }
      labels[s] = v;
    });
    const top = labels.reduce((m, v) => Math.max(m, v), 0);
    classes = Array.from({ length: top + 1 }, (_, k) => String(k));
  } else {
    const mixed = numeric.findIndex(Boolean);
    if (mixed >= 0) {
      throw new ReasonedError(`${name}: row ${data[mixed].row}, column ${quote(columns[labelColumn])}: label ${quote(labelText[mixed])} is a number but other labels are names`,
        reason('data.labelsMixed', { name, row: data[mixed].row, column: columnWho(labelColumn), label: quote(labelText[mixed]) }));
    }
    classes = [...new Set(labelText)].sort();
    if (classes.length > MAX_CLASSES) throw new ReasonedError(`${name}: column ${quote(columns[labelColumn])} has ${classes.length} classes; at most ${MAX_CLASSES}`, reason('data.columnClassesMost', { name, labelColumn: columnWho(labelColumn), classesLength: classes.length, max: MAX_CLASSES }));
    const index = new Map(classes.map((c, k) => [c, k]));
    labelText.forEach((t, s) => { labels[s] = index.get(t) ?? 0; });
  }
  const distinct = new Set(labels);
  if (distinct.size < 2) throw new ReasonedError(`${name}: every row has label ${quote(labelText[0])}; a classifier needs at least two classes`, reason('data.everyRowLabelClassifier', { name, labelText: quote(labelText[0]) }));

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, createRng(options.seed ?? 1));
  const testCount = Math.round(n * testFraction);
  if (n - testCount < 1) throw new ReasonedError(`${name}: ${n} rows leave none for training with test fraction ${testFraction}`, reason('data.rowsLeaveNoneFor', { name, n, testFraction }));
  const trainIdx = order.subarray(testCount);
  const testIdx = order.subarray(0, testCount);

  // Standardise with the training rows only, so the test rows stay unseen.
  const mean = new Float64Array(width);
  const scale = new Float64Array(width).fill(1);
  if (options.standardize === true) {
    for (const i of trainIdx) for (let f = 0; f < width; f++) mean[f] += values[i * width + f];
    for (let f = 0; f < width; f++) mean[f] /= trainIdx.length;
    const sq = new Float64Array(width);
    for (const i of trainIdx) for (let f = 0; f < width; f++) sq[f] += (values[i * width + f] - mean[f]) ** 2;
    // A constant column stays 0 rather than dividing by 0.
    for (let f = 0; f < width; f++) scale[f] = sq[f] > 0 ? 1 / Math.sqrt(sq[f] / trainIdx.length) : 1;
  }
  const take = (idx: Uint32Array): Dataset => {
    const images = new Float32Array(idx.length * width);
    const out = new Uint8Array(idx.length);
    idx.forEach((i, s) => {
      for (let f = 0; f < width; f++) images[s * width + f] = (values[i * width + f] - mean[f]) * scale[f];
      out[s] = labels[i];
    });
    return { count: idx.length, inputSize: width, images, labels: out };
  };
  const rowOf = (idx: Uint32Array): Uint32Array => Uint32Array.from(idx, (i) => data[i].row);
  return {
    name,
    train: take(trainIdx),
    test: take(testIdx),
    features: featureColumns.map((j) => columns[j]),
    classes,
    rows: { train: rowOf(trainIdx), test: rowOf(testIdx) },
  };
}

/** The first label beyond a network's outputs, as one line naming its row, or null when all fit. */
export function csvLabelProblem(split: CsvSplit, outputs: number): string | null {
  return csvLabelRefusal(split, outputs)?.message ?? null;
}

/** As csvLabelProblem, as a refusal that carries its Reason. */
export function csvLabelRefusal(split: CsvSplit, outputs: number): ReasonedError | null {
  for (const [set, rows] of [[split.train, split.rows.train], [split.test, split.rows.test]] as const) {
    for (let s = 0; s < set.count; s++) {
      if (set.labels[s] >= outputs) {
        const params = { name: split.name, row: rows[s], label: split.classes[set.labels[s]], outputs, max: outputs - 1 };
        return new ReasonedError(`${split.name}: row ${rows[s]}: label ${params.label} is beyond the network's ${outputs} outputs (classes 0..${outputs - 1})`, reason('data.labelBeyond', params));
      }
    }
  }
  return null;
}
