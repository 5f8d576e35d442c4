/** Writing Python source: literals, identifiers and the pieces every exported script shares. */

/** A Python float literal that reads back as exactly `v` (repr-style; non-finite as float('inf') etc.). */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "-float('inf')";
  if (Object.is(v, -0)) return '-0.0';
  const text = String(v);
  // JavaScript's shortest round-trip digits are Python's too; only integers need a ".0" to stay floats.
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A Python string literal (JSON's escapes are Python's). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** Python's reserved words, which cannot be identifiers. */
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

/**
 * Readable, unique Python identifiers for graph ids: letters, digits and underscores, `prefix` when the
 * id starts with a digit or is a keyword or a name already taken (`taken` holds names the script uses).
 */
export function identifiers(ids: readonly string[], prefix: string, taken: Iterable<string> = []): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
    if (base === '' || /^[0-9]/.test(base) || KEYWORDS.has(base) || base.startsWith('_')) base = `${prefix}${base}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** A comment-safe rendering of a user's id or label (one line, no control characters). */
export function commentText(text: string, max = 80): string {
  const line = Array.from(text, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 32 || code === 127 || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  });
  return line.join('').slice(0, max);
}

/** Base64 of the bytes of float64 values in little-endian order (how the scripts embed weights). */
export function float64Base64(values: readonly Float64Array[]): string {
  const total = values.reduce((n, v) => n + v.length, 0);
  const bytes = new Uint8Array(total * 8);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const array of values) for (const v of array) { view.setFloat64(at, v, true); at += 8; }
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** `text` cut into lines of `width` characters, each a Python string literal, for a parenthesised constant. */
export function wrappedLiteral(text: string, width = 100, indent = '    '): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(`${indent}"${text.slice(i, i + width)}"`);
  return lines.length === 0 ? `${indent}""` : lines.join('\n');
}

/**
 * gradflow's seeded generator (src/core/random.ts) in Python, bit for bit: mulberry32 on 32-bit
 * unsigned integers (JavaScript's Math.imul is a product modulo 2^32), Box–Muller normals with the
 * spare kept, integers by floor(u·n), and the Fisher–Yates shuffle the trainer uses.
 */
export const PYTHON_RANDOM = `MASK32 = 0xFFFFFFFF


class GradflowRandom:
    """gradflow's seeded generator (src/core/random.ts), bit for bit: mulberry32 and Box-Muller normals."""

    def __init__(self, seed):
        self.state = (int(seed) ^ 0x9E3779B9) & MASK32
        self.spare = None

    def next(self):
        """Uniform in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296

    def normal(self):
        """Standard normal N(0, 1); every second call returns the spare of the last pair."""
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u = 1 - self.next()
        v = self.next()
        r = math.sqrt(-2 * math.log(u))
        self.spare = r * math.sin(2 * math.pi * v)
        return r * math.cos(2 * math.pi * v)

    def int(self, n):
        """Uniform integer in [0, n)."""
        return math.floor(self.next() * n)

    def shuffle(self, items):
        """Fisher-Yates in place, as gradflow's trainer shuffles its sample order each epoch."""
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def shuffle_random(seed):
    """The trainer's shuffle stream, derived from the seed so that it differs from the initialisation's."""
    return GradflowRandom((int(seed) ^ 0x5F3759DF) & MASK32)


def dropout_random(seed):
    """The trainer's dropout stream, its own so that dropout does not change the shuffles."""
    return GradflowRandom((int(seed) ^ 0x2545F491) & MASK32)
`;
