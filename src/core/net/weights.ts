import { reason, ReasonedError, type Reason } from '../graph/errors';
import { jsonSyntaxAt } from '../format/jsonText';
import type { DenseParams, Network, NetworkSpec } from './types';

/** The saved-weights file: parameters per dense layer, with the graph they belong to. */
export interface WeightsFile {
  format: 'gradflow.weights';
  version: 1;
  /** The graph file (gradflow.graph) the weights were trained for, when saved with it. */
  graph?: unknown;
  layers: { nodeId: string; inputSize: number; units: number; weights: number[]; biases: number[] }[];
}

/** Saves a network's parameters as JSON (numbers round-trip exactly), optionally with its graph file. */
export function serializeWeights(network: Network, graph?: unknown): string {
  const file: WeightsFile = {
    format: 'gradflow.weights',
    version: 1,
    ...(graph === undefined ? {} : { graph }),
    layers: network.dense.map((d) => ({
      nodeId: d.nodeId,
      inputSize: d.inputSize,
      units: d.units,
      weights: Array.from(d.weights),
      biases: Array.from(d.biases),
    })),
  };
  return JSON.stringify(file);
}

/** Reads a weights file for `spec`; throws an error naming the mismatch (layer count, sizes, values). */
export function parseWeights(json: string, spec: NetworkSpec): Network {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    // Where and why in our own words, so the place reads the same in every engine and language.
    const at = jsonSyntaxAt(json);
    throw new ReasonedError(`the weights file is not valid JSON: ${at.text}`, reason('weights.notJson', { detail: at.reason }));
  }
  const file = raw as Partial<WeightsFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== 'gradflow.weights') throw new ReasonedError('not a gradflow weights file (format must be "gradflow.weights")', reason('weights.gradflowWeightsFileFormat'));
  if (file.version !== 1) throw new ReasonedError(`unsupported weights file version ${JSON.stringify(file.version)} (this gradflow reads version 1)`, reason('weights.unsupportedWeightsFileVersion', { version: JSON.stringify(file.version) }));
  if (!Array.isArray(file.layers)) throw new ReasonedError('the weights file has no "layers" list', reason('weights.weightsFileLayersList'));
  const denseSpecs = spec.layers.map((layer, index) => ({ layer, index })).filter((x) => x.layer.kind === 'dense' || x.layer.kind === 'conv2d');
  if (file.layers.length !== denseSpecs.length) {
    throw new ReasonedError(`the weights file has ${file.layers.length} layers with parameters but the network has ${denseSpecs.length}`, reason('weights.weightsFileLayersWith', { layersLength: file.layers.length, denseSpecsLength: denseSpecs.length }));
  }
  const dense: DenseParams[] = denseSpecs.map(({ layer, index }, k) => {
    if (layer.kind !== 'dense' && layer.kind !== 'conv2d') throw new Error('unreachable');
    const saved = file.layers?.[k];
    const where = `${layer.kind} layer ${k + 1} ('${layer.nodeId}')`;
    const whereReason = reason(layer.kind === 'dense' ? 'weights.denseLayer' : 'weights.convLayer', { index: k + 1, id: layer.nodeId });
    if (typeof saved !== 'object' || saved === null) throw new ReasonedError(`${where}: missing in the weights file`, reason('weights.missingWeightsFile', { where: whereReason }));
    if (saved.inputSize !== layer.inputSize || saved.units !== layer.units) {
      throw new ReasonedError(`${where} is ${layer.inputSize} -> ${layer.units} but the weights file has ${String(saved.inputSize)} -> ${String(saved.units)}`, reason('weights.butWeightsFile', { where: whereReason, inputSize: layer.inputSize, units: layer.units, inputSize2: String(saved.inputSize), units2: String(saved.units) }));
    }
    const weights = numbers(saved.weights, layer.inputSize * layer.units, `${where} weights`, reason('weights.weightsOf', { layer: whereReason }));
    const biases = numbers(saved.biases, layer.units, `${where} biases`, reason('weights.biasesOf', { layer: whereReason }));
    return { layer: index, nodeId: layer.nodeId, inputSize: layer.inputSize, units: layer.units, weights, biases };
  });
  return { spec, dense };
}

function numbers(value: unknown, length: number, what: string, whatReason: Reason): Float64Array {
  if (!Array.isArray(value) || value.length !== length) {
    const got = Array.isArray(value) ? value.length : typeof value;
    throw new ReasonedError(`${what}: expected ${length} numbers, got ${got}`, reason('weights.count', { what: whatReason, length, got }));
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ReasonedError(`${what}: entry ${i} is not a finite number`, reason('weights.entryFiniteNumber', { what: whatReason, index: i }));
    out[i] = v;
  }
  return out;
}
