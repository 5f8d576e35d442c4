import { GraphError } from '../graph/errors';
import { compileProgram } from '../graph/program';
import type { Graph } from '../graph/types';
import type { OpName } from '../ops/table';
import { EXPRESSION_FUNCTIONS } from './toGraph';

/** A piece of formula and how tightly it binds: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom. */
interface Term {
  text: string;
  prec: number;
  op: OpName;
}

/** Writes one node from its operand terms; `value` and `params` come from the node. */
type Writer = (inputs: Term[], node: { id: string; value: number; a: number; c: number }) => { text: string; prec: number };

/** Expressions past this many characters are refused: fan-out makes written-out formulas grow exponentially. */
const MAX_LENGTH = 1_000_000;

const wrap = (t: Term, parens: boolean, open: string, close: string): string => (parens ? `${open}${t.text}${close}` : t.text);

/** mathjs syntax, read back by graphFromExpression. */
const plain = (t: Term, below: number): string => wrap(t, t.prec < below, '(', ')');
const numberText = (v: number): Term => ({ text: String(v), prec: v < 0 || Object.is(v, -0) ? 3 : 5, op: 'const' });

function joinSame(inputs: Term[], op: OpName, prec: number, sep: string): string {
  // Parentheses wherever reading back would regroup: a nested add/mul would merge into one n-ary node,
  // and a later operand of the same precedence (a + (b - c)) would associate to the left.
  return inputs.map((t, k) => (t.op === op || t.prec < prec || (k > 0 && t.prec === prec) ? `(${t.text})` : t.text)).join(sep);
}

const EXPRESSION: Partial<Record<OpName, Writer>> = {
  add: (x) => ({ text: joinSame(x, 'add', 1, ' + '), prec: 1 }),
  mul: (x) => ({ text: joinSame(x, 'mul', 2, ' * '), prec: 2 }),
  sub: ([a, b]) => ({ text: `${plain(a, 1)} - ${plain(b, 2)}`, prec: 1 }),
  div: ([a, b]) => ({ text: `${plain(a, 2)} / ${plain(b, 3)}`, prec: 2 }),
  pow: ([a, b]) => ({ text: `${plain(a, 5)} ^ ${plain(b, 5)}`, prec: 4 }),
  square: ([a]) => ({ text: `${plain(a, 5)} ^ 2`, prec: 4 }),
  neg: ([a]) => ({ text: `-${a.op === 'const' ? `(${a.text})` : plain(a, 4)}`, prec: 3 }),
  inv: ([a]) => ({ text: `1 / ${plain(a, 3)}`, prec: 2 }),
  scale: ([a], n) => ({ text: `${plain(numberText(n.a), 3)} * ${plain(a, 2)}`, prec: 2 }),
  offset: ([a], n) => ({ text: `${plain(numberText(n.c), 3)} + ${plain(a, 1)}`, prec: 1 }),
};

const latexNumber = (v: number): Term => {
  const [mantissa, exponent] = String(v).split('e');
  const text = exponent === undefined ? mantissa : `${mantissa} \\times 10^{${Number(exponent)}}`;
  return { text, prec: v < 0 ? 3 : exponent === undefined ? 5 : 2, op: 'const' };
};
const tex = (t: Term, below: number): string => wrap(t, t.prec < below, '\\left(', '\\right)');
const texCall = (name: string) => ([a]: Term[]): { text: string; prec: number } => ({ text: `${name}\\left(${a.text}\\right)`, prec: 5 });

const LATEX: Partial<Record<OpName, Writer>> = {
  add: (x) => ({ text: x.map((t) => tex(t, 1)).join(' + '), prec: 1 }),
  mul: (x) => ({ text: x.map((t) => tex(t, 2)).join(' \\cdot '), prec: 2 }),
  sub: ([a, b]) => ({ text: `${tex(a, 1)} - ${tex(b, 2)}`, prec: 1 }),
  div: ([a, b]) => ({ text: `\\frac{${a.text}}{${b.text}}`, prec: 4 }),
  pow: ([a, b]) => ({ text: `{${tex(a, 5)}}^{${b.text}}`, prec: 4 }),
  square: ([a]) => ({ text: `{${tex(a, 5)}}^{2}`, prec: 4 }),
  neg: ([a]) => ({ text: `-${tex(a, 4)}`, prec: 3 }),
  inv: ([a]) => ({ text: `\\frac{1}{${a.text}}`, prec: 4 }),
  scale: ([a], n) => ({ text: `${tex(latexNumber(n.a), 3)} \\cdot ${tex(a, 2)}`, prec: 2 }),
  offset: ([a], n) => ({ text: `${tex(latexNumber(n.c), 3)} + ${tex(a, 1)}`, prec: 1 }),
  exp: ([a]) => ({ text: `e^{${a.text}}`, prec: 4 }),
  log: texCall('\\ln'),
  sqrt: ([a]) => ({ text: `\\sqrt{${a.text}}`, prec: 5 }),
  abs: ([a]) => ({ text: `\\left|${a.text}\\right|`, prec: 5 }),
  sin: texCall('\\sin'),
  cos: texCall('\\cos'),
  tanh: texCall('\\tanh'),
  sigmoid: texCall('\\sigma'),
  relu: texCall('\\operatorname{relu}'),
  max: ([a, b]) => ({ text: `\\max\\left(${a.text}, ${b.text}\\right)`, prec: 5 }),
  min: ([a, b]) => ({ text: `\\min\\left(${a.text}, ${b.text}\\right)`, prec: 5 }),
};

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED = new Set(['e', 'pi', 'i', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'to', 'in', 'mod', 'not', 'and', 'or', 'xor']);

function variableName(id: string, label: string | undefined, index: number): string {
  for (const name of [id, label]) {
    if (name !== undefined && IDENTIFIER.test(name) && !RESERVED.has(name) && !Object.prototype.hasOwnProperty.call(EXPRESSION_FUNCTIONS, name)) return name;
  }
  return `v${index}`;
}

function latexVariable(name: string): string {
  const indexed = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (indexed !== null) return `${indexed[1]}_{${indexed[2]}}`;
  if (name.length === 1) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** Writes the graph's output as a formula, inlining shared nodes; unconnected ports show as `?`. */
function write(graph: Graph, writers: Partial<Record<OpName, Writer>>, variable: (name: string) => string, number: (v: number) => Term): string {
  const program = compileProgram(graph, { lenient: true });
  if (program.output < 0) throw program.issues.find((i) => /output|no nodes/.test(i.message)) ?? new GraphError('the graph has no single output');
  const terms: (Term | undefined)[] = new Array(graph.nodes.length);
  const missing: Term = { text: '?', prec: 5, op: 'const' };
  for (let k = 0; k < program.order.length; k++) {
    const i = program.order[k];
    const node = graph.nodes[i];
    const def = program.defs[i];
    if (def.layer !== undefined && def.forward === undefined) {
      throw new GraphError(`node '${node.id}' (${node.op}) is a layer operator and has no formula`, { nodeId: node.id });
    }
    if (node.op === 'input') {
      terms[i] = { text: variable(variableName(node.id, node.label, i)), prec: 5, op: 'input' };
      continue;
    }
    if (node.op === 'const') {
      terms[i] = number(node.value ?? NaN);
      continue;
    }
    const inputs: Term[] = [];
    for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
      const src = program.slotSrc[s];
      inputs.push(src >= 0 ? (terms[src] as Term) : missing);
    }
    const params = program.params[i];
    const writer = writers[node.op] ?? (((x: Term[]) => ({ text: `${node.op}(${x.map((t) => t.text).join(', ')})`, prec: 5 })) as Writer);
    const { text, prec } = writer(inputs, { id: node.id, value: node.value ?? NaN, a: Number(params.a), c: Number(params.c) });
    if (text.length > MAX_LENGTH) throw new GraphError(`the formula is too long to write out (over ${MAX_LENGTH} characters)`, { nodeId: node.id });
    terms[i] = { text, prec, op: node.op };
  }
  return (terms[program.output] as Term).text;
}

/** The graph's output as an expression graphFromExpression reads back. */
export function graphToExpression(graph: Graph): string {
  return write(graph, EXPRESSION, (name) => name, numberText);
}

/** The graph's output as LaTeX, for KaTeX. */
export function graphToLatex(graph: Graph): string {
  return write(graph, LATEX, latexVariable, latexNumber);
}
