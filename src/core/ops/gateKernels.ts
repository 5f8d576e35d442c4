import { GraphError, reason } from '../graph/errors';
import { gateInnerGraph } from '../graph/gate';
import type { Program } from '../graph/program';
import type { GateDefinition, GraphNode } from '../graph/types';
import { createScratch, runBackward, runForward, type Scratch } from '../eval/passes';
import type { CompileGraph, NodeKernels } from './types';

// The fused gate's hook in the operator table: its kernels run the subgraph it holds. The compiler
// arrives as an argument, so the table does not import graph/program (which imports the table).

/** A compiled gate, shared by every node holding the same definition object. */
interface CompiledGate {
  program: Program;
  /** Node index of each port's input node. */
  portAt: Int32Array;
}
const compiled = new WeakMap<GateDefinition, CompiledGate>();

function compileGate(def: GateDefinition, gateId: string, compile: CompileGraph): CompiledGate {
  const cached = compiled.get(def);
  if (cached !== undefined) return cached;
  let program: Program;
  try {
    const { graph, ports } = gateInnerGraph(def);
    program = compile(graph);
    const entry = { program, portAt: Int32Array.from(ports, (id) => program.index.get(id)!) };
    compiled.set(def, entry);
    return entry;
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    throw new GraphError(`gate '${gateId}': ${error.message}`, { nodeId: gateId }, 'gate', reason('gate.inner', { gateId, message: error.reason ?? reason('plain', { text: error.message }) }));
  }
}

/**
 * The forward and local gradient of a gate node, for the evaluator: the forward runs the inner
 * program; the local gradients are the inner backward pass's gradients at the port inputs, computed
 * once per set of input values and reused for every port.
 */
export function gateKernels(node: GraphNode, ports: number, compile: CompileGraph): NodeKernels {
  const def = node.gate;
  if (def === undefined) throw new GraphError(`gate '${node.id}' has no definition`, { nodeId: node.id }, 'gate', reason('gate.gateDefinition', { id: node.id }));
  if (ports !== def.inputs.length) {
    throw new GraphError(`gate '${node.id}' takes ${def.inputs.length} input${def.inputs.length === 1 ? '' : 's'} but has ${ports} port${ports === 1 ? '' : 's'} in use`, { nodeId: node.id }, 'gate',
      reason('gate.ports', { id: node.id, inputs: reason('gate.inputs', { count: def.inputs.length }), ports: reason('gate.portsInUse', { count: ports }) }));
  }
  const { program, portAt } = compileGate(def, node.id, compile);
  const scratch: Scratch = createScratch(program);
  const leaf = program.leafValue.slice();
  const seenInputs = new Float64Array(ports).fill(NaN);
  const portGrad = new Float64Array(ports);
  const run = (x: Float64Array, at: number): void => {
    for (let k = 0; k < ports; k++) leaf[portAt[k]] = x[at + k];
    runForward(program, scratch, leaf);
  };
  return {
    forward: (x, at) => {
      run(x, at);
      return scratch.values[program.output];
    },
    localGrad: (x, at, _n, _out, port) => {
      let same = true;
      for (let k = 0; k < ports && same; k++) same = seenInputs[k] === x[at + k];
      if (!same) {
        run(x, at);
        runBackward(program, scratch);
        for (let k = 0; k < ports; k++) {
          seenInputs[k] = x[at + k];
          portGrad[k] = scratch.grads[portAt[k]];
        }
      }
      return portGrad[port];
    },
  };
}
