import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainOptions } from '../src/cli/actions/train';
import { compileNetwork, parseGraph } from '../src/core';
import { gradflow } from './helpers/cli';

const toy = join('public', 'examples', 'toy-spiral.json');
const dir = mkdtempSync(join(tmpdir(), 'gradflow-csv-'));

/** Two blobs in 3 features, label column last: a CSV a small network separates. */
function blobs(): string {
  const rows = ['a,b,c,label'];
  for (let i = 0; i < 60; i++) {
    const k = i % 2;
    rows.push(`${(k * 4 + Math.sin(i)).toFixed(3)},${(Math.cos(i * 1.3) + k * 2).toFixed(3)},${(i % 5) / 5},${k}`);
  }
  return rows.join('\n');
}

describe('gradflow train on your own data (child process)', () => {
  it('trains the toy network on --data toy:xor with Adam from the file', async () => {
    const r = await gradflow('train', toy, '--data', 'toy:xor', '--epochs', '30', '--noise', '0.1', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { epochs: { testAccuracy: number; total: number }[] };
    expect(out.epochs).toHaveLength(30);
    expect(out.epochs[29].total).toBe(100);
    expect(out.epochs[29].testAccuracy).toBeGreaterThan(0.9);
  });

  it('trains on a CSV file with a seeded split and standardisation', async () => {
    const file = join(dir, 'blobs.csv');
    writeFileSync(file, blobs());
    // The toy network with three inputs: one per CSV feature.
    const three = JSON.parse(readFileSync(toy, 'utf8')) as { nodes: { id: string; params?: Record<string, unknown> }[] };
    three.nodes[0].params = { size: 3 };
    const graphFile = join(dir, 'three-inputs.json');
    writeFileSync(graphFile, JSON.stringify(three));
    const r = await gradflow('train', graphFile, '--data', file, '--test-fraction', '0.25', '--standardize', '--epochs', '20', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { epochs: { testAccuracy: number; total: number }[] };
    expect(out.epochs[19].total).toBe(15);
    expect(out.epochs[19].testAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('says in one line what is wrong with a CSV, an unknown toy set or a bad optimiser', async () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'x,y,label\n1,2,0\n3,4\n');
    const bad = [
      [['--data', ragged], 'ragged.csv: row 3 has 2 values but the header has 3'],
      [['--data', 'toy:moons'], "--data toy:moons: unknown toy set 'moons' (toy:circle, toy:xor, toy:gaussians, toy:spiral)"],
      [['--data', 'toy:xor', '--optimizer', 'rmsprop'], '--optimizer "rmsprop": expected one of sgd, momentum, adam'],
      [['--data', 'toy:xor', '--momentum', '1.2'], '--momentum "1.2": expected a number from 0 up to (not including) 1'],
    ] as const;
    for (const [args, message] of bad) {
      const r = await gradflow('train', toy, ...args, '--epochs', '1');
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    }
    const three = join(dir, 'three.csv');
    writeFileSync(three, 'x,y,label\n1,2,0\n3,4,1\n5,6,2\n7,8,0\n9,1,1\n');
    const r = await gradflow('train', toy, '--data', three, '--test-fraction', '0', '--epochs', '1');
    expect(r.stderr).toMatch(/three\.csv: row 4: label 2 is beyond the network's 2 outputs \(classes 0\.\.1\)/);
  });
});

describe('optimiser flags over the file', () => {
  const graph = parseGraph(JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'x', op: 'samples', params: { size: 2 } }, { id: 'd', op: 'dense', params: { units: 2 } }, { id: 'C', op: 'svm' }], edges: [{ id: 'e1', source: 'x', target: 'd', targetPort: 0 }, { id: 'e2', source: 'd', target: 'C', targetPort: 0 }], training: { optimizer: 'adam', beta1: 0.8 } }));
  const spec = compileNetwork(graph);
  it('keeps the file\'s optimiser and its hyper-parameters unless a flag says otherwise', () => {
    expect(trainOptions({ data: 'mnist' }, graph, spec).optimizer).toEqual({ kind: 'adam', beta1: 0.8, beta2: 0.999, epsilon: 1e-8 });
    expect(trainOptions({ data: 'mnist', optimizer: 'sgd' }, graph, spec).optimizer).toEqual({ kind: 'sgd' });
    expect(trainOptions({ data: 'mnist', optimizer: 'momentum' }, graph, spec).optimizer).toEqual({ kind: 'momentum', momentum: 0.9 });
    expect(trainOptions({ data: 'mnist', momentum: '0.5' }, graph, spec).optimizer).toEqual({ kind: 'momentum', momentum: 0.5 });
    expect(() => trainOptions({ data: 'mnist', optimizer: 'adam', momentum: '0.5' }, graph, spec)).toThrow('--momentum applies to --optimizer momentum, not adam');
  });
});
