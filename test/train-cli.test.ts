import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileNetwork, createNetwork, createRng, createTrainer, encodeIdx, evaluateNetwork, parseGraph, parseWeights, splitFromIdx, trainOptionsFrom,
} from '../src/core';
import { loadEmbeddedSplit } from '../src/cli/data';
import { gradflow } from './helpers/cli';
import { run } from './helpers/python';

/** A small IDX folder cut from the embedded split: 600 training and 100 test digits. */
function smallDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradflow-train-'));
  const { train, test } = loadEmbeddedSplit();
  const cut = (images: Uint8Array | Float32Array, n: number): Uint8Array => Uint8Array.from(images.subarray(0, n * 784));
  writeFileSync(join(dir, 'train-images-idx3-ubyte'), encodeIdx([600, 28, 28], cut(train.images, 600)));
  writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx([600], train.labels.slice(0, 600)));
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), encodeIdx([100, 28, 28], cut(test.images, 100)));
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([100], test.labels.slice(0, 100)));
  return dir;
}

describe('gradflow train (child process)', () => {
  const dir = smallDataDir();
  const nielsen = join('public', 'examples', 'mnist-nielsen.json');

  it('prints "Epoch k: correct / total" per epoch, as network.py', async () => {
    const r = await gradflow('train', nielsen, '--epochs', '2', '--data', dir);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    lines.forEach((line, k) => expect(line).toMatch(new RegExp(`^Epoch ${k}: \\d+ / 100$`)));
    // 600 digits, two epochs of N(0,1) sigmoid units: learning has begun (chance is 10 of 100).
    expect(Number(/: (\d+) \//.exec(lines[1])?.[1])).toBeGreaterThan(25);
  });

  it('--json prints exactly the documented shape, and --save writes weights that reproduce the accuracy', async () => {
    const weights = join(dir, 'w.json');
    const r = await gradflow('train', nielsen, '--epochs', '2', '--batch-size', '20', '--lr', '2.5', '--seed', '4', '--data', dir, '--json', '--save', weights);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { epochs: Record<string, number>[]; samplesPerSecond: number };
    expect(Object.keys(out)).toEqual(['epochs', 'samplesPerSecond']);
    expect(out.epochs).toHaveLength(2);
    for (const [k, e] of out.epochs.entries()) {
      expect(Object.keys(e)).toEqual(['epoch', 'trainLoss', 'testAccuracy', 'correct', 'total', 'seconds']);
      expect(e.epoch).toBe(k);
      expect(e.total).toBe(100);
      expect(e.testAccuracy).toBe(e.correct / 100);
      expect(e.trainLoss).toBeGreaterThan(0);
      expect(e.seconds).toBeGreaterThan(0);
    }
    expect(out.samplesPerSecond).toBeGreaterThan(0);
    const saved = readFileSync(weights, 'utf8');
    const graph = parseGraph(JSON.stringify((JSON.parse(saved) as { graph: unknown }).graph));
    const network = parseWeights(saved, compileNetwork(graph));
    const test = splitFromIdx({
      trainImages: readFileSync(join(dir, 'train-images-idx3-ubyte')), trainLabels: readFileSync(join(dir, 'train-labels-idx1-ubyte')),
      testImages: readFileSync(join(dir, 't10k-images-idx3-ubyte')), testLabels: readFileSync(join(dir, 't10k-labels-idx1-ubyte')),
    }).test;
    expect(evaluateNetwork(network, test).correct).toBe(out.epochs[1].correct);
  });

  it('--float64 trains the CNN on the float64 path: the weights the API gives with kernel "js", not the float32 ones', async () => {
    const cnn = join('public', 'examples', 'mnist-cnn.json');
    const [exact, fast] = [join(dir, 'cnn64.json'), join(dir, 'cnn32.json')];
    const runs = await Promise.all([
      gradflow('train', cnn, '--epochs', '1', '--data', dir, '--float64', '--save', exact),
      gradflow('train', cnn, '--epochs', '1', '--data', dir, '--save', fast),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const graph = parseGraph(readFileSync(cnn, 'utf8'));
    const spec = compileNetwork(graph);
    const data = splitFromIdx({
      trainImages: readFileSync(join(dir, 'train-images-idx3-ubyte')), trainLabels: readFileSync(join(dir, 'train-labels-idx1-ubyte')),
      testImages: readFileSync(join(dir, 't10k-images-idx3-ubyte')), testLabels: readFileSync(join(dir, 't10k-labels-idx1-ubyte')),
    });
    const options = { ...trainOptionsFrom(graph.training, spec.loss), epochs: 1, kernel: 'js' as const };
    const reference = createNetwork(spec, createRng(options.seed));
    const trainer = createTrainer(reference, data.train, options);
    while (!trainer.step(1e9).done);
    const [w64, w32] = [exact, fast].map((file) => parseWeights(readFileSync(file, 'utf8'), spec));
    // Bit for bit on the float64 path; float32 rounding moves the other run's weights.
    expect(Array.from(w64.dense[1].weights)).toEqual(Array.from(reference.dense[1].weights));
    expect(Array.from(w64.dense[2].biases)).toEqual(Array.from(reference.dense[2].biases));
    expect(Array.from(w32.dense[1].weights)).not.toEqual(Array.from(reference.dense[1].weights));
  });

  it('the same seed gives the same result in two processes (other seeds: test/train-accuracy.test.ts)', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => gradflow('train', nielsen, '--epochs', '1', '--seed', '9', '--data', dir, '--json')));
    const loss = (r: { stdout: string }): number => (JSON.parse(r.stdout) as { epochs: { trainLoss: number }[] }).epochs[0].trainLoss;
    expect(loss(a)).toBe(loss(b));
    expect(loss(a)).toBeGreaterThan(0);
  });

  // The bar only draws on a terminal: util-linux `script` gives the command one, stdout goes to a file.
  it.skipIf(!existsSync('/usr/bin/script') && !process.env.CI)('draws a progress bar with samples per second on stderr, keeping stdout to the epoch lines', async () => {
    const out = join(dir, 'stdout.txt');
    const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
    const command = [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'train', nielsen, '--epochs', '2', '--data', dir].map(quote).join(' ') + ` > ${quote(out)}`;
    const { stdout: terminal } = await run('/usr/bin/script', ['-qec', command, '/dev/null']);
    // Frames between carriage returns and escape sequences (ESC shown as '~' to keep control characters out of the pattern).
    const frames = terminal.replaceAll(String.fromCharCode(27), '~').split(/\r|\n|~\[[0-9;?]*[A-Za-z]|~[78]/).filter((f) => f.trim() !== '');
    const bars = frames.filter((f) => /^epoch [12]\/2 \|[=-]{40}\| \d+% /.test(f));
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars.some((f) => /^epoch 2\/2 \|={40}\| 100% [\d,]+ samples\/s$/.test(f))).toBe(true);
    expect(terminal).not.toMatch(/Epoch \d:/);
    expect(readFileSync(out, 'utf8')).toMatch(/^Epoch 0: \d+ \/ 100\nEpoch 1: \d+ \/ 100\n$/);
  });

  it('bad flags and files: exit 2 with one line', async () => {
    const badGraph = join(dir, 'bad.json');
    writeFileSync(badGraph, JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'samples' }, { id: 'd1', op: 'dense', params: { units: 7 } }, { id: 'c', op: 'mse' }],
      edges: [{ id: 'a', source: 'x', target: 'd1', targetPort: 0 }, { id: 'b', source: 'd1', target: 'c', targetPort: 0 }],
    }));
    const small = join(dir, 'small.json');
    writeFileSync(small, JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'samples', params: { size: 100 } }, { id: 'd1', op: 'dense', params: { units: 10 } }, { id: 'c', op: 'svm' }],
      edges: [{ id: 'a', source: 'x', target: 'd1', targetPort: 0 }, { id: 'b', source: 'd1', target: 'c', targetPort: 0 }],
    }));
    const cases: [string[], RegExp][] = [
      [['train', nielsen, '--epochs', '0', '--data', dir], /--epochs "0": expected a whole number >= 1/],
      [['train', nielsen, '--batch-size', '1.5', '--data', dir], /--batch-size "1.5"/],
      [['train', nielsen, '--lr', '-1', '--data', dir], /--lr "-1": expected a positive number/],
      [['train', nielsen, '--data', join(dir, 'missing')], /no such folder/],
      [['train', join(dir, 'nope.json')], /cannot read/],
      [['train', badGraph, '--data', dir], /dense 'd1' gives 7 outputs but the loss needs 10/],
      [['train', small, '--data', dir], /size 100 but .* images have 784 pixels/],
      [['train', nielsen, '--bogus'], /unknown option/],
    ];
    const results = await Promise.all(cases.map(([args]) => gradflow(...args)));
    results.forEach((r, k) => {
      expect(r.code, cases[k][0].join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(cases[k][1]);
    });
  });
});
