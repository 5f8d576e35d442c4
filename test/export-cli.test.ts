// `gradflow export --format …` and `gradflow import`, run as a user runs them.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork, createNetwork, createRng, parseGraph, parseWeights, serializeWeights } from '../src/core';
import { gradflow, type Run } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'gradflow-export-cli-'));
const nielsen = 'public/examples/mnist-nielsen.json';
const weights = join(dir, 'w.json');
const runs: Record<string, Promise<Run>> = {};

beforeAll(() => {
  const spec = compileNetwork(parseGraph(readFileSync(nielsen, 'utf8')));
  writeFileSync(weights, serializeWeights(createNetwork(spec, createRng(3))));
  runs.pytorch = gradflow('export', nielsen, '--format', 'pytorch', '-o', join(dir, 'net.py'));
  runs.onnxRoundTrip = gradflow('export', nielsen, '--format', 'onnx', '--weights', weights, '-o', join(dir, 'm.onnx'))
    .then((exported) => (exported.code !== 0 ? exported : gradflow('import', join(dir, 'm.onnx'), '-o', join(dir, 'g.json'), '--weights-out', join(dir, 'w2.json'))));
  runs.python = gradflow('export', 'public/examples/xyz.json', '--format', 'python');
  runs.refusals = Promise.all([
    gradflow('export', nielsen, '--format', 'onnx', '-o', join(dir, 'x.onnx')),
    gradflow('export', 'public/examples/xyz.json', '--format', 'onnx', '-o', join(dir, 'y.onnx')),
    gradflow('export', nielsen, '--format', 'python'),
    gradflow('export', nielsen, '--format', 'keras'),
    gradflow('import', nielsen),
  ]).then((all) => ({ code: 0, stdout: JSON.stringify(all), stderr: '' }));
});

describe('gradflow export --format', () => {
  it('pytorch writes the network as an nn.Module with the graph\'s training settings', async () => {
    const { code, stderr } = await runs.pytorch;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const script = readFileSync(join(dir, 'net.py'), 'utf8');
    expect(script).toContain('class Net(nn.Module):');
    expect(script).toContain('("d1", nn.Linear(784, 30)),  # dense \'d1\': 784 -> 30, normal init');
    expect(script).toContain('("s2", nn.Sigmoid()),');
    expect(script).toMatch(/^EPOCHS = 30$/m);
    expect(script).toMatch(/^BATCH_SIZE = 10$/m);
    expect(script).toMatch(/^LEARNING_RATE = 3\.0$/m);
    expect(script).toMatch(/^WEIGHTS = None$/m);
  });

  it('onnx writes a model that import reads back as the same network with its weights (float32)', async () => {
    const { code, stderr } = await runs.onnxRoundTrip;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const graph = parseGraph(readFileSync(join(dir, 'g.json'), 'utf8'));
    const spec = compileNetwork(graph);
    expect(spec.summary).toEqual(compileNetwork(parseGraph(readFileSync(nielsen, 'utf8'))).summary);
    const back = parseWeights(readFileSync(join(dir, 'w2.json'), 'utf8'), spec);
    const original = parseWeights(readFileSync(weights, 'utf8'), spec);
    let max = 0;
    back.dense.forEach((d, k) => d.weights.forEach((w, i) => { max = Math.max(max, Math.abs(w - original.dense[k].weights[i])); }));
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThan(1e-6);
  });

  it('python prints a plain-Python script of a scalar graph on stdout', async () => {
    const { code, stdout } = await runs.python;
    expect(code).toBe(0);
    expect(stdout).toContain('f = mul(q, z)  # mul \'f\'');
    expect(stdout).toContain('backward(f)');
  });

  it('refuses what a format cannot hold, with one line and exit code 2', async () => {
    const all = JSON.parse((await runs.refusals).stdout) as Run[];
    expect(all.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(all.map((r) => r.stderr)).toEqual([
      'gradflow: --format onnx needs --weights (a file written by gradflow train --save)\n',
      'gradflow: --format onnx is for a trained network (a layered graph with --weights); this graph is scalar\n',
      'gradflow: --format python is for scalar graphs; export a network with --format pytorch\n',
      'gradflow: --format "keras": expected graph, pytorch, python or onnx\n',
      expect.stringMatching(/^gradflow: public\/examples\/mnist-nielsen\.json: not an ONNX model: .+\n$/),
    ]);
    expect(existsSync(join(dir, 'x.onnx'))).toBe(false);
  });
});
