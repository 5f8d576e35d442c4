import { GraphError, NO_OUTPUT_CODES, reason } from '../graph/errors';
import { gateInnerGraph } from '../graph/gate';
import { compileProgram } from '../graph/program';
import type { GateDefinition, Graph } from '../graph/types';
import { callText, latexNumber, numberText } from '../ops/formula';
import type { FormulaWriter, OpDef, Term } from '../ops/types';
import { EXPRESSION_FUNCTIONS } from './toGraph';

/** Writes one node from its operand terms and parameters. */
type Writer = FormulaWriter;

/** Expressions past this many characters are refused: fan-out makes written-out formulas grow exponentially. */
const MAX_LENGTH = 1_000_000;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED = new Set(['e', 'pi', 'i', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'to', 'in', 'mod', 'not', 'and', 'or', 'xor']);

function variableName(id: string, label: string | undefined, index: number): string {
  for (const name of [id, label]) {
    if (name !== undefined && IDENTIFIER.test(name) && !RESERVED.has(name) && !Object.prototype.hasOwnProperty.call(EXPRESSION_FUNCTIONS, name)) return name;
  }
  return `v${index}`;
}

/** A variable name as LaTeX: x1 as x_{1}, one letter as itself, a longer name upright. */
export function latexVariable(name: string): string {
  const indexed = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (indexed !== null) return `${indexed[1]}_{${indexed[2]}}`;
  if (name.length === 1) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** How one notation writes a fused gate from its definition, label and operand terms. */
type GateWriter = (def: GateDefinition, label: string, inputs: Term[], notation: Notation) => Term;

/** One output notation: its writer of each operator (from the table), variable and number spelling, and how gates show. */
interface Notation {
  writer: (def: OpDef, op: string) => Writer;
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
  if (program.output < 0) throw program.issues.find((i) => NO_OUTPUT_CODES.has(i.code)) ?? new GraphError('the graph has no single output', {}, 'ambiguous-output', reason('expr.graphSingleOutput'));
  const terms: (Term | undefined)[] = new Array(graph.nodes.length);
  const missing: Term = { text: '?', prec: 5, op: 'const' };
  for (let k = 0; k < program.order.length; k++) {
    const i = program.order[k];
    const node = graph.nodes[i];
    const def = program.defs[i];
    if (def.layer !== undefined && def.forward === undefined) {
      throw new GraphError(`node '${node.id}' (${node.op}) is a layer operator and has no formula`, { nodeId: node.id }, 'no-formula', reason('expr.nodeLayerOperatorFormula', { id: node.id, op: node.op }));
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
      term = { ...notation.writer(def, node.op)(inputs, params), op: node.op };
    }
    if (term.text.length > MAX_LENGTH) throw new GraphError(`the formula is too long to write out (over ${MAX_LENGTH} characters)`, { nodeId: node.id }, 'limit', reason('expr.formulaTooLongWrite', { MAX_LENGTH }));
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

const EXPRESSION_NOTATION: Notation = {
  writer: (def, op) => def.formula?.expression ?? callText(def.formula?.call ?? op),
  variable: (name) => name, number: numberText, gate: inlineGate,
};
const LATEX_NOTATION: Notation = {
  writer: (def, op) => def.formula?.latex ?? callText(op),
  variable: latexVariable, number: latexNumber, gate: latexGate,
};

/** The graph's output as an expression graphFromExpression reads back; fused gates are written out as their subgraphs. */
export function graphToExpression(graph: Graph): string {
  return write(graph, EXPRESSION_NOTATION).text;
}

/** The graph's output as LaTeX, for KaTeX; a fused gate shows as its label applied to its inputs. */
export function graphToLatex(graph: Graph): string {
  return write(graph, LATEX_NOTATION).text;
}
