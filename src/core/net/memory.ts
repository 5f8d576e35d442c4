// What a compiled network costs in memory, estimated from its sizes before anything is allocated: a dense
// layer of 10^9 units would otherwise fill gigabytes (and minutes) before failing. The compiler refuses a
// network over the budget, so the command line, the editor and the training worker refuse it alike.
import { GraphError, reason } from '../graph/errors';
import { quoteId } from '../graph/quote';
import type { LayerSpec, NetworkSpec } from './types';

/** Largest network gradflow builds: 1 GiB, estimated by networkMemoryBytes. */
export const MAX_NETWORK_BYTES = 2 ** 30;

/** Batch size assumed for the estimate when the graph sets none (Nielsen's). */
export const ESTIMATE_BATCH_SIZE = 10;

/** Copies of every parameter held while training: weights, gradients, the first layer transposed, two optimiser moments. */
const COPIES_PER_PARAMETER = 5;
/** Float64 values per unit of a layer per sample in a batch: its output and the gradient flowing back. */
const VALUES_PER_UNIT = 2;

/** Output length of a layer, whatever its kind. */
function outputSize(layer: LayerSpec): number {
  // A conv2d's units are its filters; its output is filters × height × width.
  return layer.kind === 'dense' ? layer.units : layer.size;
}

/** Bytes a network needs to train with `batchSize` samples per step: parameters and their copies, plus activations. */
export function networkMemoryBytes(spec: NetworkSpec, batchSize = ESTIMATE_BATCH_SIZE): number {
  const units = spec.layers.reduce((sum, layer) => sum + outputSize(layer), 0);
  return 8 * (COPIES_PER_PARAMETER * spec.paramCount + VALUES_PER_UNIT * (spec.inputSize + units) * Math.max(1, batchSize));
}

/** A byte count as people read it: 954 KiB, 1.5 GiB, 29 TiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes >= 1024 ** 7) return 'more than any computer has';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let k = 0;
  let v = bytes;
  while (v >= 1024 && k < units.length - 1) {
    v /= 1024;
    k++;
  }
  return `${k === 0 ? v : Number(v.toPrecision(3))} ${units[k]}`;
}

/**
 * Refuses a network whose estimated memory exceeds `budget`, naming the layer that holds the most
 * (place.nodeId on it) so the user knows which size to change.
 */
export function checkNetworkMemory(spec: NetworkSpec, batchSize = ESTIMATE_BATCH_SIZE, budget = MAX_NETWORK_BYTES): void {
  const bytes = networkMemoryBytes(spec, batchSize);
  if (bytes <= budget) return;
  let culprit = {
    nodeId: spec.samplesNodeId, text: `samples ${quoteId(spec.samplesNodeId)} (${count(spec.inputSize)} inputs)`, weight: spec.inputSize,
    why: reason('memory.samples', { id: quoteId(spec.samplesNodeId), inputs: count(spec.inputSize) }),
  };
  for (const layer of spec.layers) {
    const weight = layer.kind === 'dense' || layer.kind === 'conv2d' ? Math.max(layer.units * layer.inputSize + layer.units, outputSize(layer)) : outputSize(layer);
    if (weight > culprit.weight) {
      const text = layer.kind === 'dense'
        ? `dense ${quoteId(layer.nodeId)} (${count(layer.inputSize)} → ${count(layer.units)} units)`
        : `${layer.kind} ${quoteId(layer.nodeId)} (${count(outputSize(layer))} units)`;
      const why = layer.kind === 'dense'
        ? reason('memory.dense', { id: quoteId(layer.nodeId), from: count(layer.inputSize), to: count(layer.units) })
        : reason('memory.layer', { kind: layer.kind, id: quoteId(layer.nodeId), units: count(outputSize(layer)) });
      culprit = { nodeId: layer.nodeId, text, weight, why };
    }
  }
  throw new GraphError(
    `the network needs about ${formatBytes(bytes)} to train, more than the ${formatBytes(budget)} gradflow allows; ${culprit.text} is the largest layer`,
    { nodeId: culprit.nodeId },
    'limit',
    reason('network.memory', { bytes: formatBytes(bytes), budget: formatBytes(budget), layer: culprit.why }),
  );
}

const count = (n: number): string => (Number.isSafeInteger(n) ? n.toLocaleString('en-US') : n.toExponential(2));
