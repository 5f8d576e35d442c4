import { describe, expect, it } from 'vitest';
import {
  compileProgram, evaluate, fuseSubgraph, graphFromExpression, graphProblems, graphToExpression, GraphError, parseGraph,
  type Graph, type GraphErrorCode,
} from '../src/core';
import { shortProblem } from '../src/ui/store/annotate';

/** The code of the GraphError `run` throws. */
function codeOf(run: () => unknown): GraphErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphError) return error.code;
    throw error;
  }
  throw new Error('nothing was thrown');
}

const node = (id: string, op: Graph['nodes'][number]['op'], value?: number) => ({ id, op, ...(value === undefined ? {} : { value }) });
const edge = (id: string, source: string, target: string, targetPort = 0) => ({ id, source, target, targetPort });

describe('GraphError codes: the tag a program switches on instead of reading the message', () => {
  it.each<[string, Graph, GraphErrorCode]>([
    ['a duplicate node id', { nodes: [node('a', 'input', 1), node('a', 'input', 2)], edges: [] }, 'duplicate-id'],
    ['an input without a value', { nodes: [node('a', 'input')], edges: [] }, 'missing-value'],
    ['an edge to a missing node', { nodes: [node('a', 'input', 1)], edges: [edge('e', 'a', 'b')] }, 'bad-edge'],
    ['an edge into a leaf', { nodes: [node('a', 'input', 1), node('b', 'input', 1)], edges: [edge('e', 'a', 'b')] }, 'port-out-of-range'],
    ['two edges into one port', { nodes: [node('a', 'input', 1), node('b', 'input', 1), node('n', 'neg')], edges: [edge('e1', 'a', 'n'), edge('e2', 'b', 'n')] }, 'port-taken'],
    ['an unconnected port', { nodes: [node('a', 'input', 1), node('n', 'add')], edges: [edge('e1', 'a', 'n')] }, 'unconnected-port'],
    ['a cycle', { nodes: [node('p', 'neg'), node('q', 'neg')], edges: [edge('e1', 'p', 'q'), edge('e2', 'q', 'p')] }, 'cycle'],
    ['no nodes', { nodes: [], edges: [] }, 'no-nodes'],
    ['two sinks', { nodes: [node('a', 'input', 1), node('b', 'input', 1)], edges: [] }, 'ambiguous-output'],
    ['a layer operator', { nodes: [node('x', 'samples')], edges: [] }, 'layer-operator'],
  ])('%s', (_what, graph, code) => {
    expect(codeOf(() => compileProgram(graph))).toBe(code);
  });

  it('comes from the format, the expression parser, fusing and the formula writer too', () => {
    expect(codeOf(() => parseGraph('{"format": "gradflow.graph", "version": 1, "nodes": [{"id": "a", "op": "nope"}]}'))).toBe('format');
    expect(codeOf(() => graphFromExpression('x +'))).toBe('expression');
    expect(codeOf(() => fuseSubgraph(graphFromExpression('x * y'), ['f']))).toBe('fuse');
    expect(codeOf(() => graphToExpression({ nodes: [node('a', 'input', 1), node('b', 'input', 1)], edges: [] }))).toBe('ambiguous-output');
  });
});

describe('graphProblems: one list for the canvas and the inspector', () => {
  it('lists what a lenient evaluation tolerated, then non-finite numbers, each with its node and code', () => {
    const graph: Graph = {
      nodes: [node('a', 'input', -1), node('l', 'log'), node('n', 'add'), node('s', 'sqrt')],
      edges: [edge('e1', 'a', 'l'), edge('e2', 'l', 'n'), edge('e3', 'a', 's')],
    };
    const problems = graphProblems(graph, evaluate(graph, { lenient: true }));
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['unconnected-port', 'n'],
      ['ambiguous-output', 'n'],
      ['non-finite-value', 'l'],
      ['non-finite-value', 's'],
    ]);
    expect(problems[2].message).toBe("node 'l' (log) has value NaN");
  });

  it('gives a layered graph its shape problems instead of scalar ones', () => {
    const graph: Graph = { nodes: [node('x', 'samples'), node('d', 'dense')], edges: [edge('e1', 'x', 'd')] };
    const problems = graphProblems(graph, evaluate(graph, { lenient: true, allowLayers: true }));
    expect(problems.map((p) => p.code)).toEqual(['network']);
    expect(problems[0].message).toMatch(/no loss/);
  });

  it('says each in a few words on the node, by its code', () => {
    expect(shortProblem({ code: 'unconnected-port', message: 'input port 1 of node n (add) has no edge', nodeId: 'n' })).toBe('unconnected input');
    expect(shortProblem({ code: 'non-finite-value', message: "node 'l' (log) has value NaN" })).toBe('not a finite number');
    expect(shortProblem({ code: 'non-finite-gradient', message: "node 'l' (log) has gradient Infinity" })).toBe('non-finite gradient');
    expect(shortProblem({ code: 'layer-operator', message: 'x' })).toBe('layer: compile as network');
    expect(shortProblem({ code: 'ambiguous-output', message: 'the output is ambiguous: 2 nodes have no outgoing edge' })).toBe('which is the output?');
    expect(shortProblem({ code: 'cycle', message: 'the graph has a cycle: p → q → p and more words' })).toBe('the graph has a cycle: p → …');
    expect(shortProblem(undefined)).toBeNull();
  });
});
