// Flag parsing shared by the commands; light on purpose, since every command's registration imports it.
import { t } from '../i18n';
import { UsageError } from './usage';

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A whole number >= min from a flag, or a UsageError naming the flag. */
export function wholeFlag(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v) || v < min) throw new UsageError(t('cli.errors.whole', { flag, text: JSON.stringify(text), min }));
  return v;
}

/** A positive (or, with allowZero, non-negative) finite number from a flag, or a UsageError naming the flag. */
export function positiveFlag(flag: string, text: string, allowZero = false): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new UsageError(t(allowZero ? 'cli.errors.nonNegative' : 'cli.errors.positive', { flag, text: JSON.stringify(text) }));
  }
  return v;
}

/** A number in [0, 1) from a flag (momentum, a test fraction), or a UsageError naming the flag. */
export function fractionFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v >= 1) throw new UsageError(t('cli.errors.fraction', { flag, text: JSON.stringify(text) }));
  return v;
}

/** `parse(text)` for a flag that was given, undefined for one that was not. */
export const optionalFlag = <T>(text: string | undefined, parse: (text: string) => T): T | undefined => (text === undefined ? undefined : parse(text));
