import { describe, expect, it } from 'vitest';
import {
  backpropBatch, biasId, compileNetwork, createNetwork, createRng, evaluate, expandToScalarGraph,
  gradientCheck, gradOf, inferShapes, parseWeights, predict, serializeWeights, valueOf, weightId,
  type Dataset, type Graph, type GraphNode,
} from '../src/core';
import { chain } from './helpers/graphs';
import { worstParamError } from './helpers/gradcheck';

const nielsen = chain([['x', 'samples', { size: 784 }], ['d1', 'dense', { units: 30 }], ['s1', 'sigmoid'], ['d2', 'dense', { units: 10 }], ['s2', 'sigmoid'], ['c', 'mse']]);

describe('shape inference', () => {
  it('shows 784, 30, 10 on the edges of the Nielsen network', () => {
    const shapes = inferShapes(nielsen);
    expect(shapes.errors).toEqual([]);
    expect(shapes.edgeShapes).toEqual({ e1: 784, e2: 30, e3: 30, e4: 10, e5: 10 });
    expect(shapes.nodeShapes.d1).toBe(30);
    expect(shapes.nodeShapes.c).toBe(1);
  });

  it('has nothing to say about a scalar graph', () => {
    const g: Graph = { nodes: [{ id: 'a', op: 'input', value: 1 }, { id: 'b', op: 'neg' }], edges: [{ id: 'e', source: 'a', target: 'b', targetPort: 0 }] };
    expect(inferShapes(g)).toEqual({ edgeShapes: {}, nodeShapes: {}, nodeDims: {}, edgeLabels: {}, errors: [] });
  });

  it('puts a wrong output size on the dense layer that causes it', () => {
    const g = chain([['x', 'samples'], ['d1', 'dense', { units: 7 }], ['s', 'sigmoid'], ['c', 'mse']]);
    const { errors } = inferShapes(g);
    expect(errors).toHaveLength(1);
    expect(errors[0].place.nodeId).toBe('d1');
    expect(errors[0].message).toMatch(/7 outputs.*10/);
    expect(() => compileNetwork(g)).toThrow(/7 outputs/);
  });

  it('reports a missing loss on the last node', () => {
    const g = chain([['x', 'samples'], ['d1', 'dense', { units: 10 }], ['s', 'sigmoid']]);
    const { errors, edgeShapes } = inferShapes(g);
    expect(edgeShapes).toEqual({ e1: 784, e2: 10 });
    expect(errors.map((e) => e.place.nodeId)).toEqual(['s']);
    expect(errors[0].message).toMatch(/no loss/);
  });

  it('reports a dense without input, a scalar operator and cross-entropy without softmax on their nodes', () => {
    const g: Graph = {
      nodes: [
        { id: 'x', op: 'samples' }, { id: 'd1', op: 'dense', params: { units: 10 } }, { id: 'c', op: 'cross_entropy' },
        { id: 'lonely', op: 'dense' }, { id: 'k', op: 'const', value: 2 },
      ],
      edges: [{ id: 'e1', source: 'x', target: 'd1', targetPort: 0 }, { id: 'e2', source: 'd1', target: 'c', targetPort: 0 }],
    };
    const byNode = new Map(inferShapes(g).errors.map((e) => [e.place.nodeId, e.message]));
    expect(byNode.get('lonely')).toMatch(/no input/);
    expect(byNode.get('k')).toMatch(/scalar operator/);
    expect(byNode.get('c')).toMatch(/softmax/);
  });

  it('rejects bad sizes, fan-out and a second samples node', () => {
    expect(inferShapes(chain([['x', 'samples', { size: 0 }], ['d', 'dense', { units: 10 }], ['c', 'mse']])).errors[0].place.nodeId).toBe('x');
    expect(inferShapes(chain([['x', 'samples'], ['d', 'dense', { units: 2.5 }], ['c', 'mse']])).errors[0].place.nodeId).toBe('d');
    const fan = chain([['x', 'samples'], ['d', 'dense', { units: 10 }], ['c', 'mse']]);
    fan.nodes.push({ id: 'd2', op: 'dense', params: { units: 10 } }, { id: 'x2', op: 'samples' });
    fan.edges.push({ id: 'e9', source: 'x', target: 'd2', targetPort: 0 });
    const byNode = new Map(inferShapes(fan).errors.map((e) => [e.place.nodeId, e.message]));
    expect(byNode.get('x')).toMatch(/single chain/);
    expect(byNode.get('x2')).toMatch(/more than one samples/);
  });

  it('refuses an edge into a port other than 0, and a loop cut off from the samples node', () => {
    const g = chain([['x', 'samples'], ['d', 'dense', { units: 10 }], ['c', 'mse']]);
    g.edges[1] = { ...g.edges[1], targetPort: 1 };
    expect(inferShapes(g).errors[0]).toMatchObject({ place: { nodeId: 'c' } });
    expect(inferShapes(g).errors[0].message).toMatch(/port 1 of mse 'c'/);
    const loop = chain([['x', 'samples'], ['d', 'dense', { units: 10 }], ['s', 'sigmoid'], ['c', 'mse']]);
    loop.edges.push({ id: 'back', source: 's', target: 'd', targetPort: 0 });
    loop.edges[0] = { ...loop.edges[0], target: 'c' };
    // A loop cut off from the samples node cannot be trained: each of its nodes says so.
    const byNode = new Map(inferShapes(loop).errors.map((e) => [e.place.nodeId, e.message]));
    expect(byNode.get('d')).toMatch(/not on the path from the samples node to the loss/);
    expect(byNode.get('s')).toMatch(/not on the path/);
  });

  it('treats ids such as __proto__ as ordinary ids', () => {
    const g = chain([['__proto__', 'samples', { size: 4 }], ['constructor', 'dense', { units: 10 }], ['toString', 'svm']]);
    const shapes = inferShapes(g);
    expect(shapes.errors).toEqual([]);
    expect(shapes.nodeShapes.__proto__).toBe(4);
    expect(Object.keys(shapes.nodeShapes)).toEqual(['__proto__', 'constructor', 'toString']);
  });
});

describe('compileNetwork', () => {
  it('describes the Nielsen network', () => {
    const spec = compileNetwork(nielsen);
    expect(spec.inputSize).toBe(784);
    expect(spec.outputSize).toBe(10);
    expect(spec.loss).toBe('mse');
    expect(spec.paramCount).toBe(784 * 30 + 30 + 30 * 10 + 10);
    expect(spec.layers.map((l) => l.kind)).toEqual(['dense', 'activation', 'dense', 'activation']);
    expect(spec.nodeIds).toEqual(['x', 'd1', 's1', 'd2', 's2', 'c']);
    expect(spec.summary).toHaveLength(6);
    expect(spec.summary[1]).toContain('784 -> 30');
  });

  it('refuses a scalar graph', () => {
    expect(() => compileNetwork({ nodes: [{ id: 'a', op: 'input', value: 1 }], edges: [] })).toThrow(/no layer operators/);
  });
});

describe('initial parameters by params.init', () => {
  const moments = (xs: Float64Array): { mean: number; sd: number } => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) };
  };
  // 784 x 30 = 23,520 weights: the sample standard deviation is within about 0.5% of the true one.
  for (const [init, sd, biasSd] of [['normal', 1, 1], ['xavier', Math.sqrt(1 / 784), 0], ['he', Math.sqrt(2 / 784), 0]] as const) {
    it(`${init}: weights N(0, ${sd.toPrecision(3)}²), biases ${biasSd === 0 ? 'zero' : 'N(0, 1) as network.py'}`, () => {
      const net = createNetwork(compileNetwork(chain([['x', 'samples'], ['d', 'dense', { units: 30, init }], ['s', 'sigmoid'], ['o', 'dense', { units: 10, init }], ['c', 'mse']])), createRng(5));
      const w = moments(net.dense[0].weights);
      expect(Math.abs(w.mean)).toBeLessThan(0.03 * sd);
      expect(w.sd / sd).toBeGreaterThan(0.97);
      expect(w.sd / sd).toBeLessThan(1.03);
      const b = moments(net.dense[0].biases);
      if (biasSd === 0) expect(net.dense[0].biases.every((x) => x === 0)).toBe(true);
      else expect(b.sd).toBeGreaterThan(0.5);
      // The output layer scales by its own fan-in, 30.
      const scale = init === 'normal' ? 1 : init === 'xavier' ? Math.sqrt(1 / 30) : Math.sqrt(2 / 30);
      expect(moments(net.dense[1].weights).sd / scale).toBeGreaterThan(0.8);
      expect(moments(net.dense[1].weights).sd / scale).toBeLessThan(1.2);
    });
  }
});

/** A one-sample dataset with float32-exact inputs, so compiled and scalar engines see the same numbers. */
function oneSample(input: number[], label: number): Dataset {
  return { count: 1, inputSize: input.length, images: Float32Array.from(input), labels: Uint8Array.of(label) };
}

const activations = ['sigmoid', 'relu', 'tanh'] as const;
/** Both first-layer implementations: plain JavaScript and WebAssembly SIMD. */
const kernels = ['js', 'simd'] as const;
const heads = [
  { loss: 'mse', head: 'act' },
  { loss: 'cross_entropy', head: 'softmax' },
  { loss: 'svm', head: 'none' },
  { loss: 'svm', head: 'act' },
] as const;

/** 4-3-2 network: samples 4 -> dense 3 -> act -> dense 2 -> head -> loss. */
function smallNet(act: (typeof activations)[number], loss: (typeof heads)[number]['loss'], head: (typeof heads)[number]['head']): Graph {
  const rows: [string, GraphNode['op'], Record<string, number | string>?][] = [['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', act], ['o', 'dense', { units: 2 }]];
  if (head === 'act') rows.push(['ao', act]);
  if (head === 'softmax') rows.push(['p', 'softmax']);
  rows.push(['C', loss]);
  return chain(rows);
}

describe('compiled backward pass (JS and SIMD kernels) equals the scalar engine (4-3-2, float64)', () => {
  for (const act of activations) {
    for (const { loss, head } of heads) {
      it(`${act} with ${loss}${head === 'softmax' ? ' after softmax' : head === 'act' ? ` after ${act}` : ' on raw scores'}`, () => {
        const graph = smallNet(act, loss, head);
        const spec = compileNetwork(graph, { classes: 2 });
        const rng = createRng(act.length * 31 + loss.length);
        for (let trial = 0; trial < 5; trial++) {
          const network = createNetwork(spec, rng);
          const input = Array.from({ length: 4 }, () => Math.fround(rng.next() * 2 - 0.5));
          const label = rng.int(2);
          const scalar = evaluate(expandToScalarGraph(graph, network, { input, label }));
          for (const kernel of kernels) {
            const result = backpropBatch(network, oneSample(input, label), [0], kernel);
            expect(Math.abs(result.loss - valueOf(scalar, 'C'))).toBeLessThan(1e-12);
            network.dense.forEach((d, k) => {
              for (let j = 0; j < d.units; j++) {
                expect(Math.abs(result.biasGrads[k][j] - gradOf(scalar, biasId(d.nodeId, j)))).toBeLessThan(1e-9);
                // delta^l is dC/dz^l: the gradient at the neuron's sum node.
                expect(Math.abs(result.deltas[k][j] - gradOf(scalar, `${d.nodeId}.z${j}`))).toBeLessThan(1e-9);
                for (let i = 0; i < d.inputSize; i++) {
                  expect(Math.abs(result.weightGrads[k][j * d.inputSize + i] - gradOf(scalar, weightId(d.nodeId, j, i)))).toBeLessThan(1e-9);
                }
              }
            });
          }
          // The expanded graph itself passes the scalar engine's gradient check (tiny gradients judged absolutely).
          for (const c of gradientCheck(expandToScalarGraph(graph, network, { input, label })).inputs) {
            expect(Math.abs(c.analytic - c.numerical) / Math.max(Math.abs(c.analytic), Math.abs(c.numerical), 1e-4)).toBeLessThan(1e-5);
          }
        }
      });
    }
  }
});

/** Loss of a network on a dataset (mean), for central differences. */
describe('numerical gradient check of the compiled network', () => {
  for (const act of activations) {
    for (const { loss, head } of heads) {
      it(`${act}, ${loss} (${head}): every parameter within 1e-6 relative error (central differences, h = 1e-5)`, () => {
        const graph = smallNet(act, loss, head);
        const network = createNetwork(compileNetwork(graph, { classes: 2 }), createRng(7));
        const rng = createRng(11);
        const count = 3;
        const images = Float32Array.from({ length: 4 * count }, () => rng.next());
        const data: Dataset = { count, inputSize: 4, images, labels: Uint8Array.from({ length: count }, () => rng.int(2)) };
        const analytic = backpropBatch(network, data, [0, 1, 2]);
        expect(worstParamError(network, data, analytic)).toBeLessThan(1e-6);
      });
    }
  }
});

describe('the four equations on the Nielsen network', () => {
  it('BP3/BP4: dC/db is the mean delta and dC/dw the mean of a^{l-1} delta', () => {
    const spec = compileNetwork(nielsen);
    const network = createNetwork(spec, createRng(3));
    const rng = createRng(4);
    const data: Dataset = { count: 4, inputSize: 784, images: Uint8Array.from({ length: 4 * 784 }, () => (rng.next() < 0.8 ? 0 : rng.int(256))), labels: Uint8Array.of(1, 7, 3, 0) };
    const r = backpropBatch(network, data, [0, 1, 2, 3]);
    expect(r.deltas.map((d) => d.length)).toEqual([4 * 30, 4 * 10]);
    for (let j = 0; j < 10; j++) {
      const mean = (r.deltas[1][j] + r.deltas[1][10 + j] + r.deltas[1][20 + j] + r.deltas[1][30 + j]) / 4;
      expect(r.biasGrads[1][j]).toBeCloseTo(mean, 12);
    }
    // dC/dw for pixel 0 of unit 5 of the first layer: mean over samples of x_0 · delta_5.
    let expected = 0;
    for (let s = 0; s < 4; s++) expected += (data.images[s * 784 + 300] / 255) * r.deltas[0][s * 30 + 5];
    expect(r.weightGrads[0][5 * 784 + 300]).toBeCloseTo(expected / 4, 12);
  });
});

describe('weights files', () => {
  it('round-trip exactly and predict the same', () => {
    const spec = compileNetwork(nielsen);
    const network = createNetwork(spec, createRng(5));
    const input = Array.from({ length: 784 }, (_, i) => (i % 7 === 0 ? 0.5 : 0));
    const back = parseWeights(serializeWeights(network, { format: 'gradflow.graph' }), spec);
    expect(back.dense[0].weights).toEqual(network.dense[0].weights);
    expect(predict(back, input)).toEqual(predict(network, input));
  });

  it('name the mismatch', () => {
    const spec = compileNetwork(nielsen);
    const other = compileNetwork(chain([['x', 'samples'], ['d1', 'dense', { units: 20 }], ['s1', 'sigmoid'], ['d2', 'dense', { units: 10 }], ['s2', 'sigmoid'], ['c', 'mse']]));
    const json = serializeWeights(createNetwork(other, createRng(1)));
    expect(() => parseWeights(json, spec)).toThrow(/784 -> 30 but the weights file has 784 -> 20/);
    expect(() => parseWeights('{"format":"gradflow.weights","version":1,"layers":[]}', spec)).toThrow(/0 layers with parameters but the network has 2/);
    expect(() => parseWeights('not json', spec)).toThrow(/not valid JSON/);
    expect(() => parseWeights('{"format":"x"}', spec)).toThrow(/not a gradflow weights file/);
  });
});

describe('expandToScalarGraph', () => {
  it('refuses networks above the node cap, saying how many nodes they would make', () => {
    const g = chain([['x', 'samples', { size: 100 }], ['d', 'dense', { units: 10 }], ['c', 'svm']]);
    const network = createNetwork(compileNetwork(g), createRng(1));
    expect(() => expandToScalarGraph(g, network, { input: new Array(100).fill(0), label: 1 })).toThrow('the network has 110 neurons and would expand to 2,149 scalar nodes; the limit is 2,000');
  });
});

describe('other layer stacks against the scalar engine', () => {
  const stacks: [string, Graph][] = [
    ['an activation before the first dense layer', chain([['x', 'samples', { size: 3 }], ['t', 'tanh'], ['d', 'dense', { units: 3 }], ['C', 'svm']])],
    ['two hidden layers (BP2 through a middle layer)', chain([['x', 'samples', { size: 3 }], ['h1', 'dense', { units: 4 }], ['a1', 'relu'], ['h2', 'dense', { units: 4, init: 'xavier' }], ['a2', 'sigmoid'], ['o', 'dense', { units: 3, init: 'he' }], ['p', 'softmax'], ['C', 'mse']])],
  ];
  for (const [name, graph] of stacks) {
    it(name, () => {
      const rng = createRng(99);
      const network = createNetwork(compileNetwork(graph, { classes: 3 }), rng);
      const input = [0.25, -0.5, 0.75];
      const scalar = evaluate(expandToScalarGraph(graph, network, { input, label: 2 }));
      for (const kernel of kernels) {
        const result = backpropBatch(network, oneSample(input, 2), [0], kernel);
        expect(Math.abs(result.loss - valueOf(scalar, 'C'))).toBeLessThan(1e-12);
        network.dense.forEach((d, k) => {
          for (let j = 0; j < d.units; j++) {
            expect(Math.abs(result.biasGrads[k][j] - gradOf(scalar, biasId(d.nodeId, j)))).toBeLessThan(1e-9);
            for (let i = 0; i < d.inputSize; i++) expect(Math.abs(result.weightGrads[k][j * d.inputSize + i] - gradOf(scalar, weightId(d.nodeId, j, i)))).toBeLessThan(1e-9);
          }
        });
      }
    });
  }
});
