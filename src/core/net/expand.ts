import { GraphError, reason, type Who } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import type { OpName } from '../ops/table';
import { compileNetwork } from './compile';
import type { ConvGeometry, Network, NetworkSpec, ScalarSample } from './types';

/** The most scalar nodes an expansion may make: beyond this the graph is too big to draw or read. */
export const MAX_SCALAR_NODES = 2000;

/** Inputs plus the outputs of every dense and conv2d layer. */
export const neuronCount = (spec: NetworkSpec): number =>
  spec.inputSize + spec.layers.reduce((s, l) => s + (l.kind === 'dense' ? l.units : l.kind === 'conv2d' ? l.size : 0), 0);

/** Taps of a convolution that fall inside its input, summed over output positions (one mul node each). */
function convTaps(g: ConvGeometry): number {
  const axis = (size: number, out: number, pad: number): number => {
    let taps = 0;
    for (let o = 0; o < out; o++) for (let k = 0; k < g.kernel; k++) {
      const i = o * g.stride + k - pad;
      if (i >= 0 && i < size) taps++;
    }
    return taps;
  };
  return g.filters * g.channels * axis(g.height, g.outHeight, g.padTop) * axis(g.width, g.outWidth, g.padLeft);
}

/** How many nodes expandToScalarGraph makes for a network (without building it). */
export function scalarNodeCount(spec: NetworkSpec): number {
  let count = spec.inputSize;
  let size = spec.inputSize;
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'dense': count += layer.units * (2 * layer.inputSize + 2); size = layer.units; break;
      case 'conv2d': {
        const g = layer.geometry;
        count += g.filters * (g.channels * g.kernel * g.kernel + 1) + convTaps(g) + layer.size;
        size = layer.size;
        break;
      }
      case 'maxpool': count += layer.size * Math.max(1, layer.geometry.size * layer.geometry.size - 1); size = layer.size; break;
      case 'flatten': break;
      case 'softmax': count += 2 * size + 1; break;
      case 'activation': case 'dropout': count += size; break;
      default: {
        const never: never = layer;
        throw new GraphError(`unknown layer ${JSON.stringify(never)}`);
      }
    }
  }
  switch (spec.loss) {
    case 'mse': return count + 2 * size + 2;
    case 'cross_entropy': return count + 2;
    case 'svm': return count + 1 + 3 * (size - 1) + 1;
    default: {
      const never: never = spec.loss;
      throw new GraphError(`unknown loss ${String(never)}`);
    }
  }
}

/** Why a network cannot be expanded into scalar operators (its size against the limit), or null. */
export function whyNotExpandable(spec: NetworkSpec): Who | null {
  const nodes = scalarNodeCount(spec);
  if (nodes <= MAX_SCALAR_NODES) return null;
  const n = (v: number): string => v.toLocaleString('en-US');
  return {
    text: `the network has ${n(neuronCount(spec))} neurons and would expand to ${n(nodes)} scalar nodes; the limit is ${n(MAX_SCALAR_NODES)}`,
    reason: reason('network.tooBigToExpand', { neurons: n(neuronCount(spec)), nodes: n(nodes), limit: n(MAX_SCALAR_NODES) }),
  };
}

/** Id of weight w_{j,i} (unit j, input i) of a dense node in the expanded graph. */
export const weightId = (denseId: string, j: number, i: number): string => `${denseId}.w${j}_${i}`;
/** Id of bias b_j of a dense node in the expanded graph. */
export const biasId = (denseId: string, j: number): string => `${denseId}.b${j}`;

/**
 * Expands a small layered graph with its parameters into the scalar graph of the operator table,
 * for one sample and label: inputs as const nodes, every weight and bias an input node (so the
 * scalar engine reports their gradients), one node per neuron, and the loss built from scalar ops.
 * The loss node keeps the layered loss node's id and is the output. A conv2d's weights are shared
 * input nodes, so the scalar engine sums their gradient over every position; a dropout multiplies by
 * its mask in `sample.masks` (1 everywhere when absent: dropout does nothing when evaluating).
 */
export function expandToScalarGraph(graph: Graph, network: Network, sample: ScalarSample): Graph {
  const spec = network.spec;
  const check = compileNetwork(graph, { classes: spec.outputSize });
  if (check.inputSize !== spec.inputSize || check.layers.length !== spec.layers.length) {
    throw new GraphError('the network was not built from this graph', {}, 'network');
  }
  const why = whyNotExpandable(spec);
  if (why !== null) throw new GraphError(why.text, { nodeId: spec.samplesNodeId }, 'network', why.reason);
  if (sample.input.length !== spec.inputSize) throw new GraphError(`the sample has ${sample.input.length} values; the network takes ${spec.inputSize}`, {}, 'network', reason('network.sampleSize', { values: sample.input.length, inputs: spec.inputSize }));
  const label = sample.label;
  if (!Number.isInteger(label) || label < 0 || label >= spec.outputSize) throw new GraphError(`label ${label} is not one of the ${spec.outputSize} classes`, {}, 'network', reason('network.sampleLabel', { label, classes: spec.outputSize }));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (id: string, op: OpName, inputs: string[] = [], extra: Partial<GraphNode> = {}): string => {
    nodes.push({ id, op, ...extra });
    inputs.forEach((source, port) => edges.push({ id: `e${edges.length + 1}`, source, target: id, targetPort: port }));
    return id;
  };

  let current: string[] = [];
  for (let i = 0; i < spec.inputSize; i++) current.push(add(`${spec.samplesNodeId}.${i}`, 'const', [], { value: sample.input[i] }));
  let k = 0;
  for (const layer of spec.layers) {
    const id = layer.nodeId;
    if (layer.kind === 'dense') {
      const d = network.dense[k++];
      const next: string[] = [];
      for (let j = 0; j < d.units; j++) {
        const terms = current.map((a, i) => {
          const w = add(weightId(id, j, i), 'input', [], { value: d.weights[j * d.inputSize + i] });
          return add(`${id}.wa${j}_${i}`, 'mul', [w, a]);
        });
        terms.push(add(biasId(id, j), 'input', [], { value: d.biases[j] }));
        next.push(add(`${id}.z${j}`, 'add', terms));
      }
      current = next;
    } else if (layer.kind === 'conv2d') {
      const d = network.dense[k++];
      const g = layer.geometry;
      const kk = g.kernel * g.kernel;
      const weights = Array.from({ length: d.weights.length }, (_, w) => add(weightId(id, Math.floor(w / d.inputSize), w % d.inputSize), 'input', [], { value: d.weights[w] }));
      const biases = Array.from({ length: g.filters }, (_, f) => add(biasId(id, f), 'input', [], { value: d.biases[f] }));
      const next: string[] = [];
      for (let f = 0; f < g.filters; f++) {
        for (let oy = 0; oy < g.outHeight; oy++) {
          for (let ox = 0; ox < g.outWidth; ox++) {
            const o = (f * g.outHeight + oy) * g.outWidth + ox;
            const terms: string[] = [];
            for (let c = 0; c < g.channels; c++) for (let ky = 0; ky < g.kernel; ky++) for (let kx = 0; kx < g.kernel; kx++) {
              const iy = oy * g.stride + ky - g.padTop;
              const ix = ox * g.stride + kx - g.padLeft;
              if (iy < 0 || iy >= g.height || ix < 0 || ix >= g.width) continue;
              const w = f * d.inputSize + c * kk + ky * g.kernel + kx;
              terms.push(add(`${id}.wa${o}_${w % d.inputSize}`, 'mul', [weights[w], current[(c * g.height + iy) * g.width + ix]]));
            }
            terms.push(biases[f]);
            next.push(add(`${id}.z${o}`, 'add', terms));
          }
        }
      }
      current = next;
    } else if (layer.kind === 'maxpool') {
      // A chain of two-input max in row-major order: a tie goes to the earlier value, as the compiled pool.
      const g = layer.geometry;
      const next: string[] = [];
      for (let c = 0; c < g.channels; c++) for (let oy = 0; oy < g.outHeight; oy++) for (let ox = 0; ox < g.outWidth; ox++) {
        const o = (c * g.outHeight + oy) * g.outWidth + ox;
        const cells: string[] = [];
        for (let ky = 0; ky < g.size; ky++) for (let kx = 0; kx < g.size; kx++) cells.push(current[(c * g.height + oy * g.stride + ky) * g.width + ox * g.stride + kx]);
        if (cells.length === 1) {
          next.push(add(`${id}.${o}`, 'scale', cells, { params: { a: 1 } }));
          continue;
        }
        let best = cells[0];
        for (let t = 1; t < cells.length; t++) best = add(t === cells.length - 1 ? `${id}.${o}` : `${id}.m${o}_${t}`, 'max', [best, cells[t]]);
        next.push(best);
      }
      current = next;
    } else if (layer.kind === 'flatten') {
      // Same values, one vector: nothing to compute.
    } else if (layer.kind === 'dropout') {
      const mask = sample.masks?.[id];
      current = current.map((a, j) => add(`${id}.${j}`, 'scale', [a], { params: { a: mask === undefined ? 1 : mask[j] } }));
    } else if (layer.kind === 'activation') {
      current = current.map((z, j) => add(`${id}.${j}`, layer.activation, [z]));
    } else {
      const exps = current.map((z, j) => add(`${id}.exp${j}`, 'exp', [z]));
      const sum = add(`${id}.sum`, 'add', exps);
      current = exps.map((e, j) => add(`${id}.${j}`, 'div', [e, sum]));
    }
  }

  const lossId = spec.lossNodeId;
  const total = (terms: string[], id: string): string => (terms.length === 1 ? add(id, 'scale', terms, { params: { a: 1 } }) : add(id, 'add', terms));
  switch (spec.loss) {
    case 'mse': {
      // C = ½ Σ (a_j − y_j)², y one-hot.
      const squares = current.map((a, j) => add(`${lossId}.sq${j}`, 'square', [add(`${lossId}.diff${j}`, 'offset', [a], { params: { c: j === label ? -1 : 0 } })]));
      add(lossId, 'scale', [total(squares, `${lossId}.sum`)], { params: { a: 0.5 }, output: true });
      break;
    }
    case 'cross_entropy':
      add(lossId, 'neg', [add(`${lossId}.log`, 'log', [current[label]])], { output: true });
      break;
    case 'svm': {
      // Σ_{j≠y} max(0, s_j − s_y + 1); max gives a tie to its first input, the constant 0.
      const zero = add(`${lossId}.zero`, 'const', [], { value: 0 });
      const hinges = current.flatMap((s, j) => {
        if (j === label) return [];
        const margin = add(`${lossId}.margin${j}`, 'offset', [add(`${lossId}.diff${j}`, 'sub', [s, current[label]])], { params: { c: 1 } });
        return [add(`${lossId}.hinge${j}`, 'max', [zero, margin])];
      });
      if (hinges.length === 1) add(lossId, 'scale', hinges, { params: { a: 1 }, output: true });
      else add(lossId, 'add', hinges, { output: true });
      break;
    }
    default: {
      const never: never = spec.loss;
      throw new GraphError(`unknown loss ${String(never)}`, {}, 'network');
    }
  }
  return { nodes, edges };
}
