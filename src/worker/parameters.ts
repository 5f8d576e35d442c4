/**
 * Trained parameters as they travel from the training worker through the page to the lecture worker,
 * so the lecture tools can look at the network the Training tab trained instead of a fresh one.
 */
import { reason, ReasonedError } from '../core/graph/errors';
import type { Network, NetworkSpec } from '../core/net/types';

/** One dense layer's parameters: z = W a + b, W row-major [units][inputSize]. */
export interface LayerParameters {
  nodeId: string;
  inputSize: number;
  units: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** A copy of a network's parameters and how far it was trained. */
export interface TrainedParameters {
  /** Epochs trained (fractional when paused or stopped mid-epoch); null for weights loaded from a file. */
  epoch: number | null;
  layers: LayerParameters[];
}

/** Which parameters a lecture result used: trained ones, or a fresh initialisation from the graph's seed. */
export type WeightsUsed =
  | { kind: 'trained'; epoch: number | null }
  | { kind: 'initial'; seed: number };

/** A copy of `network`'s parameters (the trainer keeps changing its own arrays). */
export function snapshotParameters(network: Network, epoch: number | null): TrainedParameters {
  return {
    epoch,
    layers: network.dense.map((d) => ({ nodeId: d.nodeId, inputSize: d.inputSize, units: d.units, weights: d.weights.slice(), biases: d.biases.slice() })),
  };
}

/** The buffers of a snapshot, to transfer rather than copy. */
export const parameterBuffers = (p: TrainedParameters): ArrayBuffer[] =>
  p.layers.flatMap((l) => [l.weights.buffer as ArrayBuffer, l.biases.buffer as ArrayBuffer]);

/** A network of `spec` holding copies of `parameters`; throws naming the first layer that does not fit. */
export function networkWithParameters(spec: NetworkSpec, parameters: TrainedParameters): Network {
  const dense = spec.layers.map((layer, index) => ({ layer, index })).filter((x) => x.layer.kind === 'dense' || x.layer.kind === 'conv2d');
  if (dense.length !== parameters.layers.length) {
    throw new ReasonedError(`the trained weights have ${parameters.layers.length} layers with parameters but the network has ${dense.length}`,
      reason('worker.layerCount', { trained: parameters.layers.length, layers: dense.length }));
  }
  return {
    spec,
    dense: dense.map(({ layer, index }, k) => {
      if (layer.kind !== 'dense' && layer.kind !== 'conv2d') throw new Error('unreachable');
      const p = parameters.layers[k];
      if (p.nodeId !== layer.nodeId || p.inputSize !== layer.inputSize || p.units !== layer.units
        || p.weights.length !== layer.inputSize * layer.units || p.biases.length !== layer.units) {
        throw new ReasonedError(`${layer.kind} layer '${layer.nodeId}' is ${layer.inputSize} -> ${layer.units} but the trained weights have '${p.nodeId}' ${p.inputSize} -> ${p.units}`,
          reason('worker.layerShape', { kind: layer.kind, id: layer.nodeId, inputSize: layer.inputSize, units: layer.units, trainedId: p.nodeId, trainedInputs: p.inputSize, trainedUnits: p.units }));
      }
      return { layer: index, nodeId: layer.nodeId, inputSize: layer.inputSize, units: layer.units, weights: p.weights.slice(), biases: p.biases.slice() };
    }),
  };
}

/** "trained (epoch 3)", "trained (epoch 2.4)", "trained (loaded weights)" or "initial (seed 1)". */
export function weightsNote(used: WeightsUsed): string {
  if (used.kind === 'initial') return `initial (seed ${used.seed})`;
  if (used.epoch === null) return 'trained (loaded weights)';
  const epoch = Number.isInteger(used.epoch) ? String(used.epoch) : used.epoch.toFixed(1);
  return `trained (epoch ${epoch})`;
}
