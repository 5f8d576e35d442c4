// The command line on hostile input: every refusal is exit code 2 and one short printable line naming
// the file and the place; every graph `check` accepts, `eval` prints.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../src/core';
import { MAX_MESSAGE_LENGTH } from '../src/core/graph/quote';
import { gradflow, type Run } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'gradflow-cli-limits-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const graphFile = (name: string, nodes: unknown[], edges: unknown[] = []): string =>
  write(name, JSON.stringify({ format: 'gradflow.graph', version: 1, nodes, edges }));

/** A chain x -> neg -> neg -> … of `n` nodes. */
function chain(n: number): { nodes: unknown[]; edges: unknown[] } {
  const nodes: unknown[] = [{ id: 'x', op: 'input', value: 1 }];
  const edges: unknown[] = [];
  for (let i = 1; i < n; i++) {
    nodes.push({ id: `n${i}`, op: 'neg' });
    edges.push({ id: `e${i}`, source: i === 1 ? 'x' : `n${i - 1}`, target: `n${i}`, targetPort: 0 });
  }
  return { nodes, edges };
}

/** The Nielsen network with a first dense layer of `units` units. */
function wideNetwork(name: string, units: number): string {
  return graphFile(name, [
    { id: 's', op: 'samples', params: { size: 784 } }, { id: 'd1', op: 'dense', params: { units } }, { id: 'a1', op: 'sigmoid' },
    { id: 'd2', op: 'dense', params: { units: 10 } }, { id: 'a2', op: 'sigmoid' }, { id: 'loss', op: 'mse' },
  ], ['s', 'd1', 'a1', 'd2', 'a2', 'loss'].slice(1).map((target, k, all) => ({ id: `e${k}`, source: k === 0 ? 's' : all[k - 1], target, targetPort: 0 })));
}

/** A folder of the four IDX files (gzip), 20 training and `testCount` test images; `damage` may change a file's bytes. */
function idxDir(name: string, testCount: number, damage: (file: string, bytes: Uint8Array) => void = () => undefined): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  const images = (n: number): Uint8Array => Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);
  const labels = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 10);
  const parts: [string, Uint8Array][] = [
    ['train-images-idx3-ubyte', encodeIdx([20, 28, 28], images(20))], ['train-labels-idx1-ubyte', encodeIdx([20], labels(20))],
    ['t10k-images-idx3-ubyte', encodeIdx([testCount, 28, 28], images(testCount))], ['t10k-labels-idx1-ubyte', encodeIdx([testCount], labels(testCount))],
  ];
  for (const [file, bytes] of parts) {
    const gz = gzipSync(bytes);
    damage(file, gz);
    writeFileSync(join(folder, `${file}.gz`), gz);
  }
  return folder;
}

/** Gates nested `depth` deep, each holding the next. */
function nestedGates(depth: number): string {
  let gate: Record<string, unknown> = { label: 'neg', inputs: ['a'], output: 'm', nodes: [{ id: 'a', op: 'input', value: 0 }, { id: 'm', op: 'neg' }], edges: [{ id: 'e', source: 'a', target: 'm', targetPort: 0 }], nodeIndex: [0, 1], edgeIndex: [0] };
  for (let d = 0; d < depth; d++) gate = { ...gate, label: `g${d}`, nodes: [{ id: 'a', op: 'input', value: 0 }, { id: 'm', op: 'gate', gate }] };
  return graphFile('gates.json', [{ id: 'x', op: 'input', value: 1 }, { id: 'G', op: 'gate', gate }], [{ id: 'e1', source: 'x', target: 'G', targetPort: 0 }]);
}

const files: Record<string, string> = {};
const runs: Record<string, Promise<Run>> = {};
const CHAIN = 150_000;
const CYCLE = 100_000;

beforeAll(() => {
  const long = chain(CHAIN);
  files.chain = graphFile('chain.json', long.nodes, long.edges);
  files.deepValue = write('deep-value.json', `{"format":"gradflow.graph","version":1,"nodes":[{"id":"x","op":"input","value":${'['.repeat(10_000)}1${']'.repeat(10_000)}}],"edges":[]}`);
  files.gates = nestedGates(1000);
  files.newline = graphFile('newline.json', [{ id: 'a\nb', op: 'input', value: 1 }]);
  files.escape = graphFile('escape.json', [{ id: 'x', op: 'input', value: 1 }, { id: '\u001b]0;owned\u0007\u001b[2J', op: 'neg' }], [{ id: 'e1', source: 'x', target: 'y', targetPort: 0 }]);
  files.longId = graphFile('long-id.json', [{ id: 'a'.repeat(100_000), op: 'input', value: 1 }]);
  files.longLabel = graphFile('long-label.json', [{ id: 'x', op: 'input', value: 1, label: 'L'.repeat(100_000) }]);
  const ring = { nodes: [] as unknown[], edges: [] as unknown[] };
  for (let i = 0; i < CYCLE; i++) {
    ring.nodes.push({ id: `n${i}`, op: 'neg' });
    ring.edges.push({ id: `e${i}`, source: `n${i}`, target: `n${(i + 1) % CYCLE}`, targetPort: 0 });
  }
  files.cycle = graphFile('cycle.json', ring.nodes, ring.edges);

  runs.chainEval = gradflow('eval', files.chain);
  runs.chainCheck = gradflow('check', files.chain);
  runs.deepValue = gradflow('eval', files.deepValue);
  runs.gates = gradflow('check', files.gates);
  runs.parens = gradflow('eval', '--expr', '('.repeat(5000) + 'x' + ')'.repeat(5000));
  runs.exps = gradflow('eval', '--expr', 'exp('.repeat(20_000) + 'x' + ')'.repeat(20_000));
  runs.statements = gradflow('eval', '--expr', 'x;y');
  runs.newline = gradflow('eval', files.newline);
  runs.escape = gradflow('eval', files.escape);
  runs.longId = gradflow('check', files.longId);
  runs.longLabel = gradflow('eval', files.longLabel);
  runs.cycle = gradflow('eval', files.cycle);

  files.units1e9 = wideNetwork('units-1e9.json', 1e9);
  files.units2p31 = wideNetwork('units-2p31.json', 2 ** 31);
  runs.units1e9 = gradflow('train', files.units1e9, '--epochs', '1');
  runs.units2p31 = gradflow('landscape', files.units2p31);
  files.nielsen = 'public/examples/mnist-nielsen.json';
  files.badCrc = idxDir('bad-crc', 10, (file, gz) => {
    // The CRC-32 is the trailer's first 4 bytes; the deflated content stays intact.
    if (file === 'train-images-idx3-ubyte') gz[gz.length - 8] ^= 0xff;
  });
  files.noTest = idxDir('no-test', 0);
  runs.badCrc = gradflow('train', files.nielsen, '--epochs', '1', '--data', files.badCrc);
  runs.noTest = gradflow('train', files.nielsen, '--epochs', '1', '--data', files.noTest);
}, 60_000);

/** Exit 2, nothing on stdout, and exactly `gradflow: <message>` on one bounded line without control characters. */
async function refused(run: Promise<Run>, message: string | RegExp): Promise<void> {
  const { code, stdout, stderr } = await run;
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex -- no raw control character may reach the terminal
  expect(line.length).toBeLessThanOrEqual('gradflow: '.length + MAX_MESSAGE_LENGTH);
  if (typeof message === 'string') expect(line).toBe(`gradflow: ${message}`);
  else expect(line).toMatch(message);
}

describe('gradflow eval prints what check accepts', () => {
  it(`prints a ${CHAIN.toLocaleString('en-US')}-node chain as tables`, async () => {
    const check = await runs.chainCheck;
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/all 1 inputs agree/);
    const { code, stdout, stderr } = await runs.chainEval;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    // 149,999 negations of 1: the output is -1 and so is d out / d x.
    expect(lines[0]).toBe(`n${CHAIN - 1} = -1`);
    // Single lines compared, so a failure does not print 300,000 of them.
    expect(lines[3]).toBe('x        input  1      -1');
    expect(lines.at(-2)).toMatch(new RegExp(`^e${CHAIN - 1} +n${CHAIN - 2} +n${CHAIN - 1}\\[0\\] +1 +-1 +-1$`));
    // Title, blank, node header and rows, blank, edge header and rows, final newline.
    expect(lines.length).toBe(1 + 1 + 1 + CHAIN + 1 + 1 + (CHAIN - 1) + 1);
  });
});

describe('deep input is refused with its limit', () => {
  it('a value nested 10,000 arrays deep', async () => {
    await refused(runs.deepValue, `${files.deepValue}: the file nests arrays and objects more than 100 levels deep (at /nodes/0/value/0/0/0/0/0/…/0/0/0)`);
  });

  it('gates nested 1,000 deep', async () => {
    await refused(runs.gates, new RegExp(`^gradflow: ${files.gates}: the file nests arrays and objects more than 100 levels deep \\(at /nodes/1/gate/nodes/1/gate/nodes/1/…/[a-z0-9/]+\\)$`));
  });

  it('5,000 parentheses and 20,000 nested exp( in --expr', async () => {
    await refused(runs.parens, 'expression: parentheses nest more than 64 deep at column 65');
    await refused(runs.exps, 'expression: parentheses nest more than 64 deep at column 260');
  });
});

describe('messages are one short line', () => {
  it('several statements in --expr', async () => {
    await refused(runs.statements, 'expression: give one expression, not several separated by ; or a new line at column 2');
  });

  it('an id with a newline, and one holding terminal escape sequences, print escaped', async () => {
    await refused(runs.newline, `${files.newline}: node 0 id 'a\\nb' holds a control character (ids are printable text) (at /nodes/0/id)`);
    await refused(runs.escape, `${files.escape}: node 1 id '\\u001b]0;owned\\u0007\\u001b[2J' holds a control character (ids are printable text) (at /nodes/1/id)`);
  });

  it('a 100,000-character id is quoted by its first and last characters', async () => {
    await refused(runs.longId, `${files.longId}: node 0 id '${'a'.repeat(24)}…${'a'.repeat(8)}' is too long (100,000 characters; ids have at most 200) (at /nodes/0/id)`);
  });

  it('a 100,000-character label', async () => {
    await refused(runs.longLabel, `${files.longLabel}: node 'x' has a label that is too long (100,000 characters; labels have at most 200) (at /nodes/0/label)`);
  });

  it(`a ${CYCLE.toLocaleString('en-US')}-node cycle`, async () => {
    await refused(runs.cycle, `${files.cycle}: the graph has a cycle of 100,000 nodes: 'n1' → 'n2' → 'n3' → 'n4' → … (99,994 more) … → 'n99999' → 'n0' → 'n1' (at /nodes/1)`);
  });
});

describe('sizes are checked against memory before allocating', () => {
  it('dense units of 1e9 and 2^31 are refused at once, naming the layer', async () => {
    await refused(runs.units1e9, `${files.units1e9}: the network needs about 29.2 TiB to train, more than the 1 GiB gradflow allows; dense 'd1' (784 → 1,000,000,000 units) is the largest layer (at /nodes/1)`);
    await refused(runs.units2p31, `${files.units2p31}: the network needs about 62.7 TiB to train, more than the 1 GiB gradflow allows; dense 'd1' (784 → 2,147,483,648 units) is the largest layer (at /nodes/1)`);
  });
});

describe('IDX data is checked before training', () => {
  it('a .gz whose CRC does not match its content', async () => {
    await refused(runs.badCrc, new RegExp(`^gradflow: --data ${files.badCrc}: train-images-idx3-ubyte is a broken gzip file: CRC-32 0x[0-9a-f]{8} of its content does not match the 0x[0-9a-f]{8} it records$`));
  });

  it('a test set of 0 images', async () => {
    await refused(runs.noTest, `--data ${files.noTest}: t10k-images-idx3-ubyte holds 0 images: each set needs at least one sample`);
  });
});
