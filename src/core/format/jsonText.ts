import { GraphError, reason, type Reason } from '../graph/errors';

/** Line and column (both 1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text; on a syntax error throws a GraphError with line and column.
 * The native parser does the work; engines word and place its errors differently,
 * so a small scanner finds the position itself when the text is invalid.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { offset, problem, why } = findSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    throw new GraphError(`invalid JSON at line ${line}, column ${column}: ${problem}`, { path: '', line, column }, 'format', reason('json.invalid', { line, column, problem: why }));
  }
}

/**
 * Where and why `text` (which JSON.parse refused) is not JSON, in our own words: "line 2, column 8: unexpected
 * character "}"" and its Reason. The engine's own message differs between engines and is English only.
 */
export function jsonSyntaxAt(text: string): { text: string; reason: Reason } {
  const { offset, problem, why } = findSyntaxError(text);
  const { line, column } = lineColumn(text, offset);
  return { text: `line ${line}, column ${column}: ${problem}`, reason: reason('json.at', { line, column, problem: why }) };
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Where the JSON grammar first fails in `text`, found with an explicit stack (no recursion). */
export function findSyntaxError(text: string): { offset: number; problem: string; why: Reason } {
  let i = 0;
  const n = text.length;
  // What each open container expects next.
  type Frame = { kind: 'object' | 'array'; state: 'first' | 'key' | 'colon' | 'value' | 'comma' };
  const stack: Frame[] = [];
  const skip = (): void => { while (i < n && isSpace(text.charCodeAt(i))) i++; };
  // Each problem is a sentence for the message and a Reason for the UI and the command line to word.
  type Problem = { text: string; why: Reason };
  const said = (text: string, id: string, found?: string): Problem => ({ text, why: reason(`json.${id}`, found === undefined ? {} : { found }) });
  const describe = (): Problem => (i >= n ? said('unexpected end of text', 'end') : said(`unexpected character ${JSON.stringify(text[i])}`, 'character', JSON.stringify(text[i])));
  const fail = (problem: Problem = describe()): { offset: number; problem: string; why: Reason } => ({ offset: Math.min(i, n), problem: problem.text, why: problem.why });

  /** Scans a string starting at the quote; returns false on a problem, leaving i at it. */
  const scanString = (): Problem | undefined => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return undefined; }
      if (c < 32) return said('control character in a string', 'control');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 2; return said('bad \\u escape', 'unicodeEscape'); }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) { i++; return said('bad escape in a string', 'escape'); }
        i += 2;
        continue;
      }
      i++;
    }
    return said('unterminated string', 'unterminated');
  };
  const scanNumber = (): Problem | undefined => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return said('bad number', 'number');
    if (text[i] === '.') {
      i++;
      if (!isDigit(text.charCodeAt(i))) return said('bad number', 'number');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!isDigit(text.charCodeAt(i))) return said('bad number', 'number');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  };
  /** Scans one value start; containers push a frame. Returns a problem or undefined. */
  const scanValue = (): Problem | undefined => {
    const c = text[i];
    if (c === '{') { stack.push({ kind: 'object', state: 'first' }); i++; return undefined; }
    if (c === '[') { stack.push({ kind: 'array', state: 'first' }); i++; return undefined; }
    if (c === '"') return scanString();
    if (c === '-' || isDigit(text.charCodeAt(i))) return scanNumber();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) { i += word.length; return undefined; }
    }
    return describe();
  };

  skip();
  let problem = scanValue();
  if (problem !== undefined) return fail(problem);
  while (stack.length > 0) {
    skip();
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.kind === 'array') {
      if (top.state === 'first' && c === ']') { stack.pop(); i++; continue; }
      if (top.state === 'comma') {
        if (c === ',') { top.state = 'value'; i++; continue; }
        if (c === ']') { stack.pop(); i++; continue; }
        return fail(i >= n ? said('unexpected end of text: missing ]', 'missingBracket') : said(`expected , or ] but found ${JSON.stringify(c)}`, 'commaOrBracket', JSON.stringify(c)));
      }
      top.state = 'comma';
      problem = scanValue();
      if (problem !== undefined) return fail(problem);
      continue;
    }
    // Object.
    if (top.state === 'first' && c === '}') { stack.pop(); i++; continue; }
    if (top.state === 'first' || top.state === 'key') {
      if (c !== '"') return fail(i >= n ? said('unexpected end of text', 'end') : said(`expected a property name in double quotes but found ${JSON.stringify(c)}`, 'propertyName', JSON.stringify(c)));
      problem = scanString();
      if (problem !== undefined) return fail(problem);
      top.state = 'colon';
      continue;
    }
    if (top.state === 'colon') {
      if (c !== ':') return fail(i >= n ? said('unexpected end of text', 'end') : said(`expected : but found ${JSON.stringify(c)}`, 'colon', JSON.stringify(c)));
      i++;
      top.state = 'value';
      continue;
    }
    if (top.state === 'value') {
      top.state = 'comma';
      problem = scanValue();
      if (problem !== undefined) return fail(problem);
      continue;
    }
    if (c === ',') { top.state = 'key'; i++; continue; }
    if (c === '}') { stack.pop(); i++; continue; }
    return fail(i >= n ? said('unexpected end of text: missing }', 'missingBrace') : said(`expected , or } but found ${JSON.stringify(c)}`, 'commaOrBrace', JSON.stringify(c)));
  }
  skip();
  if (i < n) return fail(said(`unexpected text after the end: ${JSON.stringify(text[i])}`, 'trailing', JSON.stringify(text[i])));
  // The scanner accepts what JSON.parse refused: should not happen, but never claim success.
  return { offset: 0, problem: 'not valid JSON', why: reason('json.notValid') };
}
