import { GraphError, reason, reasonOf } from '../graph/errors';
import { compileProgram } from '../graph/program';
import type { Graph } from '../graph/types';
import { createScratch, runBackward, runForward } from '../eval/passes';
import { checkSvmData, SVM_DATA_FIELD, svmProblem, svmWeightId } from './svm';
import type { Problem } from './types';

/** Options of graphProblem. */
export interface GraphProblemOptions {
  /** Ids of the `input` nodes that form W, in this order; default: every input node, in file order. */
  inputs?: readonly string[];
}

/**
 * A scalar graph as a Problem: W = its `input` nodes (or the given ones), L = its output. The graph
 * is compiled once; each evaluation writes W into a leaf array and runs the program forward (and back).
 */
export function graphProblem(graph: Graph, options: GraphProblemOptions = {}): Problem {
  const program = compileProgram(graph);
  const ids = options.inputs ?? graph.nodes.filter((node) => node.op === 'input').map((node) => node.id);
  const at = Int32Array.from(ids, (id) => {
    const i = program.index.get(id);
    if (i === undefined) throw new GraphError(`no node '${id}' to use as a parameter`, { nodeId: id }, 'parameter', reason('parameter.nodeUseAsParameter', { id }));
    if (graph.nodes[i].op !== 'input') throw new GraphError(`node '${id}' is not an input, so it cannot be a parameter`, { nodeId: id }, 'parameter', reason('parameter.nodeInputSoCannot', { id }));
    return i;
  });
  if (at.length === 0) throw new GraphError('the graph has no input nodes: nothing to vary', {}, 'parameter', reason('parameter.graphInputNodesNothing'));
  const scratch = createScratch(program);
  const leaf = program.leafValue.slice();
  const out = program.output;
  const forward = (w: Float64Array): number => {
    for (let k = 0; k < at.length; k++) leaf[at[k]] = w[k];
    runForward(program, scratch, leaf);
    return scratch.values[out];
  };
  return {
    kind: 'graph',
    size: at.length,
    names: (k) => ids[k],
    initial: Float64Array.from(at, (i) => program.leafValue[i]),
    loss: forward,
    lossAndGrad: (w, grad) => {
      const value = forward(w);
      runBackward(program, scratch);
      for (let k = 0; k < at.length; k++) grad[k] = scratch.grads[at[k]];
      return value;
    },
    samples: 0,
  };
}

/**
 * The problem a file stands for: the SVM example's data when the graph carries it (so mini-batches
 * work, starting from the graph's current weights), else the scalar graph itself.
 * Layered graphs need data: use networkProblem.
 */
export function problemFromGraph(graph: Graph, options: GraphProblemOptions = {}): Problem {
  const field = graph.extra?.[SVM_DATA_FIELD];
  if (field !== undefined && options.inputs === undefined) {
    let data;
    try {
      data = checkSvmData(field);
    } catch (error) {
      // checkSvmData's sentence carries its Reason (a hand-edited example's data block, rarely seen).
      throw new GraphError(`field '${SVM_DATA_FIELD}': ${(error as Error).message}`, { path: `/${SVM_DATA_FIELD}` }, 'parameter',
        reason('parameter.svmField', { field: SVM_DATA_FIELD, problem: reasonOf(error) ?? reason('plain', { text: (error as Error).message }) }));
    }
    const initial = data.weights.map((w, k) => {
      const node = graph.nodes.find((candidate) => candidate.id === svmWeightId(Math.floor(k / 2), k % 2));
      return node?.op === 'input' && typeof node.value === 'number' ? node.value : w;
    });
    return svmProblem(data, initial);
  }
  return graphProblem(graph, options);
}
