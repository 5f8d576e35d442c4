// Training speed of the CNN example (1x28x28 -> conv 8 5x5 -> relu -> pool -> conv 16 5x5 -> relu -> pool
// -> dense 10 -> softmax -> cross-entropy, Adam 0.003, batch 32) on the embedded 8,000 digits: gradflow
// against TensorFlow.js (cpu and wasm backends, model.fit) and PyTorch on one CPU thread, in the same run.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { compileNetwork, createNetwork, createRng, createTrainer, trainOptionsFrom, type DataSplit } from '../src/core';
import { loadEmbeddedSplit } from '../src/cli/data';
import { exampleGraph, median, runPeer, timeEpochs, writePeerData, type PeerRun } from './peers';


/** Epochs timed for gradflow and PyTorch (each well under a second): five, so the median of the last four steadies on a shared machine. */
const EPOCHS = 5;

/** gradflow: epoch times of the example with its own settings. */
function gradflowEpochs(data: DataSplit, epochs: number): PeerRun {
  const graph = exampleGraph('mnist-cnn');
  const spec = compileNetwork(graph);
  const network = createNetwork(spec, createRng(1));
  const trainer = createTrainer(network, data.train, { ...trainOptionsFrom(graph.training, spec.loss), epochs });
  return timeEpochs(network, trainer, data, epochs);
}

/** The same network in TensorFlow.js, model.fit one epoch at a time on the first `count` training digits. */
async function tfEpochs(backend: string, data: DataSplit, epochs: number, count: number): Promise<PeerRun> {
  await tf.setBackend(backend);
  await tf.ready();
  const toTensors = (d: DataSplit['train'], n: number): [tf.Tensor4D, tf.Tensor2D] => {
    const x = new Float32Array(n * 784);
    for (let i = 0; i < x.length; i++) x[i] = d.images[i] / 255;
    return [tf.tensor4d(x, [n, 28, 28, 1]), tf.oneHot(tf.tensor1d(Array.from(d.labels.subarray(0, n)), 'int32'), 10).toFloat() as tf.Tensor2D];
  };
  const [xs, ys] = toTensors(data.train, count);
  const [tx, ty] = toTensors(data.test, data.test.count);
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy' });
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < epochs; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await model.fit(xs, ys, { batchSize: 32, epochs: 1, shuffle: true, verbose: 0 });
    // Scaled to a whole epoch of the training set when timed on part of it.
    times.push(((performance.now() - t0) * data.train.count) / count);
    cpu.push(((process.cpuUsage(c0).user / 1000) * data.train.count) / count);
  }
  const predicted = (model.predict(tx) as tf.Tensor2D).argMax(1);
  const accuracy = (await predicted.equal(ty.argMax(1)).sum().data())[0] / data.test.count;
  tf.dispose([xs, ys, tx, ty, predicted]);
  model.dispose();
  return { times, cpu, accuracy };
}

/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so model.fit cannot train a conv net on it.
 * It has the 3-D one, Conv3DBackpropFilterV2, native like the rest: the 2-D filter gradient is that kernel
 * on depth-1 volumes (same data, shapes viewed with a depth of 1), which this registers for the wasm backend.
 * Stride 1 only (the CNN example's): at stride 2 that 3-D kernel's filter gradient is wrong (it differs from
 * tfjs-cpu and from a direct sum by about 3 on a 9x9 input), so other strides refuse.
 */
function registerWasmConv2DBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, filterShape, dataFormat } = attrs as unknown as { strides: [number, number] | number; pad: 'valid' | 'same' | number; filterShape: number[]; dataFormat: string };
      if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm: ${dataFormat} is not supported`);
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      if (sh !== 1 || sw !== 1) throw new Error(`Conv2DBackpropFilter on wasm: stride ${sh}x${sw} is not supported (only 1)`);
      const depth1 = (t: tf.TensorInfo): tf.TensorInfo => ({ ...t, shape: [t.shape[0], 1, ...t.shape.slice(1)] });
      const dw = conv3d.kernelFunc({
        inputs: { x: depth1(x), dy: depth1(dy) },
        backend,
        attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
      }) as tf.TensorInfo;
      return { ...dw, shape: filterShape };
    },
  });
}

/** Largest gap between the filter gradients of a padded conv on the wasm and cpu backends (checks the kernel above). */
async function wasmFilterGradientGap(): Promise<number> {
  const rng = createRng(7);
  const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.next() - 0.5);
  const x = values(2 * 9 * 9 * 3);
  const f = values(3 * 3 * 3 * 4);
  const grad = async (backend: string): Promise<Float32Array> => {
    await tf.setBackend(backend);
    const g = tf.tidy(() => tf.grad((w: tf.Tensor) => tf.conv2d(tf.tensor4d(x, [2, 9, 9, 3]), w as tf.Tensor4D, 1, 'same').square().sum())(tf.tensor4d(f, [3, 3, 3, 4])));
    const out = (await g.data()) as Float32Array;
    g.dispose();
    return out;
  };
  const a = await grad('wasm');
  const b = await grad('cpu');
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);
}

/** A peer's run, or why it could not run. */
async function attempt<T>(run: () => Promise<T>): Promise<T | string> {
  try {
    return await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Prints epoch times of gradflow, tfjs-cpu, tfjs-wasm and PyTorch (1 thread) on the CNN example, and the ratios. */
export async function run(): Promise<void> {
  const data = loadEmbeddedSplit();
  console.log(`\ncnn: mnist-cnn.json (conv 8x5x5, pool, conv 16x5x5, pool, dense 10, Adam 0.003, batch 32), ${data.train.count} training digits; median epoch after the first`);
  const ours = gradflowEpochs(data, EPOCHS);
  console.log(`  gradflow: epochs of ${ours.times.map((t) => t.toFixed(0)).join(', ')} ms (CPU ${ours.cpu.map((t) => t.toFixed(0)).join(', ')} ms)`);
  // The closest peer right after gradflow, so that both meet the same load on a shared machine.
  const torch = runPeer('cnn_torch.py', writePeerData(data), EPOCHS);
  if (typeof torch !== 'string') console.log(`  PyTorch: epochs of ${torch.times.map((t) => t.toFixed(0)).join(', ')} ms (CPU ${torch.cpu.map((t) => t.toFixed(0)).join(', ')} ms)`);
  const require = createRequire(import.meta.url);
  setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  // One thread, as gradflow and the PyTorch peer.
  setThreadsCount(1);
  registerWasmConv2DBackpropFilter();
  const gap = await attempt(wasmFilterGradientGap);
  console.log(`  tfjs-wasm 4.22 has no Conv2DBackpropFilter kernel: its Conv3DBackpropFilterV2 kernel on depth-1 volumes stands in at stride 1 (at stride 2 it gives wrong gradients; filter gradient against tfjs-cpu on a same-padded conv: ${typeof gap === 'number' ? `largest gap ${gap.toExponential(1)}` : gap})`);
  const wasm = await attempt(() => tfEpochs('wasm', data, 3, data.train.count));
  // The cpu backend's convolutions are plain JavaScript loops: timed on a quarter of the digits, scaled up.
  const cpu = await attempt(() => tfEpochs('cpu', data, 2, Math.round(data.train.count / 4)));
  const m = (r: PeerRun): number => median(r.times.slice(1));
  const rows: [string, PeerRun | string][] = [
    ['gradflow', ours],
    ['tfjs-wasm (model.fit, 1 thread)', wasm],
    ['tfjs-cpu (model.fit, 2,000 digits, scaled)', cpu],
    ['PyTorch 1.13 (1 CPU thread, float32)', torch],
  ];
  for (const [name, r] of rows) {
    if (typeof r === 'string') console.log(`  ${name.padEnd(44)} not run: ${r}`);
    else console.log(`  ${name.padEnd(44)} ${m(r).toFixed(0).padStart(6)} ms per epoch, CPU ${median(r.cpu.slice(1)).toFixed(0).padStart(6)} ms  (test accuracy after ${r.times.length} epochs: ${(r.accuracy * 100).toFixed(1)}%)`);
  }
  const ratio = (r: PeerRun | string): string => (typeof r === 'string' ? 'n/a' : `${(m(r) / m(ours)).toFixed(2)}x (CPU ${(median(r.cpu.slice(1)) / median(ours.cpu.slice(1))).toFixed(2)}x)`);
  console.log(`  peer epoch / gradflow epoch (above 1: gradflow faster): tfjs-wasm ${ratio(wasm)}, tfjs-cpu ${ratio(cpu)}, PyTorch ${ratio(torch)}`);
}
