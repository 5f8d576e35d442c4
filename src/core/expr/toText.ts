import { GraphError } from '../graph/errors';
import { gateInnerGraph } from '../graph/fuse';
import { compileProgram } from '../graph/program';
import type { GateDefinition, Graph } from '../graph/types';
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

/** How one notation writes a fused gate from its definition, label and operand terms. */
type GateWriter = (def: GateDefinition, label: string, inputs: Term[], notation: Notation) => { text: string; prec: number; op: OpName };

/** One output notation: operator writers, variable and number spelling, and how gates show. */
interface Notation {
  writers: Partial<Record<OpName, Writer>>;
  variable: (name: string) => string;
  number: (v: number) => Term;
  gate: GateWriter;
}

/**
 * Writes the graph's output as a formula, inlining shared nodes; unconnected ports show as `?`.
 * `bound` gives the terms of input nodes that stand for something else (a gate's ports).
 */
function write(graph: Graph, notation: Notation, bound: ReadonlyMap<string, Term> = new Map()): Term {
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
      terms[i] = bound.get(node.id) ?? { text: notation.variable(variableName(node.id, node.label, i)), prec: 5, op: 'input' };
      continue;
    }
    if (node.op === 'const') {
      terms[i] = notation.number(node.value ?? NaN);
      continue;
    }
    const inputs: Term[] = [];
    for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
      const src = program.slotSrc[s];
      inputs.push(src >= 0 ? (terms[src] as Term) : missing);
    }
    const params = program.params[i];
    let term: Term;
    if (node.op === 'gate' && node.gate !== undefined) {
      term = notation.gate(node.gate, node.label ?? node.gate.label, inputs, notation);
    } else {
      const writer = notation.writers[node.op] ?? (((x: Term[]) => ({ text: `${node.op}(${x.map((t) => t.text).join(', ')})`, prec: 5 })) as Writer);
      term = { ...writer(inputs, { id: node.id, value: node.value ?? NaN, a: Number(params.a), c: Number(params.c) }), op: node.op };
    }
    if (term.text.length > MAX_LENGTH) throw new GraphError(`the formula is too long to write out (over ${MAX_LENGTH} characters)`, { nodeId: node.id });
    terms[i] = term;
  }
  return terms[program.output] as Term;
}

/** A gate written out as its inner subgraph with each port replaced by the term feeding it. */
const inlineGate: GateWriter = (def, _label, inputs, notation) => {
  const { graph, ports } = gateInnerGraph(def);
  return write(graph, notation, new Map(ports.map((id, k) => [id, inputs[k]])));
};

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda',
  μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};

// Characters TeX gives a meaning inside \text{}; each becomes a command that prints it.
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
};

/** A user's gate label as safe LaTeX: a Greek letter as its command, a plain word upright, anything else as escaped text. */
export function latexLabel(label: string): string {
  const name = GREEK[label];
  if (name !== undefined) return `\\${name}`;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(label)) return label.length === 1 ? label : `\\operatorname{${label}}`;
  let text = '';
  for (const c of label) {
    const code = c.codePointAt(0) as number;
    // Control characters cannot appear in a formula; any other non-ASCII character goes by its code point,
    // because KaTeX reads some (∑, √) as math commands that \text refuses or that would take arguments.
    if (code < 0x20 || code === 0x7f) text += ' ';
    else if (code > 0x7e) text += `{\\char"${code.toString(16).toUpperCase()}}`;
    else text += TEXT_ESCAPES[c] ?? c;
  }
  return `\\text{${text}}`;
}

/** A gate written as its label applied to its inputs, e.g. σ(w0 x0 + w1 x1 + w2). */
const latexGate: GateWriter = (_def, label, inputs) => ({
  text: `${latexLabel(label)}\\left(${inputs.map((t) => t.text).join(', ')}\\right)`, prec: 5, op: 'gate',
});

const EXPRESSION_NOTATION: Notation = { writers: EXPRESSION, variable: (name) => name, number: numberText, gate: inlineGate };
const LATEX_NOTATION: Notation = { writers: LATEX, variable: latexVariable, number: latexNumber, gate: latexGate };

/** The graph's output as an expression graphFromExpression reads back; fused gates are written out as their subgraphs. */
export function graphToExpression(graph: Graph): string {
  return write(graph, EXPRESSION_NOTATION).text;
}

/** The graph's output as LaTeX, for KaTeX; a fused gate shows as its label applied to its inputs. */
export function graphToLatex(graph: Graph): string {
  return write(graph, LATEX_NOTATION).text;
}
