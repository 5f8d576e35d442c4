import type { Rng } from '../random';
import type { DenseParams, InitKind, LayerSpec, Network, NetworkSpec } from './types';

/** Standard deviation of a dense layer's initial weights: 1 (Nielsen), √(1/in) (Xavier) or √(2/in) (He). */
export function initScale(init: InitKind, inputSize: number): number {
  switch (init) {
    case 'normal': return 1;
    case 'xavier': return Math.sqrt(1 / inputSize);
    case 'he': return Math.sqrt(2 / inputSize);
    default: {
      const never: never = init;
      throw new Error(`unknown init ${String(never)}`);
    }
  }
}

/** Output length of a layer (a conv2d's is filters × height × width). */
export function layerSize(layer: LayerSpec): number {
  return layer.kind === 'dense' ? layer.units : layer.size;
}

/**
 * Gives a spec its parameters (dense and conv2d layers; a conv2d's fan-in is channels·kernel²). Weights are N(0, scale²) by the layer's init; biases are N(0, 1)
 * for Nielsen's normal init (as network.py) and 0 for Xavier and He.
 */
export function createNetwork(spec: NetworkSpec, rng: Rng): Network {
  const dense: DenseParams[] = [];
  spec.layers.forEach((layer, index) => {
    if (layer.kind !== 'dense' && layer.kind !== 'conv2d') return;
    // network.py draws the biases first, then the weights, per layer.
    const biases = new Float64Array(layer.units);
    if (layer.init === 'normal') for (let j = 0; j < layer.units; j++) biases[j] = rng.normal();
    const weights = new Float64Array(layer.units * layer.inputSize);
    const scale = initScale(layer.init, layer.inputSize);
    for (let k = 0; k < weights.length; k++) weights[k] = rng.normal() * scale;
    dense.push({ layer: index, nodeId: layer.nodeId, inputSize: layer.inputSize, units: layer.units, weights, biases });
  });
  return { spec, dense };
}

/** A deep copy of a network (parameters copied, spec shared). */
export function cloneNetwork(network: Network): Network {
  return {
    spec: network.spec,
    dense: network.dense.map((d) => ({ ...d, weights: d.weights.slice(), biases: d.biases.slice() })),
  };
}
