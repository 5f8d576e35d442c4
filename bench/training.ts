// Training speed: the Nielsen network (784-30-10 sigmoid, quadratic cost, batch 10, η = 3) on the
// embedded 8,000 digits, gradflow's compiled network against TensorFlow.js (CPU and WebAssembly
// backends) on the same network and data, in the same run. Figure: median epoch time after the first.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { compileNetwork, createNetwork, createRng, createTrainer, simdAvailable, type DataSplit, type Kernel } from '../src/core';
import { loadEmbeddedSplit } from '../src/cli/data';
import { exampleGraph, median, runPeer, timeEpochs, writePeerData } from './peers';

const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

/** gradflow: epoch times of the compiled network, and the final test accuracy. */
function gradflowEpochs(data: DataSplit, epochs: number, kernel: Kernel): { times: number[]; cpu: number[]; accuracy: number } {
  const graph = exampleGraph('mnist-nielsen');
  const network = createNetwork(compileNetwork(graph), createRng(1));
  const trainer = createTrainer(network, data.train, { epochs, batchSize: 10, learningRate: 3, seed: 1, kernel });
  return timeEpochs(network, trainer, data, epochs);
}

/** The same network in TensorFlow.js: model.fit one epoch at a time; SGD 15 = η 3 (tf's MSE averages over 10 outputs). */
async function tfEpochs(backend: string, data: DataSplit, epochs: number): Promise<{ times: number[]; accuracy: number }> {
  await tf.setBackend(backend);
  await tf.ready();
  const toTensors = (d: DataSplit['train']): [tf.Tensor2D, tf.Tensor2D] => {
    const x = new Float32Array(d.count * 784);
    for (let i = 0; i < x.length; i++) x[i] = d.images[i] / 255;
    return [tf.tensor2d(x, [d.count, 784]), tf.oneHot(tf.tensor1d(Array.from(d.labels), 'int32'), 10).toFloat() as tf.Tensor2D];
  };
  const [xs, ys] = toTensors(data.train);
  const [tx, ty] = toTensors(data.test);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 30, activation: 'sigmoid', inputShape: [784], kernelInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 1 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 2 }) }),
      tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 3 }), biasInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(15), loss: 'meanSquaredError' });
  const times: number[] = [];
  for (let k = 0; k < epochs; k++) {
    const t0 = performance.now();
    await model.fit(xs, ys, { batchSize: 10, epochs: 1, shuffle: true, verbose: 0 });
    times.push(performance.now() - t0);
  }
  const predicted = (model.predict(tx) as tf.Tensor2D).argMax(1);
  const accuracy = (await predicted.equal(ty.argMax(1)).sum().data())[0] / data.test.count;
  tf.dispose([xs, ys, tx, ty, predicted]);
  model.dispose();
  return { times, accuracy };
}

/** Prints epoch times of gradflow, tfjs-cpu and tfjs-wasm and the ratios. */
export async function run(): Promise<void> {
  const data = loadEmbeddedSplit();
  console.log(`\ntraining: Nielsen 784-30-10 sigmoid + mse, batch 10, η = 3, ${data.train.count} training digits; median epoch after the first`);
  const js = gradflowEpochs(data, 6, 'js');
  const ours = simdAvailable() ? gradflowEpochs(data, 6, 'simd') : js;
  const require = createRequire(import.meta.url);
  setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  const cpu = await tfEpochs('cpu', data, 3);
  const wasm = await tfEpochs('wasm', data, 4);
  const numpy = runPeer('nielsen_numpy.py', writePeerData(data), 6);
  const m = (r: { times: number[] }): number => median(r.times.slice(1));
  const rows: [string, { times: number[]; accuracy: number }][] = [
    ['gradflow, WebAssembly SIMD first layer', ours],
    ['gradflow, plain JavaScript', js],
    ['tfjs-cpu (model.fit)', cpu],
    ['tfjs-wasm (model.fit)', wasm],
    ...(typeof numpy === 'string' ? [] : [['numpy (vectorised over the batch, 1 thread)', numpy] as [string, { times: number[]; accuracy: number }]]),
  ];
  for (const [name, r] of rows) {
    console.log(`  ${name.padEnd(36)} ${ms(m(r))} per epoch  (test accuracy after ${r.times.length} epochs: ${(r.accuracy * 100).toFixed(1)}%)`);
  }
  console.log(`  gradflow is ${(m(cpu) / m(ours)).toFixed(1)}x faster than tfjs-cpu (goal >= 18x) and ${(m(wasm) / m(ours)).toFixed(1)}x faster than tfjs-wasm; SIMD over plain JS: ${(m(js) / m(ours)).toFixed(2)}x`);
  if (typeof numpy === 'string') console.log(`  numpy peer not run: ${numpy}`);
  else console.log(`  gradflow / numpy epoch time: ${(m(ours) / m(numpy)).toFixed(2)} (goal <= 0.5); CPU per epoch: gradflow ${median(ours.cpu.slice(1)).toFixed(0)} ms, numpy ${median(numpy.cpu.slice(1)).toFixed(0)} ms (ratio ${(median(ours.cpu.slice(1)) / median(numpy.cpu.slice(1))).toFixed(2)})`);
  console.log(`  gradflow: ${Math.round(data.train.count / (m(ours) / 1000)).toLocaleString('en-US')} samples per second`);
}
