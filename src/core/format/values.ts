import { GraphError, reason, type Place, type Who } from '../graph/errors';
import { shown } from './fields';

/**
 * How an input's or constant's value is written in a file. JSON has no NaN or Infinity, so those are
 * written as the strings "NaN", "Infinity" and "-Infinity" (as the CLI's JSON output writes them):
 * a graph holding `1e400 * x` exports, shares and autosaves like any other.
 */
export type ValueInFile = number | 'NaN' | 'Infinity' | '-Infinity';

const SPELLED: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** A node's value as the file holds it: finite numbers as numbers, the rest spelled out. */
export function valueToFile(value: number): ValueInFile {
  return Number.isFinite(value) ? value : (String(value) as ValueInFile);
}

/** Reads a node's value from a file: a JSON number, or one of the three spelled-out non-finite values. */
export function valueFromFile(raw: unknown, who: Who, place: Place): number {
  // JSON.parse reads `-0` as -0, but a file written back says 0: read it as 0 so a reload changes nothing.
  if (typeof raw === 'number') return raw + 0;
  if (typeof raw === 'string' && Object.prototype.hasOwnProperty.call(SPELLED, raw)) return SPELLED[raw];
  throw new GraphError(`${who.text} has a non-numeric value ${shown(raw)}: expected a number or one of "Infinity", "-Infinity", "NaN"`, place, 'format', reason('format.nonNumericValueExpected', { who: who.reason, value: shown(raw) }));
}
