import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  GraphError, MAX_NETWORK_BYTES, checkNetworkMemory, compileNetwork, compileProgram, encodeIdx, formatBytes, graphFromExpression,
  networkMemoryBytes, parseGraph, parseGraphValue, parseIdx, splitFromIdx, type Graph,
} from '../src/core';
import { crc32 } from '../src/core/data/crc32';
import { MAX_FILE_DEPTH, MAX_ID_LENGTH, MAX_LABEL_LENGTH } from '../src/core/format/limits';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_PARENTHESES } from '../src/core/expr/limits';
import { MAX_MESSAGE_LENGTH, escapeControl, oneLine, placeSuffix, quoteId, shorten } from '../src/core/graph/quote';

/** The message a refusal carries; fails the test when `work` does not throw a GraphError. */
function refusal(work: () => unknown): GraphError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error('accepted');
}

const file = (nodes: unknown[], edges: unknown[] = []): Record<string, unknown> => ({ format: 'gradflow.graph', version: 1, nodes, edges });
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let k = 0; k < depth; k++) v = [v];
  return v;
};
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('quoting names into messages', () => {
  it('keeps short ids and shortens long ones to first and last characters', () => {
    expect(quoteId('x1')).toBe("'x1'");
    expect(quoteId('a'.repeat(33))).toBe(`'${'a'.repeat(33)}'`);
    expect(quoteId('b' + 'a'.repeat(100_000) + 'z')).toBe(`'b${'a'.repeat(23)}…${'a'.repeat(7)}z'`);
    expect(shorten('😀'.repeat(40))).toBe('😀'.repeat(24) + '…' + '😀'.repeat(8));
  });

  it('escapes newlines and terminal escape sequences', () => {
    expect(quoteId('a\nb')).toBe("'a\\nb'");
    expect(quoteId('\u001b[31mRED\u001b[0m')).toBe("'\\u001b[31mRED\\u001b[0m'");
    expect(escapeControl('tab\there\u009b\u2028')).toBe('tab\\there\\u009b\\u2028');
  });

  it('any text becomes one bounded printable line (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
      const line = oneLine(text);
      expect(line.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(line).not.toMatch(CONTROL);
      expect(quoteId(text).length).toBeLessThanOrEqual(2 + 6 * 33 + 1);
      expect(quoteId(text)).not.toMatch(CONTROL);
    }));
  });

  it('adds the place unless the message has it', () => {
    expect(placeSuffix('bad', { path: '/nodes/2/op' })).toBe(' (at /nodes/2/op)');
    expect(placeSuffix('invalid JSON at line 3, column 4: x', { line: 3, column: 4 })).toBe('');
    expect(placeSuffix('too deep (at /a/b)', { path: '/a/b' })).toBe('');
    expect(placeSuffix('no place', {})).toBe('');
  });
});

describe('graph file bounds', () => {
  it(`accepts nesting of ${MAX_FILE_DEPTH} levels and refuses one more, naming the place`, () => {
    // The file object, nodes array and node object are 3 levels; the value adds the rest.
    const ok = file([{ id: 'x', op: 'input', value: 1, meta: nested(MAX_FILE_DEPTH - 3) }]);
    expect(parseGraphValue(ok).nodes[0].extra).toBeDefined();
    const error = refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1, meta: nested(MAX_FILE_DEPTH - 2) }])));
    expect(error.message).toMatch(new RegExp(`^the file nests arrays and objects more than ${MAX_FILE_DEPTH} levels deep \\(at /nodes/0/meta/0/0/0/0/0/…/0/0/0\\)$`));
    expect(error.place.path).toBe('/nodes/0/meta/0/0/0/0/0/…/0/0/0');
  });

  it('refuses a value nested 10,000 arrays deep, and an extra field as deep, without overflowing', () => {
    // Built as text: JSON.stringify itself overflows on such a value.
    const value = refusal(() => parseGraph(`{"format":"gradflow.graph","version":1,"nodes":[{"id":"x","op":"input","value":${'['.repeat(10_000)}1${']'.repeat(10_000)}}]}`));
    expect(value.message).toBe(`the file nests arrays and objects more than ${MAX_FILE_DEPTH} levels deep (at /nodes/0/value/0/0/0/0/0/…/0/0/0)`);
    const extra = refusal(() => parseGraph(`{"format":"gradflow.graph","version":1,"nodes":[{"id":"x","op":"input","value":1,"meta":${'['.repeat(10_000)}${']'.repeat(10_000)}}]}`));
    expect(extra.message).toMatch(/^the file nests arrays and objects more than 100 levels deep \(at \/nodes\/0\/meta\//);
  });

  it('refuses gates nested 1,000 deep', () => {
    let gate: Record<string, unknown> = { label: 'neg', inputs: ['a'], output: 'm', nodes: [{ id: 'a', op: 'input', value: 0 }, { id: 'm', op: 'neg' }], edges: [{ id: 'e', source: 'a', target: 'm', targetPort: 0 }], nodeIndex: [0, 1], edgeIndex: [0] };
    for (let d = 0; d < 1000; d++) gate = { ...gate, label: `g${d}`, nodes: [{ id: 'a', op: 'input', value: 0 }, { id: 'm', op: 'gate', gate }] };
    const error = refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1 }, { id: 'G', op: 'gate', gate }], [{ id: 'e1', source: 'x', target: 'G', targetPort: 0 }])));
    expect(error.message).toMatch(/^the file nests arrays and objects more than 100 levels deep \(at \/nodes\/1\/gate\/nodes\/1\/gate\/nodes\/1\/…\//);
  });

  it('refuses long and unprintable ids, quoting them short', () => {
    expect(refusal(() => parseGraphValue(file([{ id: 'a'.repeat(100_000), op: 'input', value: 1 }]))).message)
      .toBe(`node 0 id '${'a'.repeat(24)}…${'a'.repeat(8)}' is too long (100,000 characters; ids have at most ${MAX_ID_LENGTH})`);
    expect(parseGraphValue(file([{ id: 'a'.repeat(MAX_ID_LENGTH), op: 'input', value: 1 }])).nodes[0].id).toHaveLength(MAX_ID_LENGTH);
    const newline = refusal(() => parseGraphValue(file([{ id: 'a\nb', op: 'input', value: 1 }])));
    expect(newline.message).toBe("node 0 id 'a\\nb' holds a control character (ids are printable text)");
    expect(newline.place).toEqual({ path: '/nodes/0/id' });
    expect(refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1 }], [{ id: '\u001b[2J', source: 'x', target: 'y', targetPort: 0 }]))).message)
      .toBe("edge 0 id '\\u001b[2J' holds a control character (ids are printable text)");
    expect(refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1 }], [{ id: 'e1', source: 'x', target: 'y'.repeat(5000), targetPort: 0 }]))).message)
      .toMatch(/^edge 'e1' target 'y{24}…y{8}' is too long \(5,000 characters; ids have at most 200\)$/);
  });

  it(`refuses labels over ${MAX_LABEL_LENGTH} characters on nodes, edges and gates`, () => {
    expect(refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1, label: 'L'.repeat(100_000) }]))).message)
      .toBe(`node 'x' has a label that is too long (100,000 characters; labels have at most ${MAX_LABEL_LENGTH})`);
    expect(parseGraphValue(file([{ id: 'x', op: 'input', value: 1, label: 'L'.repeat(MAX_LABEL_LENGTH) }])).nodes[0].label).toHaveLength(MAX_LABEL_LENGTH);
    const edge = refusal(() => parseGraphValue(file([{ id: 'x', op: 'input', value: 1 }, { id: 'n', op: 'neg' }], [{ id: 'e1', source: 'x', target: 'n', targetPort: 0, label: 'L'.repeat(201) }])));
    expect(edge.message).toBe('edge \'e1\' has a label that is too long (201 characters; labels have at most 200)');
    expect(edge.place.path).toBe('/edges/0/label');
  });

  it('names a million-node cycle in one short line', () => {
    const n = 1_000_000;
    const graph: Graph = { nodes: [], edges: [] };
    for (let i = 0; i < n; i++) {
      graph.nodes.push({ id: `n${i}`, op: 'neg' });
      graph.edges.push({ id: `e${i}`, source: `n${i}`, target: `n${(i + 1) % n}`, targetPort: 0 });
    }
    const error = refusal(() => compileProgram(graph));
    expect(error.message).toBe("the graph has a cycle of 1,000,000 nodes: 'n1' → 'n2' → 'n3' → 'n4' → … (999,994 more) … → 'n999999' → 'n0' → 'n1'");
  });
});

describe('expression bounds', () => {
  it(`accepts ${MAX_EXPRESSION_PARENTHESES} nested parentheses and refuses more at the column`, () => {
    const ok = graphFromExpression('('.repeat(MAX_EXPRESSION_PARENTHESES) + 'x' + ')'.repeat(MAX_EXPRESSION_PARENTHESES));
    expect(ok.nodes.map((node) => node.id)).toEqual(['x']);
    expect(refusal(() => graphFromExpression('('.repeat(5000) + 'x' + ')'.repeat(5000))).message)
      .toBe(`expression: parentheses nest more than ${MAX_EXPRESSION_PARENTHESES} deep at column ${MAX_EXPRESSION_PARENTHESES + 1}`);
    expect(refusal(() => graphFromExpression('exp('.repeat(20_000) + 'x' + ')'.repeat(20_000))).message)
      .toBe(`expression: parentheses nest more than ${MAX_EXPRESSION_PARENTHESES} deep at column ${4 * MAX_EXPRESSION_PARENTHESES + 4}`);
  });

  it(`refuses operator trees deeper than ${MAX_EXPRESSION_DEPTH}, but not long sums`, () => {
    const chain = (op: string, n: number): string => Array(n).fill('x').join(op);
    expect(graphFromExpression(chain('-', MAX_EXPRESSION_DEPTH)).nodes).toHaveLength(MAX_EXPRESSION_DEPTH);
    const deep = `expression: operators nest more than ${MAX_EXPRESSION_DEPTH} levels deep; split it or use parentheses to balance it`;
    expect(refusal(() => graphFromExpression(chain('-', MAX_EXPRESSION_DEPTH + 2))).message).toBe(deep);
    expect(refusal(() => graphFromExpression(chain('^', 400))).message).toBe(deep);
    // Deeper still, the parser's own recursion gives out first; the refusal says so just as clearly.
    for (const text of [chain('^', 5000), '-'.repeat(50_000) + 'x']) {
      expect(refusal(() => graphFromExpression(text)).message).toMatch(/^expression: (nested too deeply to read \(at most 64 parentheses and 256 levels of operators\)|operators nest more than 256 levels deep)/);
    }
    const sum = graphFromExpression(chain('+', 20_000));
    expect(sum.nodes).toHaveLength(2);
    expect(sum.edges).toHaveLength(20_000);
  });

  it('refuses several statements and long names in one line', () => {
    expect(refusal(() => graphFromExpression('x;y')).message).toBe('expression: give one expression, not several separated by ; or a new line at column 2');
    expect(refusal(() => graphFromExpression('x\ny')).message).toBe('expression: give one expression, not several separated by ; or a new line at column 2');
    expect(refusal(() => graphFromExpression('a'.repeat(100_000))).message)
      .toBe(`expression: variable '${'a'.repeat(24)}…${'a'.repeat(8)}' is too long (100,000 characters; names have at most ${MAX_ID_LENGTH})`);
    expect(refusal(() => graphFromExpression('x = 3')).message).toBe("expression: unsupported assignment expression 'x = 3'");
  });
});

describe('network memory estimate', () => {
  const nielsen = (): Graph => parseGraph(readFileSync('public/examples/mnist-nielsen.json', 'utf8'));

  it('estimates the Nielsen network from its sizes', () => {
    const spec = compileNetwork(nielsen());
    expect(spec.paramCount).toBe(784 * 30 + 30 + 30 * 10 + 10);
    // 5 float64 copies of 23,860 parameters, plus output and gradient of 784 + 30 + 30 + 10 + 10 values for a batch of 10.
    expect(networkMemoryBytes(spec, 10)).toBe(8 * (5 * 23_860 + 2 * 864 * 10));
    expect(() => checkNetworkMemory(spec, 10, networkMemoryBytes(spec, 10))).not.toThrow();
    expect(() => checkNetworkMemory(spec, 10, networkMemoryBytes(spec, 10) - 1)).toThrow(/the network needs about 1.04 MiB to train, more than the 1.04 MiB gradflow allows; dense 'd1' \(784 → 30 units\) is the largest layer/);
  });

  it('refuses 1e9 and 2^31 units before allocating, naming the layer', () => {
    for (const [units, size] of [[1e9, '29.2 TiB'], [2 ** 31, '62.7 TiB'], [1e300, 'more than any computer has']] as const) {
      const graph = nielsen();
      const dense = graph.nodes.find((n) => n.id === 'd1');
      if (dense === undefined) throw new Error('the example has no d1');
      dense.params = { ...dense.params, units };
      const error = refusal(() => compileNetwork(graph));
      expect(error.message).toMatch(new RegExp(`^the network needs about ${size} to train, more than the 1 GiB gradflow allows; dense 'd1' \\(784 → \\S+ units\\) is the largest layer$`));
      expect(error.place).toEqual({ nodeId: 'd1' });
    }
  });

  it('reads bytes as people do', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(MAX_NETWORK_BYTES)).toBe('1 GiB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
  });
});

describe('IDX checks', () => {
  const images = encodeIdx([3, 2, 2], Uint8Array.from({ length: 12 }, (_, i) => i * 20));

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses a gzip member whose CRC or length does not match its content', () => {
    const gz = gzipSync(images);
    expect(Array.from(parseIdx(gz).data)).toEqual(Array.from(images.subarray(16)));
    const badCrc = gz.slice();
    badCrc[badCrc.length - 8] ^= 1;
    expect(() => parseIdx(badCrc, 'train-images-idx3-ubyte')).toThrow(new RegExp(`^train-images-idx3-ubyte is a broken gzip file: CRC-32 0x${crc32(images).toString(16).padStart(8, '0')} of its content does not match the 0x[0-9a-f]{8} it records$`));
    const badSize = gz.slice();
    badSize[badSize.length - 4] ^= 1;
    expect(() => parseIdx(badSize, 'x')).toThrow(/^x is a broken gzip file/);
  });

  it('refuses a training or test set of 0 images', () => {
    const labels = encodeIdx([3], Uint8Array.of(1, 2, 3));
    const empty = { images: encodeIdx([0, 2, 2], new Uint8Array(0)), labels: encodeIdx([0], new Uint8Array(0)) };
    expect(() => splitFromIdx({ trainImages: images, trainLabels: labels, testImages: empty.images, testLabels: empty.labels }))
      .toThrow(/^t10k-images-idx3-ubyte holds 0 images: each set needs at least one sample$/);
    expect(() => splitFromIdx({ trainImages: empty.images, trainLabels: empty.labels, testImages: images, testLabels: labels }))
      .toThrow(/^train-images-idx3-ubyte holds 0 images/);
    expect(splitFromIdx({ trainImages: images, trainLabels: labels, testImages: images, testLabels: labels }).test.count).toBe(3);
  });
});

describe('every refusal is one bounded printable line (property)', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 190, maxLength: 400 }),
    fc.constantFrom('x', 'y', 'a\nb', '\u001b[2J', '\u009b31m', 'a\u2028b', '__proto__', ''),
  );
  const node = fc.record({
    id: hostile,
    op: fc.oneof(fc.constantFrom('input', 'const', 'neg', 'add', 'max', 'relu', 'gate'), hostile),
    value: fc.oneof(fc.double(), hostile),
    label: hostile,
    params: fc.dictionary(hostile, fc.oneof(fc.integer(), hostile), { maxKeys: 2 }),
  }, { requiredKeys: ['id', 'op'] });
  const edge = fc.record({ id: hostile, source: hostile, target: hostile, targetPort: fc.oneof(fc.nat(3), fc.double()) }, { requiredKeys: ['source', 'target'] });

  it('a file of hostile ids, ops, labels and edges either reads or is refused in one short line', () => {
    fc.assert(fc.property(fc.array(node, { maxLength: 12 }), fc.array(edge, { maxLength: 12 }), (nodes, edges) => {
      try {
        parseGraphValue({ format: 'gradflow.graph', version: 1, nodes, edges });
      } catch (error) {
        expect(error).toBeInstanceOf(GraphError);
        const { message, place } = error as GraphError;
        const shown = message + placeSuffix(message, place);
        expect(shown).not.toMatch(CONTROL);
        expect(message.length, message).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        expect(shown.length, shown).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH + 80);
      }
    }), { numRuns: 400 });
  });
});
