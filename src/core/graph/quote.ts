import type { Place } from './errors';

// Names and text quoted into messages: every message about a graph stays one short, printable line,
// whatever the ids hold (newlines, terminal escape sequences, 100,000 characters).

/** Characters a terminal or a log would act on rather than print: C0 and C1 controls, DEL, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** True when `text` holds a control character (see CONTROL). */
export function hasControlCharacter(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** `text` with each control character written as an escape (\n, \t, \u001b), so it prints as itself. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** How many characters of a long name a message keeps from its start and from its end. */
export const SHORTEN_HEAD = 24;
/** See SHORTEN_HEAD. */
export const SHORTEN_TAIL = 8;

/**
 * `text` cut to its first `head` and last `tail` characters around an ellipsis when it is longer,
 * never splitting a surrogate pair.
 */
export function shorten(text: string, head = SHORTEN_HEAD, tail = SHORTEN_TAIL): string {
  if (text.length <= head + tail + 1) return text;
  // 2·head code units hold at least `head` whole code points; a pair cut at the slice edge lies beyond them.
  const start = Array.from(text.slice(0, 2 * head)).slice(0, head).join('');
  const end = Array.from(text.slice(-2 * tail)).slice(-tail).join('');
  return start.length + end.length + 1 >= text.length ? text : `${start}…${end}`;
}

/** An id (or any name) as a message quotes it: shortened, control characters escaped, in single quotes. */
export function quoteId(id: string): string {
  return `'${escapeControl(shorten(id))}'`;
}

/** Longest message a command line prints for one problem. */
export const MAX_MESSAGE_LENGTH = 400;

/** A message made safe to print as one line: control characters escaped, cut to `max` characters. */
export function oneLine(message: string, max = MAX_MESSAGE_LENGTH): string {
  const escaped = escapeControl(message.length > 4 * max ? message.slice(0, 4 * max) : message);
  if (escaped.length <= max) return escaped;
  const cut = escaped.slice(0, max - 1);
  // Never end on half a surrogate pair.
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut) + '…';
}

/** Where a problem is, as a message suffix: " (line 3, column 4)" or " (at /nodes/2/op)", or nothing when the message says already. */
export function placeSuffix(message: string, place: Place): string {
  const { line, column, path } = place;
  if (line !== undefined) return message.includes('line ') ? '' : ` (line ${line}${column !== undefined ? `, column ${column}` : ''})`;
  return path !== undefined && path !== '' && !message.includes(`at ${path}`) ? ` (at ${escapeControl(shorten(path, 40, 20))})` : '';
}
