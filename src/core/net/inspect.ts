import { engineFor } from './backprop';
import { loadInput, syncIn } from './engine';
import { forward } from './forward';
import type { Network } from './types';

/** Every layer's output for one input (values as the samples node gives them): what each layer sees, e.g. conv feature maps. */
export function layerOutputs(network: Network, input: ArrayLike<number>): Float64Array[] {
  if (input.length !== network.spec.inputSize) throw new Error(`the input has ${input.length} values but the network takes ${network.spec.inputSize}`);
  const e = engineFor(network);
  syncIn(e);
  loadInput(e, input);
  forward(e);
  return e.acts.slice(1).map((a) => a.slice());
}

/** A square region of a 2-D input plane: x from x0 to x1, y from y0 to y1. */
export interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The network's output over a size × size grid of a 2-input network's plane (cell centres; row 0 at
 * y1, the top, as drawn), `classes` values per cell: the decision boundary as a heat map.
 */
export function decisionGrid(network: Network, extent: Extent, size: number): Float32Array {
  if (network.spec.inputSize !== 2) throw new Error(`a decision boundary needs a network with 2 inputs, this one has ${network.spec.inputSize}`);
  const classes = network.spec.outputSize;
  const e = engineFor(network);
  syncIn(e);
  const out = new Float32Array(size * size * classes);
  const point = new Float64Array(2);
  const last = e.acts.length - 1;
  for (let row = 0; row < size; row++) {
    point[1] = extent.y1 - ((row + 0.5) / size) * (extent.y1 - extent.y0);
    for (let col = 0; col < size; col++) {
      point[0] = extent.x0 + ((col + 0.5) / size) * (extent.x1 - extent.x0);
      loadInput(e, point);
      forward(e);
      out.set(e.acts[last], (row * size + col) * classes);
    }
  }
  return out;
}
