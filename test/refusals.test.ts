import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphError, reasonOf, type Reason } from '../src/core/graph/errors';
import { parseGraph } from '../src/core/format/parse';
import { compileProgram } from '../src/core/graph/program';
import { graphFromExpression } from '../src/core/expr/toGraph';
import { parseCsv } from '../src/core/data/csv';
import { encodeIdx, parseIdx, splitFromIdx } from '../src/core/data/idx';
import { compileNetwork } from '../src/core/net/compile';
import { inferShapes } from '../src/core/net/shapes';
import { parseWeights } from '../src/core/net/weights';
import { fuseSubgraph } from '../src/core/graph/fuse';
import { problemFromGraph } from '../src/core/landscape/problemGraph';
import { slice2d } from '../src/core/landscape/slice';
import { setValue } from '../src/core/graph/edits';
import { numberRefusal, readNumber } from '../src/core/expr/number';
import { onnxToNetwork } from '../src/core/onnx/import';
import { readLesson, readLessonValue, type LessonProblem } from '../src/core/lessons';
import type { Graph } from '../src/core/graph/types';
import { toySplit } from '../src/core/data/toy';
import { EMBEDDED_MAGIC, parseEmbedded } from '../src/core/data/embedded';
import { axis } from '../src/core/landscape/slice';
import { randomSearch } from '../src/core/landscape/strategies';
import { learningRateSweep } from '../src/core/sweep/learningRate';
import { checkTrainOptions } from '../src/core/net/train';
import { checkData } from '../src/core/net/backprop';
import { createNetwork } from '../src/core/net/network';
import { createRng } from '../src/core/random';
import { onnx } from '../src/core/onnx/proto';
import { gzipSync } from 'fflate';
import { EN_CATALOG, i18n, startI18n, ZH_CATALOG } from '../src/i18n';
import { errorLine, reasonText } from '../src/i18n/refusals';

startI18n([], { lng: 'en' });
afterEach(() => { void i18n.changeLanguage('en'); });

/** The error `work` throws. */
function refusal(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

const file = (nodes: unknown[], edges: unknown[] = []): string => JSON.stringify({ format: 'gradflow.graph', version: 1, nodes, edges });
const input = (id: string, value = 1) => ({ id, op: 'input', value });
const edge = (id: string, source: string, target: string, targetPort = 0) => ({ id, source, target, targetPort });
const layered = (nodes: Graph['nodes'], edges: Graph['edges']): Graph => ({ nodes, edges });
/** A 4 → 3 → softmax → cross-entropy network whose weights files the cases below get wrong. */
const weightsSpec = () => compileNetwork(layered(
  [{ id: 's', op: 'samples', params: { size: 4 } }, { id: 'd', op: 'dense', params: { units: 3 } }, { id: 'p', op: 'softmax' }, { id: 'l', op: 'cross_entropy' }],
  [{ id: 'e1', source: 's', target: 'd', targetPort: 0 }, { id: 'e2', source: 'd', target: 'p', targetPort: 0 }, { id: 'e3', source: 'p', target: 'l', targetPort: 0 }],
));

/** An embedded-MNIST header (magic, version, counts, image size) followed by `extra` bytes. */
function embedded(version: number, extra: number, magic = EMBEDDED_MAGIC): Uint8Array {
  const bytes = new Uint8Array(24 + extra);
  bytes.set([...magic].map((c) => c.charCodeAt(0)));
  const view = new DataView(bytes.buffer);
  view.setUint32(4, version, true);
  view.setUint32(8, 1, true);
  view.setUint32(12, 1, true);
  view.setUint32(16, 2, true);
  view.setUint32(20, 2, true);
  return bytes;
}

/** A one-input ONNX model of `nodes` (each reading the previous output unless it names its inputs), with `initializer` tensors. */
function onnxChain(nodes: { name: string; opType: string; input?: string[]; attribute?: { name: string; i?: number; type: number }[] }[], initializer: { name: string; dataType: number; dims: number[]; rawData: Uint8Array }[] = []): Uint8Array {
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  return onnx.ModelProto.encode({
    irVersion: 8, opsetImport: [{ domain: '', version: 13 }],
    graph: {
      node: nodes.map((n, k) => ({ ...n, input: n.input ?? [k === 0 ? 'input' : `t${k}`], output: [`t${k + 1}`] })),
      initializer,
      input: [{ name: 'input', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: 4 }] } } } }],
      output: [{ name: `t${nodes.length}` }],
    },
  }).finish();
}
const INT = onnx.AttributeProto.AttributeType.INT;
const squareProblem = () => problemFromGraph(graphFromExpression('x * x'));
/** A network from a shipped example, its weights drawn from seed 1. */
const compileAndCreate = (name: string) => createNetwork(compileNetwork(parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'))), createRng(1));
const trainOptions = { epochs: 1, batchSize: 1, learningRate: 0.1, seed: 1 };

/** One refusal of each kind the core words: files, graphs, expressions, networks, CSV and IDX data. */
const cases: Record<string, () => unknown> = {
  'broken JSON': () => parseGraph('{"format": "gradflow.graph", "version": 1,, }'),
  'unterminated JSON': () => parseGraph('{"nodes": ['),
  'not an object': () => parseGraph('[1, 2]'),
  'wrong format': () => parseGraph('{"format": "other", "version": 1, "nodes": []}'),
  'newer version': () => parseGraph('{"format": "gradflow.graph", "version": 99, "nodes": []}'),
  'unknown op in a file': () => parseGraph(file([{ id: 'a', op: 'frobnicate' }])),
  'unknown parameter': () => parseGraph(file([{ id: 'a', op: 'add', params: { k: 1 } }])),
  'training field': () => parseGraph(JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [], training: { speed: 3 } })),
  'learning rate': () => parseGraph(JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [], training: { learningRate: 0 } })),
  'non-numeric value': () => parseGraph(file([{ id: 'x', op: 'input', value: 'ten' }])),
  'bad position': () => parseGraph(file([{ id: 'x', op: 'input', value: 1, position: { x: 'left', y: 0 } }])),
  'long id': () => parseGraph(file([{ id: 'x'.repeat(300), op: 'input', value: 1 }])),
  'cycle in a file': () => parseGraph(file([input('x'), { id: 'a', op: 'add' }, { id: 'b', op: 'mul' }], [edge('e1', 'x', 'a'), edge('e2', 'b', 'a', 1), edge('e3', 'a', 'b'), edge('e4', 'x', 'b', 1)])),
  'unknown operator in a graph': () => compileProgram({ nodes: [{ id: 'q', op: 'warp' as never }], edges: [] }),
  'port out of range': () => compileProgram({ nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 's', op: 'exp' }], edges: [{ id: 'e', source: 'x', target: 's', targetPort: 1 }] }),
  'unconnected port': () => compileProgram({ nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'e', op: 'exp' }, { id: 'm', op: 'mul' }], edges: [{ id: 'e1', source: 'x', target: 'e', targetPort: 0 }, { id: 'e2', source: 'e', target: 'm', targetPort: 1 }] }),
  'ambiguous output': () => compileProgram({ nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'y', op: 'input', value: 2 }], edges: [] }),
  'no nodes': () => compileProgram({ nodes: [], edges: [] }),
  'bad expression': () => graphFromExpression('(x + '),
  'missing parenthesis': () => graphFromExpression('(x'),
  'stray operator': () => graphFromExpression('x)'),
  'syntax error': () => graphFromExpression('@'),
  'unknown function': () => graphFromExpression('frob(x)'),
  'arity': () => graphFromExpression('exp(x, y)'),
  'unsupported operator': () => graphFromExpression('x % y'),
  'unterminated string': () => graphFromExpression('"abc'),
  'a bad hexadecimal number': () => graphFromExpression('0x'),
  'an empty expression': () => graphFromExpression('  # a comment'),
  'a function definition': () => graphFromExpression('f(x) = x'),
  'CSV cell': () => parseCsv('a,b,label\n1,zz,0\n2,3,1\n', { name: 'd.csv' }),
  'CSV width': () => parseCsv('a,b,label\n1,2\n', { name: 'd.csv' }),
  'CSV one class': () => parseCsv('a,label\n1,0\n2,0\n', { name: 'd.csv' }),
  'IDX magic': () => parseIdx(new Uint8Array([1, 2, 3, 4, 5]), 'x.idx'),
  'IDX truncated': () => parseIdx(encodeIdx([4], new Uint8Array(4)).subarray(0, 10), 'x.idx'),
  'IDX empty set': () => splitFromIdx({ trainImages: encodeIdx([0, 2, 2], new Uint8Array(0)), trainLabels: encodeIdx([0], new Uint8Array(0)), testImages: encodeIdx([1, 2, 2], new Uint8Array(4)), testLabels: encodeIdx([1], new Uint8Array(1)) }),
  'weights of another network': () => parseWeights(JSON.stringify({ format: 'gradflow.weights', version: 1, layers: [{ nodeId: 'd', inputSize: 3, units: 2, weights: [], biases: [] }] }), weightsSpec()),
  'weights not JSON': () => parseWeights('{"format": "gradflow.weights",\n "layers": ]}', weightsSpec()),
  'weights with a bad count': () => parseWeights(JSON.stringify({ format: 'gradflow.weights', version: 1, layers: [{ nodeId: 'd', inputSize: 4, units: 3, weights: [1], biases: [] }] }), weightsSpec()),
  'kernel larger than the image': () => compileNetwork(layered(
    [{ id: 's', op: 'samples', params: { size: 16, shape: [1, 4, 4] } }, { id: 'c', op: 'conv2d', params: { kernel: 5 } }, { id: 'f', op: 'flatten' }, { id: 'd', op: 'dense', params: { units: 2 } }, { id: 'p', op: 'softmax' }, { id: 'l', op: 'cross_entropy' }],
    [{ id: 'e1', source: 's', target: 'c', targetPort: 0 }, { id: 'e2', source: 'c', target: 'f', targetPort: 0 }, { id: 'e3', source: 'f', target: 'd', targetPort: 0 }, { id: 'e4', source: 'd', target: 'p', targetPort: 0 }, { id: 'e5', source: 'p', target: 'l', targetPort: 0 }],
  )),
  'dense without whole units': () => compileNetwork(layered(
    [{ id: 's', op: 'samples', params: { size: 4 } }, { id: 'd', op: 'dense', params: { units: 2.5 } }, { id: 'p', op: 'softmax' }, { id: 'l', op: 'cross_entropy' }],
    [{ id: 'e1', source: 's', target: 'd', targetPort: 0 }, { id: 'e2', source: 'd', target: 'p', targetPort: 0 }, { id: 'e3', source: 'p', target: 'l', targetPort: 0 }],
  )),
  'fuse one node': () => fuseSubgraph(graphFromExpression('(x+y)*z'), ['n1']),
  'fuse a disconnected selection': () => fuseSubgraph(graphFromExpression('exp(x) + exp(y)'), ['n1', 'n2']),
  'landscape without inputs': () => problemFromGraph(graphFromExpression('2 * 3')),
  'a 2-D map of one parameter': () => slice2d(problemFromGraph(graphFromExpression('x * x')), { steps: 3 }),
  'not an ONNX model': () => onnxToNetwork(new Uint8Array([0xff, 0xff, 0xff, 0xff])),
  'a value on an operator': () => setValue(graphFromExpression('(x+y)*z'), 'n1', 3),
  'a network too large to train': () => {
    const graph = parseGraph(readFileSync('public/examples/mnist-nielsen.json', 'utf8'));
    const dense = graph.nodes.find((n) => n.id === 'd1') as Graph['nodes'][number];
    dense.params = { ...dense.params, units: 1e9 };
    return compileNetwork(graph);
  },
  'a toy set of 2 points': () => toySplit('spiral', { count: 2 }),
  'toy noise above 1': () => toySplit('xor', { noise: 2 }),
  'toy test fraction': () => toySplit('circle', { testFraction: 1 }),
  'not embedded MNIST': () => parseEmbedded(embedded(1, 10, 'ABCD')),
  'embedded MNIST of a newer version': () => parseEmbedded(embedded(2, 10)),
  'embedded MNIST of the wrong size': () => parseEmbedded(embedded(1, 3)),
  'embedded MNIST with a bad CRC': () => { const zipped = gzipSync(embedded(1, 10)); zipped[zipped.length - 8] ^= 1; return parseEmbedded(zipped); },
  'landscape steps': () => axis(1, 1),
  'landscape range': () => axis(5, -1),
  'strategy budget': () => randomSearch(squareProblem(), { budget: 0 }),
  'strategy step size': () => randomSearch(squareProblem(), { stepSize: -1 }),
  'strategy batch size': () => randomSearch(squareProblem(), { batchSize: 0.5 }),
  'sweep steps': () => learningRateSweep(squareProblem(), [0.1], { steps: 0 }),
  'sweep divergence factor': () => learningRateSweep(squareProblem(), [0.1], { divergenceFactor: 1 }),
  'sweep rate': () => learningRateSweep(squareProblem(), [Number.NaN]),
  'trainer epochs': () => checkTrainOptions({ ...trainOptions, epochs: 0 }),
  'trainer learning rate': () => checkTrainOptions({ ...trainOptions, learningRate: -1 }),
  'trainer seed': () => checkTrainOptions({ ...trainOptions, seed: Number.NaN }),
  'trainer l2': () => checkTrainOptions({ ...trainOptions, l2: -1 }),
  'trainer momentum': () => checkTrainOptions({ ...trainOptions, optimizer: { kind: 'momentum', momentum: 1.5 } }),
  'trainer epsilon': () => checkTrainOptions({ ...trainOptions, optimizer: { kind: 'adam', epsilon: 0 } }),
  'trainer optimizer name': () => checkTrainOptions({ ...trainOptions, optimizer: { kind: 'rmsprop' as never } }),
  'ONNX weight not stored': () => onnxToNetwork(onnxChain([{ name: 'g', opType: 'Gemm' }])),
  'ONNX node off the chain': () => onnxToNetwork(onnxChain([{ name: 'r', opType: 'Relu', input: ['elsewhere'] }])),
  'ONNX flatten axis': () => onnxToNetwork(onnxChain([{ name: 'f', opType: 'Flatten', attribute: [{ name: 'axis', i: 2, type: INT }] }])),
  'ONNX softmax axis': () => onnxToNetwork(onnxChain([{ name: 's', opType: 'Softmax', attribute: [{ name: 'axis', i: 0, type: INT }] }])),
  'ONNX integer weights': () => onnxToNetwork(onnxChain([{ name: 'g', opType: 'Gemm', input: ['input', 'W'] }], [{ name: 'W', dataType: onnx.TensorProto.DataType.INT32, dims: [4, 2], rawData: new Uint8Array(32) }])),
  'data wider than the network': () => checkData(compileAndCreate('toy-spiral'), { count: 1, inputSize: 3, images: new Float32Array(3), labels: new Uint8Array(1) }),
  'a label beyond the outputs': () => checkData(compileAndCreate('toy-spiral'), { count: 2, inputSize: 2, images: new Float32Array(4), labels: Uint8Array.of(1, 2) }),
  'SVM data with one class': () => {
    const graph = parseGraph(readFileSync('public/examples/svm-lecture.json', 'utf8'));
    return problemFromGraph({ ...graph, extra: { ...graph.extra, svmData: { ...(graph.extra?.svmData as object), classes: 1 } } });
  },
  'network without a loss': () => compileNetwork(layered([{ id: 's', op: 'samples', params: { size: 4 } }, { id: 'd', op: 'dense', params: { units: 3 } }], [{ id: 'e', source: 's', target: 'd', targetPort: 0 }])),
};

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('refusals carry a Reason the catalogs word', () => {
  it('every Reason id the code names is in both catalogs (plural ids by their _one/_other forms)', () => {
    const has = (tree: unknown, id: string): boolean => {
      const at = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], (tree as { refusals: unknown }).refusals);
      return typeof at(id) === 'string' || (typeof at(`${id}_one`) === 'string' && typeof at(`${id}_other`) === 'string');
    };
    const ids = ['src/core', 'src/worker', 'src/cli'].flatMap(sources).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\breason\(\s*'([\w.]+)'/g)].map((m) => `${file}: ${m[1]}`));
    expect(ids.length).toBeGreaterThan(150);
    expect(ids.filter((entry) => { const id = entry.split(': ')[1]; return !has(EN_CATALOG, id) || !has(ZH_CATALOG, id); })).toEqual([]);
  });

  it.each(Object.keys(cases))('%s: the English catalog words the Reason exactly as the core\'s message', (name) => {
    const error = refusal(cases[name]);
    const why = reasonOf(error);
    expect(why, error.message).toBeDefined();
    expect(reasonText(why as Reason, 'en')).toBe(error.message);
    const zh = reasonText(why as Reason, 'zh');
    expect(zh).toBeDefined();
    expect(zh).not.toBe(error.message);
  });

  it('every problem the shape checker reports on a bad network carries a Reason worded the same in English', () => {
    const graph = layered(
      [{ id: 's', op: 'samples', params: { size: 4 } }, { id: 'x', op: 'exp' }, { id: 'l', op: 'cross_entropy' }, { id: 'l2', op: 'mse' }],
      [{ id: 'e1', source: 's', target: 'x', targetPort: 0 }, { id: 'e2', source: 'x', target: 'l', targetPort: 0 }],
    );
    const errors = inferShapes(graph).errors;
    expect(errors.length).toBeGreaterThan(1);
    for (const e of errors) expect(reasonText(e.reason as Reason, 'en')).toBe(e.message);
  });

  it('words a broken file, a cycle, an unknown operator and a bad expression in Chinese', async () => {
    await i18n.changeLanguage('zh');
    expect(errorLine(refusal(cases['broken JSON']))).toBe('JSON 无效，第 1 行第 43 列：应为双引号括起的属性名，却遇到 ","');
    expect(errorLine(refusal(cases['cycle in a file']))).toBe("计算图中有环：'b' → 'a' → 'b'（位于 /nodes/2）");
    expect(errorLine(refusal(cases['unknown operator in a graph']))).toBe("节点 'q' 的运算符 'warp' 未知");
    expect(errorLine(refusal(cases['unknown op in a file']))).toBe('节点 \'a\' 的运算符 "frobnicate" 未知（位于 /nodes/0/op）');
    expect(errorLine(refusal(cases['bad expression']))).toBe('表达式：表达式意外结束，位于第 6 列');
    expect(errorLine(refusal(cases['unknown function']))).toMatch(/^表达式：未知函数 'frob'（已知：.*exp.*），位于第 1 列$/);
    expect(errorLine(refusal(cases['non-numeric value']))).toBe('input 节点 \'x\' 的取值 "ten" 不是数值：应为数字，或 "Infinity"、"-Infinity"、"NaN" 之一（位于 /nodes/0/value）');
    expect(errorLine(refusal(cases['not an object']))).toBe('gradflow 计算图文件是一个 JSON 对象，而不是数组');
    expect(errorLine(refusal(cases['CSV cell']))).toBe('d.csv：第 2 行，列 "b"："zz" 不是数字');
  });

  it('words toy set names, default CSV columns, embedded MNIST, option checks and ONNX refusals in Chinese', async () => {
    const spiral = toySplit('spiral', { noise: 0.25, seed: 3 });
    expect(reasonText(spiral.nameReason as Reason, 'en')).toBe(spiral.name);
    expect(reasonText(spiral.nameReason as Reason, 'zh')).toBe('螺旋（噪声 0.25，种子 3）');
    expect(reasonText(toySplit('gaussians').nameReason as Reason, 'zh')).toBe('两个高斯团（噪声 0，种子 1）');
    await i18n.changeLanguage('zh');
    // A file without a header names its columns by number, in the reader's language.
    expect(errorLine(refusal(() => parseCsv('1,2,0\n3,zz,1\n', { name: 'bare.csv' })))).toBe('bare.csv：第 2 行，第 2 列："zz" 不是数字');
    expect(errorLine(refusal(() => parseCsv('1,2,0\n3,4,\n', { name: 'bare.csv' })))).toBe('bare.csv：第 2 行，第 3 列：标签为空');
    expect(errorLine(refusal(cases['not embedded MNIST']))).toBe('不是内置 MNIST 文件（缺少魔数 "GFMN"）');
    expect(errorLine(refusal(cases['embedded MNIST of the wrong size']))).toBe('内置 MNIST 文件有 27 字节，文件头却写着 34 字节');
    expect(errorLine(refusal(cases['embedded MNIST with a bad CRC']))).toMatch(/^内置 MNIST 文件：gzip 文件已损坏，内容的 CRC-32 0x[0-9a-f]{8} 与记录的 0x[0-9a-f]{8} 不符$/);
    expect(errorLine(refusal(() => parseEmbedded(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]))))).toMatch(/^内置 MNIST 文件：gzip 文件已损坏（解压库 fflate 报告：“.+”）$/);
    expect(errorLine(refusal(cases['strategy step size']))).toBe('步长必须是正数，实际是 -1');
    expect(errorLine(refusal(cases['landscape steps']))).toBe('步数必须是不小于 2 的整数，实际是 1');
    expect(errorLine(refusal(cases['sweep divergence factor']))).toBe('发散倍数必须大于 1，实际是 1');
    expect(errorLine(refusal(cases['a label beyond the outputs']))).toBe('第 1 个样本的标签 2 超出了网络的 2 个输出');
    expect(errorLine(refusal(cases['SVM data with one class']))).toBe("字段 'svmData'：SVM 数据：classes 必须是不小于 2 的整数（位于 /svmData）");
    expect(errorLine(refusal(cases['trainer momentum']))).toBe('momentum 必须在 [0, 1) 内，实际是 1.5');
    expect(errorLine(refusal(cases['ONNX flatten axis']))).toBe("节点 'f'（Flatten）从轴 2 开始展平；gradflow 逐个样本展平（轴 1）");
    expect(errorLine(refusal(cases['unconnected port']))).toBe("mul 节点 'm' 的输入端口 0 没有连接");
    expect(errorLine(refusal(cases['unterminated string']))).toBe('表达式：字符串缺少结尾的 "，位于第 5 列');
    expect(errorLine(refusal(cases['a bad hexadecimal number']))).toBe('表达式："0x" 不是有效的数字');
    expect(errorLine(refusal(cases['an empty expression']))).toBe('表达式：没有可读的内容（只有空白或 # 注释）');
    expect(errorLine(refusal(cases['a function definition']))).toBe("表达式：不支持函数定义：'f(x) = x'");
    expect(errorLine(refusal(cases['weights not JSON']))).toBe('权重文件不是有效的 JSON（第 2 行第 12 列：意外的字符 "]"）');
    expect(errorLine(refusal(cases['not an ONNX model']))).toMatch(/^不是 ONNX 模型（protobuf 解码器报告：“.+”）$/);
  });

  it('in English the line is the core\'s message and place, as before', () => {
    const error = refusal(cases['cycle in a file']) as GraphError;
    expect(errorLine(error)).toBe("the graph has a cycle: 'b' → 'a' → 'b' (at /nodes/2)");
  });

  it('a lesson file\'s broken JSON and broken graph carry Reasons worded as the engine\'s English', () => {
    const broken = readLesson('{"format": "gradflow.lesson",\n "id": }');
    expect(broken.ok).toBe(false);
    const json = (broken as { problems: LessonProblem[] }).problems[0];
    expect(json.detail).toBe('line 2, column 8: unexpected character "}"');
    expect(reasonText(json.reason as Reason, 'en')).toBe(json.detail);
    expect(reasonText(json.reason as Reason, 'zh')).toBe('第 2 行第 8 列：意外的字符 "}"');
    const graph = readLessonValue({ format: 'gradflow.lesson', graph: { format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'warp' }] } });
    const problem = (graph as { problems: LessonProblem[] }).problems.find((p) => p.code === 'graph') as LessonProblem;
    expect(reasonText(problem.reason as Reason, 'en')).toBe(problem.detail);
    expect(reasonText(problem.reason as Reason, 'zh')).toBe('节点 \'a\' 的运算符 "warp" 未知');
  });

  it('a value field\'s refusals are worded the same in English and in Chinese from their Reason', () => {
    for (const text of ['', '1,5', '2pi', 'foo', 'x % 2', 'sqrt(1, 2)', '0/0', '1e400', '1e-400', '(1+']) {
      const reading = readNumber(text);
      expect(reading.ok, text).toBe(false);
      if (reading.ok) continue;
      expect(reasonText(reading.reason, 'en'), text).toBe(reading.message);
      expect(reasonText(reading.reason, 'zh'), text).toMatch(/[\u4e00-\u9fff]/);
    }
    const rule = numberRefusal(2.5, { integer: true }) as { text: string; reason: Reason };
    expect(reasonText(rule.reason, 'en')).toBe(rule.text);
    expect(reasonText(rule.reason, 'zh')).toBe('必须是整数（2.5 不是）');
    expect(reasonText((readNumber('1,5') as { reason: Reason }).reason, 'zh')).toBe('请用小数点：1.5');
  });

  it('a compiled network\'s summary lines are worded the same in English from their Reasons, and in Chinese', () => {
    for (const file of ['mnist-nielsen', 'mnist-cnn', 'toy-spiral']) {
      const spec = compileNetwork(parseGraph(readFileSync(`public/examples/${file}.json`, 'utf8')));
      expect(spec.summaryReasons).toHaveLength(spec.summary.length);
      spec.summary.forEach((line, i) => expect(reasonText(spec.summaryReasons[i], 'en')).toBe(line));
    }
    const nielsen = compileNetwork(parseGraph(readFileSync('public/examples/mnist-nielsen.json', 'utf8')));
    expect(nielsen.summaryReasons.map((r) => reasonText(r, 'zh'))[1]).toMatch(/^dense \S+：784 -> 30，23,550 个参数（\w+ 初始化）$/);
  });

  it('a refusal without a Reason keeps its English words after its kind in Chinese', async () => {
    await i18n.changeLanguage('zh');
    expect(errorLine(new GraphError('something new', {}, 'cycle'))).toBe('计算图中有环：something new');
    expect(errorLine(new Error('plain failure'))).toBe('plain failure');
  });
});
