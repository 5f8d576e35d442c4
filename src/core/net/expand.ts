import { GraphError } from '../graph/errors';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import type { OpName } from '../ops/table';
import { compileNetwork } from './compile';
import type { Network, ScalarSample } from './types';

/** The most neurons (inputs plus units of every dense layer) a network may have to be expanded. */
export const MAX_SCALAR_NEURONS = 64;

/** Id of weight w_{j,i} (unit j, input i) of a dense node in the expanded graph. */
export const weightId = (denseId: string, j: number, i: number): string => `${denseId}.w${j}_${i}`;
/** Id of bias b_j of a dense node in the expanded graph. */
export const biasId = (denseId: string, j: number): string => `${denseId}.b${j}`;

/**
 * Expands a small layered graph with its parameters into the scalar graph of the operator table,
 * for one sample and label: inputs as const nodes, every weight and bias an input node (so the
 * scalar engine reports their gradients), one node per neuron, and the loss built from scalar ops.
 * The loss node keeps the layered loss node's id and is the output.
 */
export function expandToScalarGraph(graph: Graph, network: Network, sample: ScalarSample): Graph {
  const spec = network.spec;
  const check = compileNetwork(graph, { classes: spec.outputSize });
  if (check.inputSize !== spec.inputSize || check.layers.length !== spec.layers.length) {
    throw new GraphError('the network was not built from this graph', {}, 'network');
  }
  const neurons = spec.inputSize + network.dense.reduce((s, d) => s + d.units, 0);
  if (neurons > MAX_SCALAR_NEURONS) {
    throw new GraphError(`the network has ${neurons} neurons; expanding into scalar operators is limited to ${MAX_SCALAR_NEURONS}`, { nodeId: spec.samplesNodeId }, 'network');
  }
  if (sample.input.length !== spec.inputSize) throw new GraphError(`the sample has ${sample.input.length} values; the network takes ${spec.inputSize}`, {}, 'network');
  const label = sample.label;
  if (!Number.isInteger(label) || label < 0 || label >= spec.outputSize) throw new GraphError(`label ${label} is not one of the ${spec.outputSize} classes`, {}, 'network');

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
