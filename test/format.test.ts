import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FORMAT_NAME, FORMAT_VERSION, GraphError, MIGRATIONS, migrateFile, parseGraph, parseGraphValue, serializeGraph, toFileValue,
  type Graph, type Migration,
} from '../src/core';
import { randomDag, seeded } from './helpers/graphs';

const base = (): Record<string, unknown> => ({
  format: 'gradflow.graph',
  version: 1,
  nodes: [
    { id: 'x', op: 'input', value: -2 },
    { id: 'y', op: 'input', value: 5 },
    { id: 'z', op: 'input', value: -4 },
    { id: 'q', op: 'add' },
    { id: 'f', op: 'mul', output: true },
  ],
  edges: [
    { id: 'e1', source: 'x', target: 'q', targetPort: 0 },
    { id: 'e2', source: 'y', target: 'q', targetPort: 1 },
    { id: 'e3', source: 'q', target: 'f', targetPort: 0 },
    { id: 'e4', source: 'z', target: 'f', targetPort: 1 },
  ],
});

type File = { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } & Record<string, unknown>;

function refusal(mutate: (file: File) => void): GraphError {
  const file = base() as File;
  mutate(file);
  try {
    parseGraphValue(file);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error('the file was accepted');
}

describe('gradflow.graph refusals name the problem and the place', () => {
  const cases: [string, (f: File) => void, RegExp, Record<string, unknown>][] = [
    ['wrong format', (f) => { f.format = 'other'; }, /wrong format "other"/, { path: '/format' }],
    ['missing format', (f) => { delete f.format; }, /missing "format"/, { path: '/format' }],
    ['newer version', (f) => { f.version = 7; }, /made by a newer gradflow \(format version 7; this one reads up to 1\)/, { path: '/version' }],
    ['version 0', (f) => { f.version = 0; }, /"version" must be a positive whole number/, { path: '/version' }],
    ['version string', (f) => { f.version = '1'; }, /"version" must be a positive whole number, not "1"/, { path: '/version' }],
    ['nodes not an array', (f) => { f.nodes = {} as never; }, /"nodes" must be an array/, { path: '/nodes' }],
    ['missing id', (f) => { delete f.nodes[3].id; }, /node 3 has no "id"/, { path: '/nodes/3/id' }],
    ['empty id', (f) => { f.nodes[3].id = ''; }, /node 3 has an invalid id ""/, { path: '/nodes/3/id' }],
    ['duplicate node id', (f) => { f.nodes[4].id = 'q'; }, /duplicate node id 'q'/, { nodeId: 'q', path: '/nodes/4' }],
    ['unknown op', (f) => { f.nodes[3].op = 'plus'; }, /node 'q' has unknown op "plus"/, { nodeId: 'q', path: '/nodes/3/op' }],
    ['op __proto__', (f) => { f.nodes[3].op = '__proto__'; }, /unknown op "__proto__"/, { nodeId: 'q', path: '/nodes/3/op' }],
    ['missing value', (f) => { delete f.nodes[0].value; }, /node 'x' \(input\) needs a "value"/, { nodeId: 'x', path: '/nodes/0/value' }],
    ['non-numeric value', (f) => { f.nodes[0].value = 'nan'; }, /node 'x' \(input\) has a non-numeric value "nan": expected a number or one of "Infinity", "-Infinity", "NaN"/, { nodeId: 'x', path: '/nodes/0/value' }],
    ['number as text', (f) => { f.nodes[0].value = '1e400'; }, /non-numeric value "1e400"/, { nodeId: 'x', path: '/nodes/0/value' }],
    ['null value', (f) => { f.nodes[0].value = null; }, /non-numeric value null/, { path: '/nodes/0/value' }],
    ['value on an operator', (f) => { f.nodes[3].value = 3; }, /node 'q' \(add\) takes no "value"/, { path: '/nodes/3/value' }],
    ['edge to missing node', (f) => { f.edges[1].target = 'nowhere'; }, /edge 'e2' goes to missing node 'nowhere'/, { edgeId: 'e2', path: '/edges/1' }],
    ['edge from missing node', (f) => { f.edges[1].source = 'ghost'; }, /edge 'e2' comes from missing node 'ghost'/, { edgeId: 'e2', path: '/edges/1' }],
    ['duplicate edge id', (f) => { f.edges[1].id = 'e1'; }, /duplicate edge id 'e1'/, { edgeId: 'e1', path: '/edges/1' }],
    ['port with no edge', (f) => { f.edges.splice(3, 1); }, /input port 1 of node 'f' \(mul\) has no edge/, { nodeId: 'f', path: '/nodes/4' }],
    ['two edges into one port', (f) => { f.edges[3].targetPort = 0; }, /two edges go into port 0 of node 'f' \(mul\): 'e3' and 'e4'/, { edgeId: 'e4', path: '/edges/3' }],
    ['wrong number of inputs', (f) => { f.nodes.push({ id: 'g', op: 'exp', output: false }); f.edges.push({ id: 'e5', source: 'x', target: 'g', targetPort: 0 }, { id: 'e6', source: 'y', target: 'g', targetPort: 1 }); },
      /edge 'e6' goes to port 1 of node 'g' \(exp\), which has 1 input/, { edgeId: 'e6', path: '/edges/5' }],
    ['edge into a leaf', (f) => { f.edges.push({ id: 'e5', source: 'x', target: 'y', targetPort: 0 }); }, /goes into node 'y' \(input\), which takes no inputs/, { edgeId: 'e5' }],
    ['negative port', (f) => { f.edges[0].targetPort = -1; }, /edge 'e1' has targetPort -1/, { edgeId: 'e1', path: '/edges/0/targetPort' }],
    ['fractional port', (f) => { f.edges[0].targetPort = 0.5; }, /targetPort 0.5/, { path: '/edges/0/targetPort' }],
    ['missing port', (f) => { delete f.edges[0].targetPort; }, /edge 'e1' has no "targetPort"/, { path: '/edges/0/targetPort' }],
    ['cycle', (f) => {
      f.nodes.push({ id: 'a', op: 'exp' }, { id: 'b', op: 'sin' });
      f.edges.push({ id: 'c1', source: 'a', target: 'b', targetPort: 0 }, { id: 'c2', source: 'b', target: 'a', targetPort: 0 });
    }, /the graph has a cycle: ('a' → 'b' → 'a'|'b' → 'a' → 'b')$/, {}],
    ['self loop', (f) => { f.edges[0].source = 'q'; }, /connects node 'q' to itself/, { edgeId: 'e1' }],
    ['several outputs marked', (f) => { f.nodes[3].output = true; }, /several nodes are marked as output: 'q', 'f'/, {}],
    ['ambiguous output', (f) => { delete f.nodes[4].output; f.nodes.push({ id: 'lonely', op: 'input', value: 1 }); }, /the output is ambiguous: 2 nodes have no outgoing edge \('f', 'lonely'\)/, {}],
    ['unknown param', (f) => { f.nodes[3].params = { a: 2 }; }, /node 'q' has unknown parameter "a" \(its op takes none\)/, { path: '/nodes/3/params/a' }],
    ['param not a number', (f) => { f.nodes.push({ id: 's', op: 'scale', params: { a: 'big' } }); }, /parameter 'a' is "big": expected a finite number/, { nodeId: 's' }],
    ['bad position', (f) => { f.nodes[0].position = { x: 1 }; }, /node 'x' has position.y nothing/, { path: '/nodes/0/position/y' }],
    ['output not boolean', (f) => { f.nodes[4].output = 'yes'; }, /"output" "yes": expected true or false/, { path: '/nodes/4/output' }],
    ['label not a string', (f) => { f.nodes[4].label = 5; }, /label that is not a string/, { path: '/nodes/4/label' }],
    ['edge not an object', (f) => { f.edges[2] = 'e3' as never; }, /edge 2 must be an object, not a string/, { path: '/edges/2' }],
    ['training not an object', (f) => { f.training = 3; }, /"training" must be an object/, { path: '/training' }],
    ['training field unknown', (f) => { f.training = { epoch: 3 }; }, /unknown training field "epoch"/, { path: '/training/epoch' }],
    ['training batch fractional', (f) => { f.training = { batchSize: 2.5 }; }, /training.batchSize is 2.5: expected a whole number/, { path: '/training/batchSize' }],
    ['training rate zero', (f) => { f.training = { learningRate: 0 }; }, /training.learningRate is 0: expected more than 0/, { path: '/training/learningRate' }],
    ['no nodes', (f) => { f.nodes = []; f.edges = []; }, /the graph has no nodes/, {}],
  ];
  it.each(cases)('%s', (_name, mutate, message, place) => {
    const error = refusal(mutate);
    expect(error.message).toMatch(message);
    expect(error.place).toMatchObject(place);
  });

  it('reports invalid JSON with line and column', () => {
    const text = '{\n  "format": "gradflow.graph",\n  "version": 1,\n  "nodes": [,]\n}';
    expect(() => parseGraph(text)).toThrow(/invalid JSON at line 4, column 13: unexpected character ","/);
    try { parseGraph(text); } catch (e) { expect((e as GraphError).place).toEqual({ path: '', line: 4, column: 13 }); }
    expect(() => parseGraph('{"a": 1')).toThrow(/line 1, column 8: unexpected end of text/);
    expect(() => parseGraph('{"a": 1} x')).toThrow(/line 1, column 10: unexpected text after the end/);
    expect(() => parseGraph('{"a": NaN}')).toThrow(/line 1, column 7/);
    expect(() => parseGraph("{'a': 1}")).toThrow(/column 2: expected a property name in double quotes/);
    expect(() => parseGraph('[1, 2,]')).toThrow(/column 7/);
    expect(() => parseGraph('')).toThrow(/line 1, column 1: unexpected end of text/);
  });

  it('refuses a top level that is not an object', () => {
    expect(() => parseGraph('[]')).toThrow(/a gradflow graph file is a JSON object, not an array/);
    expect(() => parseGraph('null')).toThrow(/not null/);
  });
});

describe('gradflow.graph reading', () => {
  it('reads the issue\'s sample with optional edge ids, params and positions', () => {
    const graph = parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [
        { id: 'x', op: 'input', value: -2, label: 'x', position: { x: 0, y: 0 } },
        { id: 's', op: 'scale', params: { a: 2 } },
        { id: 'f', op: 'mul', output: true },
      ],
      edges: [
        { id: 'e1', source: 'x', target: 's', targetPort: 0 },
        { source: 's', target: 'f', targetPort: 0 },
        { source: 'x', target: 'f', targetPort: 1 },
      ],
    }));
    expect(graph.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(graph.nodes[1].params).toEqual({ a: 2 });
    expect(graph.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(graph.nodes[2].output).toBe(true);
  });

  it('keeps unknown fields on a round trip, at every level', () => {
    const file = base() as File;
    file.viewport = { x: 10, y: -3, zoom: 1.5 };
    file.metadata = { author: 'someone' };
    file.nodes[0].color = 'red';
    file.edges[2].style = { dashed: true };
    const graph = parseGraphValue(file);
    expect(graph.extra).toEqual({ viewport: { x: 10, y: -3, zoom: 1.5 }, metadata: { author: 'someone' } });
    expect(graph.nodes[0].extra).toEqual({ color: 'red' });
    expect(graph.edges[2].extra).toEqual({ style: { dashed: true } });
    const again = JSON.parse(serializeGraph(graph)) as File;
    expect(again.viewport).toEqual(file.viewport);
    expect(again.nodes[0].color).toBe('red');
    expect(again.edges[2].style).toEqual({ dashed: true });
    expect(parseGraph(serializeGraph(graph))).toEqual(graph);
  });

  it('treats __proto__ and constructor as ordinary ids and keys', () => {
    const text = '{"format":"gradflow.graph","version":1,"__proto__":{"polluted":true},'
      + '"nodes":[{"id":"__proto__","op":"input","value":2,"__proto__":{"polluted":true}},{"id":"constructor","op":"square","output":true}],'
      + '"edges":[{"id":"toString","source":"__proto__","target":"constructor","targetPort":0}]}';
    const graph = parseGraph(text);
    expect(graph.nodes.map((n) => n.id)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(graph.extra)).toBe(Object.prototype);
    expect(Object.keys(graph.extra ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(serializeGraph(graph)).toContain('"__proto__": {');
    expect(parseGraph(serializeGraph(graph))).toEqual(graph);
    expect(() => parseGraph(text.replace('"id":"constructor"', '"id":"hasOwnProperty"').replace('"target":"constructor"', '"target":"hasOwnProperty"'))).not.toThrow();
  });

  it('reads and validates training defaults', () => {
    const file = base() as File;
    file.training = { epochs: 30, batchSize: 10, learningRate: 3, seed: 1, l2: 0 };
    expect(parseGraphValue(file).training).toEqual({ epochs: 30, batchSize: 10, learningRate: 3, seed: 1, l2: 0 });
  });

  it('validates params against the operator\'s definitions', () => {
    const layered = {
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 's', op: 'samples', params: { size: 4 } }, { id: 'd', op: 'dense', params: { units: 3, init: 'he' } }, { id: 'l', op: 'mse' }],
      edges: [{ source: 's', target: 'd', targetPort: 0 }, { source: 'd', target: 'l', targetPort: 0 }],
    };
    expect(parseGraphValue(layered).nodes[1].params).toEqual({ units: 3, init: 'he' });
    const bad = (params: Record<string, unknown>): string => {
      try { parseGraphValue({ ...layered, nodes: [layered.nodes[0], { id: 'd', op: 'dense', params }, layered.nodes[2]] }); } catch (e) { return (e as Error).message; }
      return 'accepted';
    };
    expect(bad({ units: 2.5 })).toMatch(/parameter 'units' is 2.5: expected a whole number/);
    expect(bad({ units: 0 })).toMatch(/parameter 'units' is 0: expected at least 1/);
    expect(bad({ init: 'zeros' })).toMatch(/parameter 'init' is "zeros": expected one of normal, xavier, he/);
  });

  it('accepts layered graphs, which only a compiled network can run', () => {
    for (const name of ['mnist-nielsen.json', 'mnist-modern.json']) {
      const path = `public/examples/${name}`;
      let text: string;
      try { text = readFileSync(path, 'utf8'); } catch { continue; }
      expect(parseGraph(text).nodes.some((n) => n.op === 'dense')).toBe(true);
    }
  });

  it('writes values JSON cannot hold as "Infinity", "-Infinity" and "NaN", and reads them back', () => {
    for (const [value, spelled] of [[Infinity, 'Infinity'], [-Infinity, '-Infinity'], [NaN, 'NaN']] as const) {
      const graph = parseGraphValue(base());
      graph.nodes[0].value = value;
      const text = serializeGraph(graph);
      expect((JSON.parse(text) as { nodes: { value: unknown }[] }).nodes[0].value).toBe(spelled);
      expect(parseGraph(text).nodes[0].value).toBe(value);
      expect(serializeGraph(parseGraph(text))).toBe(text);
    }
  });

  it('writes pretty JSON with the format and version first', () => {
    const text = serializeGraph(parseGraphValue(base()));
    expect(text.startsWith('{\n  "format": "gradflow.graph",\n  "version": 1,\n  "nodes": [\n')).toBe(true);
    expect(toFileValue(parseGraphValue(base()))).toEqual(base());
    expect(FORMAT_NAME).toBe('gradflow.graph');
    expect(FORMAT_VERSION).toBe(1);
  });
});

describe('migrations', () => {
  it('has no migration yet: version 1 is the first', () => {
    expect(MIGRATIONS).toEqual([]);
  });

  it('migrates step by step through a table', () => {
    // A made-up history: v1 called the output flag "isOutput", v2 renamed it, v3 added a field.
    const steps: Migration[] = [
      { from: 1, doc: 'isOutput -> output', migrate: (f) => ({ ...f, nodes: (f.nodes as Record<string, unknown>[]).map(({ isOutput, ...n }) => (isOutput === undefined ? n : { ...n, output: isOutput })) }) },
      { from: 2, doc: 'adds a note', migrate: (f) => ({ ...f, note: 'v3' }) },
    ];
    const old = { format: 'gradflow.graph', version: 1, nodes: [{ id: 'x', op: 'input', value: 1, isOutput: true }] };
    const migrated = migrateFile(old, 1, steps, 3);
    expect(migrated).toEqual({ format: 'gradflow.graph', version: 3, nodes: [{ id: 'x', op: 'input', value: 1, output: true }], note: 'v3' });
    expect(migrateFile(migrated, 3, steps, 3)).toBe(migrated);
    expect(() => migrateFile(old, 4, steps, 3)).toThrow(/made by a newer gradflow \(format version 4; this one reads up to 3\)/);
    expect(() => migrateFile(old, 1, steps.slice(1), 3)).toThrow(/format version 1 is not one gradflow can read \(versions 2 to 3\)/);
  });
});

const graphArbitrary = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 }), size: fc.integer({ min: 1, max: 25 }), inputs: fc.integer({ min: 1, max: 4 }) })
  .map(({ seed, size, inputs }) => {
    const random = seeded(seed);
    const graph = randomDag(random, size, inputs);
    // Optional fields a file may carry.
    graph.nodes.forEach((node, i) => {
      if (random() < 0.5) node.position = { x: i * 10, y: Math.round(random() * 500) };
      if (random() < 0.3) node.label = `node ${i}`;
    });
    if (random() < 0.5) graph.extra = { viewport: { x: 0, y: 0, zoom: 1 } };
    if (random() < 0.3) graph.training = { epochs: 2, learningRate: 0.5 };
    return graph;
  });

describe('properties', () => {
  it('export -> import gives the identical graph', () => {
    fc.assert(fc.property(graphArbitrary, (graph: Graph) => {
      const text = serializeGraph(graph);
      expect(parseGraph(text)).toEqual(graph);
      expect(serializeGraph(parseGraph(text))).toBe(text);
    }), { numRuns: 150 });
  });

  // Any JSON value in place of any field, deleted fields and truncated text.
  const jsonValue = fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'NaN', '__proto__', 'constructor', 'input', 'add', [], {}, [1], { x: 1 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  it('random mutations of valid files only ever produce GraphError', () => {
    fc.assert(fc.property(graphArbitrary, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 }), jsonValue), { minLength: 1, maxLength: 4 }), (graph, mutations) => {
      const file = JSON.parse(serializeGraph(graph)) as Record<string, unknown>;
      for (const [a, b, kind, value] of mutations) {
        // Collect every object/array in the file and pick one to mutate.
        const containers: (Record<string, unknown> | unknown[])[] = [];
        const stack: unknown[] = [file];
        while (stack.length > 0) {
          const at = stack.pop();
          if (typeof at === 'object' && at !== null) {
            containers.push(at as Record<string, unknown>);
            stack.push(...Object.values(at));
          }
        }
        const target = containers[a % containers.length];
        const keys = Object.keys(target);
        if (kind === 4 && Array.isArray(target)) target.push(value);
        else if (keys.length === 0) continue;
        else if (kind === 0 && !Array.isArray(target)) delete target[keys[b % keys.length]];
        else if (kind === 1 && Array.isArray(target)) target.splice(b % keys.length, 1);
        else if (kind === 3 && Array.isArray(target)) target.push(target[b % keys.length]);
        else (target as Record<string, unknown>)[keys[b % keys.length]] = value;
      }
      for (const input of [JSON.stringify(file), serializeGraph(graph).slice(0, mutations[0][0] % 400)]) {
        try {
          parseGraph(input);
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: Number(process.env.GRADFLOW_FUZZ_RUNS ?? 400) });
  });
});
