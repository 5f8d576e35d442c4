import { escapeControl, shorten } from '../graph/quote';
import type { Extra } from '../graph/types';

/** A JSON object as read from a file (arrays and null excluded). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property test: `__proto__` and `constructor` are ordinary keys here. */
export function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Sets an own property even when the key is `__proto__` (plain assignment would change the prototype). */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The fields of `object` not in `known`, or undefined when there are none. */
export function extraFields(object: JsonObject, known: readonly string[]): Extra | undefined {
  let extra: Extra | undefined;
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    extra ??= {};
    setOwn(extra, key, object[key]);
  }
  return extra;
}

/** A JSON pointer segment, escaped as RFC 6901 requires. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A value as shown in an error message, kept short. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  // JSON escapes C0 controls but not DEL, C1 (a terminal reads U+009B as an escape) or U+2028.
  return escapeControl(text.length > 40 ? shorten(text, 30, 6) : text);
}
