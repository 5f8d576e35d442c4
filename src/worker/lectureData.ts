/** Networks and data for the lecture tools, shared by the lecture worker and the page (which expands small networks). */
import type { Graph } from '../core/graph/types';
import { compileNetwork } from '../core/net/compile';
import { inferShapes } from '../core/net/shapes';
import type { Dataset, NetworkSpec } from '../core/net/types';
import { createRng, shuffleInPlace } from '../core/random';
import { reason, ReasonedError } from '../core/graph/errors';

/** Samples of the seeded stand-in data for layered graphs whose inputs are not 28x28 digits. */
export const RANDOM_SAMPLES = 200;

/** The seed a layered graph's parameters are initialised from: its training defaults' seed, else 1 (as the CLI). */
export const networkSeed = (graph: Graph): number => graph.training?.seed ?? 1;

/** True when a network reads MNIST digits (784 pixels in, 10 classes out). */
export const readsDigits = (spec: NetworkSpec): boolean => spec.inputSize === 784 && spec.outputSize === 10;

/** Compiles a layered graph; for inputs other than 28x28 digits the number of classes is read off the graph. */
export function compileLayered(graph: Graph): NetworkSpec {
  try {
    return compileNetwork(graph);
  } catch (error) {
    // Digits (784 pixels) always have 10 classes; only other inputs may have another number.
    const samples = graph.nodes.find((n) => n.op === 'samples');
    const lossNode = graph.nodes.find((n) => n.op === 'mse' || n.op === 'cross_entropy' || n.op === 'svm');
    const into = lossNode === undefined ? undefined : graph.edges.find((e) => e.target === lossNode.id);
    const shapes = inferShapes(graph).nodeShapes;
    const classes = into === undefined ? undefined : shapes[into.source];
    if (samples === undefined || shapes[samples.id] === 784 || classes === undefined || classes === 10) throw error;
    return compileNetwork(graph, { classes });
  }
}

/** Seeded uniform inputs in 0..1 with seeded labels: data for a small network that does not read digits. */
export function randomDataset(inputSize: number, classes: number, samples: number, seed: number): Dataset {
  const rng = createRng(seed);
  const images = new Float32Array(samples * inputSize);
  for (let k = 0; k < images.length; k++) images[k] = rng.next();
  const labels = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) labels[i] = rng.int(classes);
  return { count: samples, inputSize, images, labels };
}

/** A mini-batch of `size` sample indices of `count`, shuffled with `seed`. */
export function miniBatch(count: number, size: number, seed: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new ReasonedError(`the mini-batch size must be a whole number >= 1, got ${size}`, reason('worker.miniBatch', { size }));
  const order = Int32Array.from({ length: count }, (_x, i) => i);
  shuffleInPlace(order, createRng(seed));
  return Array.from(order.subarray(0, Math.min(size, count)));
}

/** Sample `i` of a dataset as the scalar expansion wants it: inputs scaled to 0..1 and its label. */
export function sampleOf(data: Dataset, i: number): { input: Float64Array; label: number } {
  const scale = data.images instanceof Uint8Array ? 1 / 255 : 1;
  const input = Float64Array.from(data.images.subarray(i * data.inputSize, (i + 1) * data.inputSize), (v) => v * scale);
  return { input, label: data.labels[i] };
}
