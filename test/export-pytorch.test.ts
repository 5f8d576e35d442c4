// The PyTorch export of networks, run with Debian's PyTorch: initialisation, forward pass, one epoch
// of training, accuracy, and torchrun with two processes, all against gradflow's own numbers.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddedSplit } from '../src/cli/data';
import {
  compileNetwork, createNetwork, createRng, createTrainer, parseGraph, parseGraphValue, predict, toFileValue,
  type DataSplit, type Graph, type Network,
} from '../src/core';
import { networkToPytorch } from '../src/core/export/pytorchNetwork';
import { trainOptionsFrom } from '../src/core/net/defaults';
import { parseCsv } from '../src/core/data/csv';
import { firstSamples, maxDifference, PYTHON, run, SKIP_WITHOUT_TORCH, writeIdxSplit } from './helpers/python';
import { cnnSameGraph } from './helpers/graphs';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

/** tanh and the hinge loss, L2, a batch of 7 (a partial last batch, and 4 + 3 samples across two processes). */
const tanhSvm: Graph = parseGraphValue({
  format: 'gradflow.graph', version: 1,
  nodes: [
    { id: 'x', op: 'samples', params: { size: 784 } },
    { id: 'h', op: 'dense', params: { units: 16, init: 'xavier' } },
    { id: 't', op: 'tanh' },
    { id: 's', op: 'dense', params: { units: 10, init: 'he' } },
    { id: 'L', op: 'svm' },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'h', targetPort: 0 },
    { id: 'e2', source: 'h', target: 't', targetPort: 0 },
    { id: 'e3', source: 't', target: 's', targetPort: 0 },
    { id: 'e4', source: 's', target: 'L', targetPort: 0 },
  ],
  training: { epochs: 1, batchSize: 7, learningRate: 0.05, seed: 5, l2: 0.5 },
});

const cnnSame: Graph = cnnSameGraph({ epochs: 1 });

/** Softplus hidden units with softmax and cross-entropy. */
const softplusNet: Graph = parseGraphValue({
  format: 'gradflow.graph', version: 1,
  nodes: [
    { id: 'x', op: 'samples', params: { size: 784 } },
    { id: 'h', op: 'dense', params: { units: 12, init: 'xavier' } },
    { id: 'sp', op: 'softplus' },
    { id: 'o', op: 'dense', params: { units: 10, init: 'xavier' } },
    { id: 'p', op: 'softmax' },
    { id: 'L', op: 'cross_entropy' },
  ],
  edges: ['x', 'h', 'sp', 'o', 'p', 'L'].slice(1).map((target, k, all) => ({ id: `e${k}`, source: k === 0 ? 'x' : all[k - 1], target, targetPort: 0 })),
  training: { learningRate: 0.5, seed: 2 },
});

/** Reads an exported script as a module and runs a list of tasks in one Python process (PyTorch loads once). */
const DRIVER = `
import importlib.util, json, sys, torch
tasks = json.loads(sys.argv[1])
for task in tasks:
    spec = importlib.util.spec_from_file_location("net_" + str(id(task)), task["script"])
    net = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(net)
    model = net.build()
    if task["kind"] == "init":
        net.save_weights(model, task["out"])
    elif task["kind"] == "forward":
        x = net.load_data(task["data"])[2].view((-1,) + net.INPUT_SHAPE)
        with torch.no_grad():
            out = model(x)
        with open(task["out"], "w") as f:
            json.dump(out.flatten().tolist(), f)
`;

const dir = mkdtempSync(join(tmpdir(), 'gradflow-pytorch-'));
const full = join(dir, 'full');
const small = join(dir, 'small');
let split: DataSplit;
let smallSplit: DataSplit;

/** Writes the script of a graph (with `weights` embedded when given) and returns its path. */
function exportScript(name: string, graph: Graph, weights?: Network): string {
  const spec = compileNetwork(graph);
  const path = join(dir, `${name}.py`);
  writeFileSync(path, networkToPytorch(spec, { training: trainOptionsFrom(graph.training, spec.loss), weights, graphFile: toFileValue(graph), title: name }));
  return path;
}

/**
 * gradflow's own run: the seeded network trained for `epochs` on `data` with the graph's settings, on
 * the float64 kernels (a CNN otherwise trains its conv layers in float32, held to these in conv-f32.test.ts).
 */
function gradflowTrained(graph: Graph, data: DataSplit, epochs = 1): Network {
  const spec = compileNetwork(graph);
  const options = { ...trainOptionsFrom(graph.training, spec.loss), epochs, kernel: 'js' as const };
  const network = createNetwork(spec, createRng(options.seed));
  const trainer = createTrainer(network, data.train, options);
  while (!trainer.step(1e9).done);
  return network;
}

/** Weights and biases of a gradflow weights file, in the network's order. */
function savedParams(path: string): Float64Array[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { layers: { weights: number[]; biases: number[] }[] };
  return file.layers.flatMap((l) => [Float64Array.from(l.weights), Float64Array.from(l.biases)]);
}

const params = (network: Network): Float64Array[] => network.dense.flatMap((d) => [d.weights, d.biases]);

describe.skipIf(SKIP_WITHOUT_TORCH)('PyTorch export of networks, run with PyTorch (float64)', () => {
  beforeAll(() => {
    split = loadEmbeddedSplit();
    smallSplit = { name: 'small', train: firstSamples(split.train, 1500), test: firstSamples(split.test, 300) };
    mkdirSync(full);
    mkdirSync(small);
    writeIdxSplit(full, split);
    writeIdxSplit(small, smallSplit);
  });

  it('build() without weights is gradflow\'s seeded initialisation (normal, He, Xavier; dense and conv2d)', async () => {
    const graphs = { nielsen: example('mnist-nielsen'), modern: example('mnist-modern'), cnn: example('mnist-cnn'), tanhSvm };
    const tasks = Object.entries(graphs).map(([name, graph]) => ({ kind: 'init', script: exportScript(`init-${name}`, graph), out: join(dir, `init-${name}.json`) }));
    const result = await run(PYTHON, ['-c', DRIVER, JSON.stringify(tasks)]);
    expect(result.stderr).toBe('');
    for (const [name, graph] of Object.entries(graphs)) {
      const spec = compileNetwork(graph);
      const network = createNetwork(spec, createRng(trainOptionsFrom(graph.training, spec.loss).seed));
      expect(maxDifference(savedParams(join(dir, `init-${name}.json`)), params(network))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('the exported weights give gradflow\'s outputs on the 2,000 test digits to 1e-9 (sigmoid, ReLU + softmax, softplus, convolutions)', async () => {
    const graphs: Record<string, Graph> = { 'mnist-nielsen': example('mnist-nielsen'), 'mnist-modern': example('mnist-modern'), softplus: softplusNet, 'mnist-cnn': example('mnist-cnn') };
    const tasks = Object.entries(graphs).map(([name, graph]) => {
      const trained = gradflowTrained(graph, smallSplit);
      return { name, trained, kind: 'forward', script: exportScript(`fwd-${name}`, graph, trained), data: full, out: join(dir, `fwd-${name}.json`) };
    });
    const result = await run(PYTHON, ['-c', DRIVER, JSON.stringify(tasks.map(({ name: _n, trained: _t, ...task }) => task))]);
    expect(result.stderr).toBe('');
    for (const task of tasks) {
      const outputs = JSON.parse(readFileSync(task.out, 'utf8')) as number[];
      expect(outputs).toHaveLength(2000 * 10);
      let max = 0;
      for (let i = 0; i < 2000; i++) {
        const input = Float64Array.from(split.test.images.subarray(i * 784, (i + 1) * 784), (v) => v * (1 / 255));
        const p = predict(task.trained, input);
        for (let j = 0; j < 10; j++) max = Math.max(max, Math.abs(p[j] - outputs[i * 10 + j]));
      }
      expect(max, task.name).toBeLessThanOrEqual(1e-9);
    }
  });

  it('one epoch of the script reproduces gradflow\'s trained weights to 1e-9 (Nielsen on 8,000 digits; modern; tanh + SVM + L2; the CNN example with Adam)', async () => {
    const cases = [
      { name: 'nielsen', graph: example('mnist-nielsen'), data: split, folder: full },
      { name: 'modern', graph: example('mnist-modern'), data: smallSplit, folder: small },
      { name: 'tanhSvm', graph: tanhSvm, data: smallSplit, folder: small },
      { name: 'cnn', graph: example('mnist-cnn'), data: smallSplit, folder: small },
    ];
    const runs = await Promise.all(cases.map((c) => run(PYTHON, [exportScript(`epoch-${c.name}`, c.graph), '--data', c.folder, '--epochs', '1', '--save', join(dir, `epoch-${c.name}.json`)])));
    cases.forEach((c, k) => {
      expect(runs[k].stderr, c.name).toBe('');
      expect(runs[k].code, c.name).toBe(0);
      const ours = gradflowTrained(c.graph, c.data);
      const diff = maxDifference(savedParams(join(dir, `epoch-${c.name}.json`)), params(ours));
      expect(diff, c.name).toBeLessThanOrEqual(1e-9);
    });
    // The same epoch line as gradflow train prints for the seeded Nielsen run.
    expect(runs[0].stdout).toBe('Epoch 0: 1520 / 2000\n');
  });

  it('reads CSV as gradflow does (label column, seeded split, standardisation, float32) and reproduces its epoch to 1e-9', async () => {
    // Three features on different scales and text labels; the label column sits in the middle.
    const rng = createRng(21);
    const rows = ['height,label,width,depth'];
    for (let i = 0; i < 240; i++) {
      const k = i % 3;
      rows.push(`${(100 * k + 30 * rng.next()).toFixed(3)},${['ash', 'birch', 'cedar'][k]},${(rng.next() * 0.01 + k * 0.004).toPrecision(6)},${Math.round(rng.next() * 9)}`);
    }
    const csv = join(dir, 'trees.csv');
    writeFileSync(csv, rows.join('\n') + '\n');
    const graph = parseGraphValue({
      format: 'gradflow.graph', version: 1,
      nodes: [
        { id: 'x', op: 'samples', params: { size: 3 } }, { id: 'h', op: 'dense', params: { units: 8, init: 'xavier' } },
        { id: 't', op: 'tanh' }, { id: 'o', op: 'dense', params: { units: 3, init: 'xavier' } }, { id: 'p', op: 'softmax' }, { id: 'L', op: 'cross_entropy' },
      ],
      edges: [['x', 'h'], ['h', 't'], ['t', 'o'], ['o', 'p'], ['p', 'L']].map(([source, target], k) => ({ id: `e${k}`, source, target, targetPort: 0 })),
      training: { epochs: 1, batchSize: 5, learningRate: 0.05, seed: 4, optimizer: 'adam' },
    });
    const data = parseCsv(readFileSync(csv, 'utf8'), { seed: 9, testFraction: 0.25, standardize: true });
    const result = await run(PYTHON, [exportScript('csv', graph), '--data', csv, '--data-seed', '9', '--test-fraction', '0.25', '--standardize', '--save', join(dir, 'csv.json')]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Epoch 0: \d+ \/ 60\n$/);
    expect(maxDifference(savedParams(join(dir, 'csv.json')), params(gradflowTrained(graph, data)))).toBeLessThanOrEqual(1e-9);
  });

  it('the exported script trains the Nielsen example to at least 90% on the embedded digits as IDX files', async () => {
    const result = await run(PYTHON, [exportScript('train-nielsen', example('mnist-nielsen')), '--data', full, '--epochs', '20']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(20);
    const [, correct, total] = /^Epoch 19: (\d+) \/ (\d+)$/.exec(lines[19]) ?? [];
    expect(Number(total)).toBe(2000);
    expect(Number(correct) / 2000).toBeGreaterThanOrEqual(0.9);
  });

  it('torchrun with 2 processes (gloo) runs one epoch, both finish, and matches one process on the same global batches to 1e-9 (convolution, dropout, momentum)', async () => {
    const script = exportScript('ddp-cnnSame', cnnSame);
    const single = join(dir, 'ddp-single.json');
    const double = join(dir, 'ddp-double.json');
    const [one, two] = await Promise.all([
      run(PYTHON, [script, '--data', small, '--save', single]),
      run('/usr/bin/torchrun', ['--redirects', '1', '--tee', '1', '--nproc_per_node', '2', '--master_port', '29517', script, '--data', small, '--save', double], { cwd: dir }),
    ]);
    expect(one.code).toBe(0);
    expect(two.code, two.stderr.slice(-2000)).toBe(0);
    expect(two.stdout).toMatch(/\[default0\]:process 0 of 2 finished 1 epoch/);
    expect(two.stdout).toMatch(/\[default1\]:process 1 of 2 finished 1 epoch/);
    expect(two.stdout).toMatch(/\[default0\]:Epoch 0: \d+ \/ 300/);
    expect(maxDifference(savedParams(double), savedParams(single))).toBeLessThanOrEqual(1e-9);
    // And both are gradflow's own run.
    expect(maxDifference(savedParams(single), params(gradflowTrained(cnnSame, smallSplit)))).toBeLessThanOrEqual(1e-9);
  });
});
