import { GraphError, reason, type Place, type Reason, type Who } from '../graph/errors';
import { compileProgram } from '../graph/program';
import type { GateDefinition, Graph, GraphEdge, GraphNode, Position, TrainingDefaults } from '../graph/types';
import { OPS, isOpName } from '../ops/table';
import type { OpDef, Params } from '../ops/types';
import { quoteId } from '../graph/quote';
import { extraFields, has, isObject, pointer, setOwn, shown, type JsonObject } from './fields';
import { checkDepth, checkId, checkLabel } from './limits';
import { parseJsonText } from './jsonText';
import { migrateFile } from './migrate';
import { valueFromFile } from './values';
import { FORMAT_NAME } from './version';

const TOP_FIELDS = ['format', 'version', 'nodes', 'edges', 'training'] as const;
const NODE_FIELDS = ['id', 'op', 'value', 'label', 'params', 'position', 'output', 'gate'] as const;
const EDGE_FIELDS = ['id', 'source', 'target', 'targetPort', 'label'] as const;

/** How each training default is checked; a new default adds a row. */
export const TRAINING_FIELDS: Readonly<Record<Exclude<keyof TrainingDefaults, 'optimizer'>, { integer: boolean; min: number; exclusive?: boolean; below?: number; doc: string }>> = {
  epochs: { integer: true, min: 1, doc: 'passes over the training set' },
  batchSize: { integer: true, min: 1, doc: 'examples per gradient step' },
  learningRate: { integer: false, min: 0, exclusive: true, doc: 'step size η' },
  seed: { integer: true, min: 0, doc: 'seed of the random generator' },
  l2: { integer: false, min: 0, doc: 'L2 weight decay λ' },
  momentum: { integer: false, min: 0, below: 1, doc: 'momentum μ' },
  beta1: { integer: false, min: 0, below: 1, doc: 'Adam β1' },
  beta2: { integer: false, min: 0, below: 1, doc: 'Adam β2' },
  epsilon: { integer: false, min: 0, exclusive: true, doc: 'Adam ε' },
};

/** The update rules a file's training block may name. */
const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam'] as const;

/** Reads a gradflow.graph file from its text; every refusal is a GraphError naming the place. */
export function parseGraph(text: string, options: ParseOptions = {}): Graph {
  return parseGraphValue(parseJsonText(text), options);
}

/** How strictly a file is read. */
export interface ParseOptions {
  /** Accept what an editor autosaves while the user is still building: unconnected ports, no single output. */
  lenient?: boolean;
}

/** Reads a gradflow.graph file already parsed from JSON, migrating older versions. */
export function parseGraphValue(value: unknown, options: ParseOptions = {}): Graph {
  checkDepth(value);
  if (!isObject(value)) throw new GraphError(`a gradflow graph file is a JSON object, not ${kind(value)}`, { path: '' }, 'format', reason('format.gradflowGraphFileJson', { kind: kindReason(value) }));
  if (!has(value, 'format')) throw new GraphError(`missing "format": expected "${FORMAT_NAME}"`, { path: '/format' }, 'format', reason('format.missingFormatExpected', { name: FORMAT_NAME }));
  if (value.format !== FORMAT_NAME) throw new GraphError(`wrong format ${shown(value.format)}: expected "${FORMAT_NAME}"`, { path: '/format' }, 'format', reason('format.wrongFormatExpected', { format: shown(value.format), name: FORMAT_NAME }));
  if (!has(value, 'version')) throw new GraphError('missing "version"', { path: '/version' }, 'format', reason('format.missingVersion'));
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GraphError(`"version" must be a positive whole number, not ${shown(version)}`, { path: '/version' }, 'format', reason('format.versionMustPositiveWhole', { version: shown(version) }));
  }
  const file = migrateFile(value, version);
  const graph = readGraph(file);
  checkStructure(graph, options.lenient === true);
  return graph;
}

/** What a refusal is about: its English words and the Reason `who.<id>` with the same values. */
const who = (text: string, id: string, params: Record<string, string | number>): Who => ({ text, reason: reason(`who.${id}`, params) });

/** What kind of JSON value `value` is, as a Reason for the UI and the command line to word. */
function kindReason(value: unknown): Reason {
  if (Array.isArray(value)) return reason('kind.array');
  return reason(value === null ? 'kind.null' : `kind.${typeof value}`);
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function readGraph(file: JsonObject): Graph {
  if (!Array.isArray(file.nodes)) throw new GraphError(`"nodes" must be an array, not ${kind(file.nodes)}`, { path: '/nodes' }, 'format', reason('format.nodesMustArray', { kind: kindReason(file.nodes) }));
  if (has(file, 'edges') && !Array.isArray(file.edges)) throw new GraphError(`"edges" must be an array, not ${kind(file.edges)}`, { path: '/edges' }, 'format', reason('format.edgesMustArray', { kind: kindReason(file.edges) }));
  const rawEdges: unknown[] = Array.isArray(file.edges) ? file.edges : [];
  const nodes = file.nodes.map((raw: unknown, i: number) => readNode(raw, i));
  const edgeIds = new Set<string>();
  for (const raw of rawEdges) if (isObject(raw) && typeof raw.id === 'string') edgeIds.add(raw.id);
  let nextId = 1;
  const freshEdgeId = (): string => {
    while (edgeIds.has(`e${nextId}`)) nextId++;
    const id = `e${nextId++}`;
    edgeIds.add(id);
    return id;
  };
  const edges = rawEdges.map((raw, j) => readEdge(raw, j, freshEdgeId));
  const graph: Graph = { nodes, edges };
  if (has(file, 'training')) graph.training = readTraining(file.training);
  const extra = extraFields(file, TOP_FIELDS);
  if (extra !== undefined) graph.extra = extra;
  return graph;
}

function readNode(raw: unknown, i: number): GraphNode {
  const at = (field?: string): string => (field === undefined ? pointer('nodes', i) : pointer('nodes', i, field));
  if (!isObject(raw)) throw new GraphError(`node ${i} must be an object, not ${kind(raw)}`, { path: at() }, 'format', reason('format.nodeMustObject', { index: i, kind: kindReason(raw) }));
  const id = raw.id;
  if (!has(raw, 'id')) throw new GraphError(`node ${i} has no "id"`, { path: at('id') }, 'format', reason('format.nodeNoId', { index: i }));
  if (typeof id !== 'string' || id === '') throw new GraphError(`node ${i} has an invalid id ${shown(id)}: ids are non-empty strings`, { path: at('id') }, 'format', reason('format.nodeInvalidIdIds', { index: i, id: shown(id) }));
  checkId(id, () => who(`node ${i} id`, 'nodeId', { index: i }), () => ({ path: at('id') }));
  const place = (field?: string): Place => ({ nodeId: id, path: at(field) });
  if (!has(raw, 'op')) throw new GraphError(`node ${quoteId(id)} has no "op"`, place('op'), 'format', reason('format.nodeNoOp', { id: quoteId(id) }));
  const op = raw.op;
  if (typeof op !== 'string' || !isOpName(op)) throw new GraphError(`node ${quoteId(id)} has unknown op ${shown(op)}`, place('op'), 'format', reason('format.nodeUnknownOp', { id: quoteId(id), op: shown(op) }));
  const def: OpDef = OPS[op];
  const node: GraphNode = { id, op };
  const holdsValue = def.leaf && def.layer === undefined;
  if (holdsValue) {
    if (!has(raw, 'value')) throw new GraphError(`node ${quoteId(id)} (${op}) needs a "value"`, place('value'), 'format', reason('format.nodeNeedsValue', { id: quoteId(id), op }));
    node.value = valueFromFile(raw.value, who(`node ${quoteId(id)} (${op})`, 'nodeOp', { id: quoteId(id), op }), place('value'));
  } else if (has(raw, 'value')) {
    throw new GraphError(`node ${quoteId(id)} (${op}) takes no "value": only input and const nodes hold one`, place('value'), 'format', reason('format.nodeTakesValueOnly', { id: quoteId(id), op }));
  }
  if (has(raw, 'label')) {
    if (typeof raw.label !== 'string') throw new GraphError(`node ${quoteId(id)} has a label that is not a string: ${shown(raw.label)}`, place('label'), 'format', reason('format.nodeLabelThatString', { id: quoteId(id), label: shown(raw.label) }));
    checkLabel(raw.label, () => who(`node ${quoteId(id)}`, 'node', { id: quoteId(id) }), () => place('label'));
    node.label = raw.label;
  }
  if (has(raw, 'params')) node.params = readParams(raw.params, def, id, at('params'));
  if (has(raw, 'position')) node.position = readPosition(raw.position, who(`node ${quoteId(id)}`, 'node', { id: quoteId(id) }), place('position'));
  if (has(raw, 'output')) {
    if (typeof raw.output !== 'boolean') throw new GraphError(`node ${quoteId(id)} has "output" ${shown(raw.output)}: expected true or false`, place('output'), 'format', reason('format.nodeOutputExpectedTrue', { id: quoteId(id), output: shown(raw.output) }));
    node.output = raw.output;
  }
  if (has(raw, 'gate')) {
    if (op !== 'gate') throw new GraphError(`node ${quoteId(id)} (${op}) has a "gate" definition, which only gate nodes hold`, place('gate'), 'format', reason('format.nodeGateDefinitionWhich', { id: quoteId(id), op }));
    node.gate = readGate(raw.gate, id, at('gate'));
  } else if (op === 'gate') {
    throw new GraphError(`node ${quoteId(id)} (gate) has no "gate" definition`, place('gate'), 'format', reason('format.nodeGateGateDefinition', { id: quoteId(id) }));
  }
  const extra = extraFields(raw, NODE_FIELDS);
  if (extra !== undefined) node.extra = extra;
  return node;
}

/** A fused gate's definition (graph/fuse.ts): its inner nodes and edges are read like the file's own. */
function readGate(raw: unknown, id: string, path: string): GateDefinition {
  const fail = (why: string, whyReason: Reason): never => {
    throw new GraphError(`gate ${quoteId(id)}: ${why}`, { nodeId: id, path }, 'format', reason('format.gate', { id: quoteId(id), why: whyReason }));
  };
  if (!isObject(raw)) return fail('the "gate" definition must be an object', reason('format.gateNotObject'));
  const ids = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const places = (v: unknown, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((k) => Number.isInteger(k) && k >= 0);
  if (typeof raw.label !== 'string') fail('"label" must be a string', reason('format.gateLabel'));
  checkLabel(raw.label as string, () => who(`gate ${quoteId(id)}`, 'gate', { id: quoteId(id) }), () => ({ nodeId: id, path: `${path}/label` }));
  if (!ids(raw.inputs)) fail('"inputs" must be a list of node ids', reason('format.gateInputs'));
  if (typeof raw.output !== 'string') fail('"output" must be a node id', reason('format.gateOutput'));
  if (!Array.isArray(raw.nodes) || raw.nodes.length === 0) fail('"nodes" must be a non-empty list', reason('format.gateNodes'));
  if (!Array.isArray(raw.edges)) fail('"edges" must be a list', reason('format.gateEdges'));
  let nodes: GraphNode[] = [];
  let edges: GraphEdge[] = [];
  try {
    nodes = (raw.nodes as unknown[]).map((n, i) => readNode(n, i));
    edges = (raw.edges as unknown[]).map((e, j) => readEdge(e, j, () => fail(`inner edge ${j} needs an "id"`, reason('format.gateEdgeId', { index: j }))));
  } catch (error) {
    if (error instanceof GraphError && !error.message.startsWith(`gate ${quoteId(id)}`)) fail(error.message, error.reason ?? reason('plain', { text: error.message }));
    throw error;
  }
  if (!nodes.some((n) => n.id === raw.output)) fail(`"output" ${shown(raw.output)} is not one of its nodes`, reason('format.gateOutputMissing', { value: shown(raw.output) }));
  if (!places(raw.nodeIndex, nodes.length)) fail('"nodeIndex" must hold one whole number per inner node', reason('format.gateNodeIndex'));
  if (!places(raw.edgeIndex, edges.length)) fail('"edgeIndex" must hold one whole number per inner edge', reason('format.gateEdgeIndex'));
  return {
    label: raw.label as string,
    inputs: [...(raw.inputs as string[])],
    output: raw.output as string,
    nodes,
    edges,
    nodeIndex: [...(raw.nodeIndex as number[])],
    edgeIndex: [...(raw.edgeIndex as number[])],
  };
}

function readParams(raw: unknown, def: OpDef, id: string, path: string): Params {
  if (!isObject(raw)) throw new GraphError(`node ${quoteId(id)} has "params" that is not an object`, { nodeId: id, path }, 'format', reason('format.nodeParamsThatObject', { id: quoteId(id) }));
  const params: JsonObject = {};
  for (const name of Object.keys(raw)) {
    const place = { nodeId: id, path: `${path}${pointer(name)}` };
    const param = def.params.find((p) => p.name === name);
    if (param === undefined) {
      const known = def.params.map((p) => p.name).join(', ');
      throw new GraphError(`node ${quoteId(id)} has unknown parameter ${shown(name)} (${known === '' ? 'its op takes none' : `its op takes ${known}`})`, place, 'format',
        known === '' ? reason('format.unknownParamNone', { id: quoteId(id), name: shown(name) }) : reason('format.unknownParam', { id: quoteId(id), name: shown(name), known }));
    }
    const v = raw[name];
    if (param.kind === 'shape') {
      if (!Array.isArray(v) || !param.lengths.includes(v.length) || !v.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1)) {
        throw new GraphError(`node ${quoteId(id)} parameter ${quoteId(name)} is ${shown(v)}: expected a list of ${param.lengths.join(' or ')} whole numbers >= 1`, place, 'format', reason('format.nodeParameterExpectedList', { id: quoteId(id), name: quoteId(name), value: shown(v), lengths: param.lengths.join(' or ') }));
      }
      setOwn(params, name, [...(v as number[])]);
      continue;
    }
    if (param.kind === 'choice') {
      if (typeof v !== 'string' || !param.choices.includes(v)) {
        throw new GraphError(`node ${quoteId(id)} parameter ${quoteId(name)} is ${shown(v)}: expected one of ${param.choices.join(', ')}`, place, 'format', reason('format.nodeParameterExpectedOne', { id: quoteId(id), name: quoteId(name), value: shown(v), choices: param.choices.join(', ') }));
      }
    } else {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new GraphError(`node ${quoteId(id)} parameter ${quoteId(name)} is ${shown(v)}: expected a finite number`, place, 'format', reason('format.nodeParameterExpectedFinite', { id: quoteId(id), name: quoteId(name), value: shown(v) }));
      if (param.integer === true && !Number.isInteger(v)) throw new GraphError(`node ${quoteId(id)} parameter ${quoteId(name)} is ${v}: expected a whole number`, place, 'format', reason('format.nodeParameterExpectedWhole', { id: quoteId(id), name: quoteId(name), value: v }));
      if (param.min !== undefined && v < param.min) throw new GraphError(`node ${quoteId(id)} parameter ${quoteId(name)} is ${v}: expected at least ${param.min}`, place, 'format', reason('format.nodeParameterExpectedLeast', { id: quoteId(id), name: quoteId(name), value: v, min: param.min }));
    }
    setOwn(params, name, v);
  }
  return params as Params;
}

function readPosition(raw: unknown, who: Who, place: Place): Position {
  if (!isObject(raw)) throw new GraphError(`${who.text} has a position that is not an object {x, y}`, place, 'format', reason('format.positionThatObjectX', { who: who.reason }));
  for (const axis of ['x', 'y'] as const) {
    const v = raw[axis];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new GraphError(`${who.text} has position.${axis} ${shown(v)}: expected a finite number`, { ...place, path: `${place.path}/${axis}` }, 'format', reason('format.positionExpectedFiniteNumber', { who: who.reason, axis, value: shown(v) }));
  }
  const position: Position = { x: raw.x as number, y: raw.y as number };
  return position;
}

function readEdge(raw: unknown, j: number, freshId: () => string): GraphEdge {
  const at = (field?: string): string => (field === undefined ? pointer('edges', j) : pointer('edges', j, field));
  if (!isObject(raw)) throw new GraphError(`edge ${j} must be an object, not ${kind(raw)}`, { path: at() }, 'format', reason('format.edgeMustObject', { index: j, kind: kindReason(raw) }));
  let id: string;
  if (has(raw, 'id')) {
    if (typeof raw.id !== 'string' || raw.id === '') throw new GraphError(`edge ${j} has an invalid id ${shown(raw.id)}: ids are non-empty strings`, { path: at('id') }, 'format', reason('format.edgeInvalidIdIds', { index: j, id: shown(raw.id) }));
    checkId(raw.id, () => who(`edge ${j} id`, 'edgeId', { index: j }), () => ({ path: at('id') }));
    id = raw.id;
  } else {
    id = freshId();
  }
  const place = (field: string): Place => ({ edgeId: id, path: at(field) });
  for (const end of ['source', 'target'] as const) {
    if (!has(raw, end)) throw new GraphError(`edge ${quoteId(id)} has no "${end}"`, place(end), 'format', reason('format.edgeNoEnd', { id: quoteId(id), end }));
    if (typeof raw[end] !== 'string') throw new GraphError(`edge ${quoteId(id)} has ${end} ${shown(raw[end])}: expected a node id`, place(end), 'format', reason('format.edgeExpectedNodeId', { id: quoteId(id), end, value: shown(raw[end]) }));
    checkId(raw[end] as string, () => who(`edge ${quoteId(id)} ${end}`, 'edgeEnd', { id: quoteId(id), end }), () => place(end));
  }
  if (!has(raw, 'targetPort')) throw new GraphError(`edge ${quoteId(id)} has no "targetPort"`, place('targetPort'), 'format', reason('format.edgeNoTargetPort', { id: quoteId(id) }));
  const port = raw.targetPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0) {
    throw new GraphError(`edge ${quoteId(id)} has targetPort ${shown(port)}: expected a whole number from 0`, place('targetPort'), 'format', reason('format.edgeTargetportExpectedWhole', { id: quoteId(id), port: shown(port) }));
  }
  const edge: GraphEdge = { id, source: raw.source as string, target: raw.target as string, targetPort: port };
  if (has(raw, 'label')) {
    if (typeof raw.label !== 'string') throw new GraphError(`edge ${quoteId(id)} has a label that is not a string: ${shown(raw.label)}`, place('label'), 'format', reason('format.edgeLabelThatString', { id: quoteId(id), label: shown(raw.label) }));
    checkLabel(raw.label, () => who(`edge ${quoteId(id)}`, 'edge', { id: quoteId(id) }), () => place('label'));
    edge.label = raw.label;
  }
  const extra = extraFields(raw, EDGE_FIELDS);
  if (extra !== undefined) edge.extra = extra;
  return edge;
}

function readTraining(raw: unknown): TrainingDefaults {
  if (!isObject(raw)) throw new GraphError(`"training" must be an object, not ${kind(raw)}`, { path: '/training' }, 'format', reason('format.trainingMustObject', { kind: kindReason(raw) }));
  const training: TrainingDefaults = {};
  for (const key of Object.keys(raw)) {
    const path = pointer('training', key);
    const v = raw[key];
    if (key === 'optimizer') {
      const known = OPTIMIZER_NAMES.find((o) => o === v);
      if (known === undefined) throw new GraphError(`training.optimizer is ${shown(v)}: expected one of ${OPTIMIZER_NAMES.join(', ')}`, { path }, 'format', reason('format.trainingOptimizerExpectedOne', { value: shown(v), names: OPTIMIZER_NAMES.join(', ') }));
      training.optimizer = known;
      continue;
    }
    if (!has(TRAINING_FIELDS, key)) {
      throw new GraphError(`unknown training field ${shown(key)} (known: ${['optimizer', ...Object.keys(TRAINING_FIELDS)].join(', ')})`, { path }, 'format',
        reason('format.unknownTrainingField', { key: shown(key), known: ['optimizer', ...Object.keys(TRAINING_FIELDS)].join(', ') }));
    }
    const name = key as keyof typeof TRAINING_FIELDS;
    const rule = TRAINING_FIELDS[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new GraphError(`training.${key} is ${shown(v)}: expected a finite number`, { path }, 'format', reason('format.trainingExpectedFiniteNumber', { key, value: shown(v) }));
    if (rule.integer && !Number.isInteger(v)) throw new GraphError(`training.${key} is ${v}: expected a whole number`, { path }, 'format', reason('format.trainingExpectedWholeNumber', { key, value: v }));
    if (rule.exclusive === true ? v <= rule.min : v < rule.min) {
      throw new GraphError(`training.${key} is ${v}: expected ${rule.exclusive === true ? 'more than' : 'at least'} ${rule.min}`, { path }, 'format',
        reason(rule.exclusive === true ? 'format.trainingMoreThan' : 'format.trainingAtLeast', { key, value: v, min: rule.min }));
    }
    if (rule.below !== undefined && v >= rule.below) throw new GraphError(`training.${key} is ${v}: expected less than ${rule.below}`, { path }, 'format', reason('format.trainingExpectedLessThan', { key, value: v, below: rule.below }));
    training[name] = v;
  }
  return training;
}

/** The structural rules (ids, ports, cycles, output) live in compileProgram; errors gain the file path. */
function checkStructure(graph: Graph, lenient: boolean): void {
  try {
    compileProgram(graph, { allowLayers: true, lenient });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const place: Place = { ...error.place };
    if (place.edgeId !== undefined) {
      const j = graph.edges.findLastIndex((e) => e.id === place.edgeId);
      if (j >= 0) place.path = pointer('edges', j);
    } else if (place.nodeId !== undefined) {
      const i = graph.nodes.findLastIndex((n) => n.id === place.nodeId);
      if (i >= 0) place.path = pointer('nodes', i);
    }
    throw new GraphError(error.message, place, 'format', error.reason);
  }
}
