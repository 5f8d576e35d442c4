// Bounds on what a graph file may hold, checked before anything walks the file recursively: a value
// nested 10,000 arrays deep overflows the stack of JSON.stringify and structuredClone, and a label of
// 100,000 characters stalls the canvas. The browser and the command line read files through these checks,
// so both refuse the same files with the same message.
import { GraphError, reason, type Place, type Who } from '../graph/errors';
import { hasControlCharacter, quoteId, shorten } from '../graph/quote';

/** Deepest nesting of arrays and objects a file may hold (a fused gate adds 3 levels; a plain graph uses 4). */
export const MAX_FILE_DEPTH = 100;
/** Longest node or edge id, in characters. */
export const MAX_ID_LENGTH = 200;
/** Longest node, edge or gate label, in characters. */
export const MAX_LABEL_LENGTH = 200;

const count = (n: number): string => n.toLocaleString('en-US');

/** The JSON pointer of `segments`, shortened to its first and last segments when it is long. */
function shortPointer(segments: readonly (string | number)[]): string {
  const escape = (s: string | number): string => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  const shown = segments.length > 12 ? [...segments.slice(0, 8).map(escape), '/…', ...segments.slice(-3).map(escape)] : segments.map(escape);
  return shown.map((s) => (s.length > 34 ? shorten(s, 24, 8) : s)).join('');
}

/**
 * Refuses a parsed file that nests arrays and objects more than `limit` levels deep, naming where;
 * walks with an explicit stack, so the check itself cannot overflow.
 */
export function checkDepth(value: unknown, limit = MAX_FILE_DEPTH): void {
  // Each entry: a container, the link to its key in its parent (the path is rebuilt only on a refusal), its depth.
  type Link = { key: string | number; up: Link | undefined } | undefined;
  const stack: { at: unknown; link: Link; depth: number }[] = [{ at: value, link: undefined, depth: 0 }];
  while (stack.length > 0) {
    const { at, link, depth } = stack.pop() as { at: unknown; link: Link; depth: number };
    if (typeof at !== 'object' || at === null) continue;
    if (depth + 1 > limit) {
      const path: (string | number)[] = [];
      for (let l = link; l !== undefined; l = l.up) path.unshift(l.key);
      const pointer = shortPointer(path);
      throw new GraphError(`the file nests arrays and objects more than ${limit} levels deep (at ${pointer})`, { path: pointer }, 'limit', reason('format.fileNestsArraysObjects', { limit, pointer }));
    }
    if (Array.isArray(at)) {
      for (let k = at.length - 1; k >= 0; k--) if (typeof at[k] === 'object' && at[k] !== null) stack.push({ at: at[k], link: { key: k, up: link }, depth: depth + 1 });
    } else {
      const keys = Object.keys(at as object);
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (at as Record<string, unknown>)[keys[k]];
        if (typeof child === 'object' && child !== null) stack.push({ at: child, link: { key: keys[k], up: link }, depth: depth + 1 });
      }
    }
  }
}

/** Refuses an id that is too long or holds a control character; `who` names it ("node 3 id", "edge 'e1' source"), built only on a refusal. */
export function checkId(id: string, who: () => Who, place: () => Place): void {
  // The common case costs two tests: files hold a million ids.
  if (id.length <= MAX_ID_LENGTH && !hasControlCharacter(id)) return;
  if (id.length > MAX_ID_LENGTH) {
    const { text, reason: whoReason } = who();
    throw new GraphError(`${text} ${quoteId(id)} is too long (${count(id.length)} characters; ids have at most ${MAX_ID_LENGTH})`, place(), 'limit', reason('format.tooLongCharactersIds', { who: whoReason, id: quoteId(id), idLength: count(id.length), max: MAX_ID_LENGTH }));
  }
  const { text, reason: whoReason } = who();
  throw new GraphError(`${text} ${quoteId(id)} holds a control character (ids are printable text)`, place(), 'limit', reason('format.holdsControlCharacterIds', { who: whoReason, id: quoteId(id) }));
}

/** Refuses a label longer than MAX_LABEL_LENGTH; `who` and `place` are built only on a refusal. */
export function checkLabel(label: string, who: () => Who, place: () => Place): void {
  if (label.length > MAX_LABEL_LENGTH) {
    const { text, reason: whoReason } = who();
    throw new GraphError(`${text} has a label that is too long (${count(label.length)} characters; labels have at most ${MAX_LABEL_LENGTH})`, place(), 'limit', reason('format.labelThatTooLong', { who: whoReason, labelLength: count(label.length), max: MAX_LABEL_LENGTH }));
  }
}
