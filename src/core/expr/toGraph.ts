// The number-only build: the same parser, loaded in half the time (the CLI starts faster).
import { parse, type MathNode } from 'mathjs/number';
import { GraphError, reason, type Reason } from '../graph/errors';
import { quoteId } from '../graph/quote';
import { MAX_ID_LENGTH } from '../format/limits';
import { allNodes, checkParentheses, checkTreeDepth, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_PARENTHESES } from './limits';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { OP_NAMES, OPS, type OpName } from '../ops/table';
import type { OpDef } from '../ops/types';

/** The value a variable gets when `values` does not name it: 1 keeps log, sqrt and division defined. */
export const DEFAULT_VARIABLE_VALUE = 1;

/** Functions an expression may call (the table's `formula.call`) and the operator each becomes; one-argument functions first. */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, { op: OpName; arity: number }>> = Object.fromEntries(
  OP_NAMES.flatMap((op) => {
    const { formula, arity }: OpDef = OPS[op];
    const call = formula?.call;
    return call === undefined ? [] : [[call, { op, arity: arity.kind === 'fixed' ? arity.count : arity.min }] as const];
  }).sort((a, b) => a[1].arity - b[1].arity),
);

/** Two-operand operators an expression writes between its operands (the table's `formula.infix`: + - * / ^), by symbol. */
export const INFIX_OPERATORS: Readonly<Record<string, OpName>> = Object.fromEntries(
  OP_NAMES.flatMap((op) => {
    const infix = (OPS[op] as OpDef).formula?.infix;
    return infix === undefined ? [] : [[infix, op]];
  }),
);

/** Names read as numbers rather than variables, as mathjs reads them. */
const NAMED_CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };


const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Column (1-based) of the first `needle` in `text` matching `pattern`, or undefined. */
function columnOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match === null ? undefined : match.index + 1;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function refuse(_expr: string, message: string, column: number | undefined, why: Reason): never {
  throw new GraphError(column === undefined ? `expression: ${message}` : `expression: ${message} at column ${column}`, column === undefined ? {} : { column }, 'expression',
    column === undefined ? reason('expr.refused', { why }) : reason('expr.refusedAt', { why, column }));
}

/**
 * The parser's syntax errors as Reasons. mathjs words them in English only, so its usual sentences are
 * recognised here; any other is quoted as it is.
 */
const SYNTAX: readonly [RegExp, string][] = [
  [/^Unexpected end of expression$/, 'end'],
  [/^Value expected$/, 'value'],
  [/^Parenthesis \) expected$/, 'closeParen'],
  [/^End of matrix \] expected$/, 'closeBracket'],
  [/^Unexpected operator (.+)$/, 'operator'],
  [/^Unexpected part "(.*)"$/, 'part'],
  [/^Syntax error in part "(.*)"$/, 'errorIn'],
  [/^Property name expected after dot$/, 'property'],
  [/^False part of conditional expression expected$/, 'conditional'],
  [/^End of string (.) expected$/, 'endOfString'],
  [/^Parenthesis \] expected$/, 'closeIndex'],
  [/^Comma , or bracket \} expected after object value$/, 'objectValue'],
  [/^String "(.*)" is not a valid number$/, 'notNumber'],
];

/** The kinds of expression the graph builder refuses, named by Reasons (mathjs's node type, lower case, as the key). */
const UNSUPPORTED_KINDS: Readonly<Record<string, Reason>> = {
  assignment: reason('expr.kind.assignment'),
  functionassignment: reason('expr.kind.functionassignment'),
  array: reason('expr.kind.array'),
  object: reason('expr.kind.object'),
  accessor: reason('expr.kind.accessor'),
  index: reason('expr.kind.index'),
  range: reason('expr.kind.range'),
  conditional: reason('expr.kind.conditional'),
  relational: reason('expr.kind.relational'),
  block: reason('expr.kind.block'),
};

function syntaxReason(message: string): Reason {
  for (const [pattern, id] of SYNTAX) {
    const match = pattern.exec(message);
    if (match !== null) return reason(`expr.syntax.${id}`, match[1] === undefined ? {} : { found: match[1] });
  }
  // Any other sentence of the parser's is quoted as it is, marked as the parser's words.
  return reason('expr.syntax.library', { text: message });
}

/** A kind of expression as a refusal names it: its Reason when the catalogs word it, else mathjs's own name. */
const unsupportedKind = (kind: string): Reason | string => (Object.hasOwn(UNSUPPORTED_KINDS, kind) ? UNSUPPORTED_KINDS[kind] : kind);

/**
 * Parses an expression into a graph: variables become `input` nodes whose id is the
 * variable's name (value from `values`, else DEFAULT_VARIABLE_VALUE), numbers become
 * `const` nodes, a chain of one operator (x+y+z) becomes one n-ary add or mul, `^2`
 * becomes `square`, and the root is marked as output. Operator nodes are `n1`, `n2`, ...
 * in evaluation order and the root is `f` when no variable is called f.
 */
export function graphFromExpression(expr: string, values: Record<string, number> = {}): Graph {
  let root: MathNode;
  checkParentheses(expr);
  try {
    root = parse(expr);
  } catch (error) {
    if (error instanceof RangeError) refuse(expr, `nested too deeply to read (at most ${MAX_EXPRESSION_PARENTHESES} parentheses and ${MAX_EXPRESSION_DEPTH} levels of operators)`, undefined, reason('expr.nestedTooDeeplyRead', { MAX_EXPRESSION_PARENTHESES, MAX_EXPRESSION_DEPTH }));
    const char = (error as { char?: unknown }).char;
    const message = error instanceof Error ? error.message.replace(/\s*\(char \d+\)$/, '') : String(error);
    refuse(expr, message, typeof char === 'number' ? char : undefined, syntaxReason(message));
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const variables = new Map<string, string>();
  const names = new Set<string>();
  checkTreeDepth(root);
  if (root.type === 'BlockNode') refuse(expr, 'give one expression, not several separated by ; or a new line', columnOf(expr, /[;\n]/), reason('expr.giveOneExpressionSeveral'));
  for (const node of allNodes(root)) {
    if (node.type !== 'SymbolNode') continue;
    const name = (node as unknown as { name: string }).name;
    if (name.length > MAX_ID_LENGTH) refuse(expr, `variable ${quoteId(name)} is too long (${name.length.toLocaleString('en-US')} characters; names have at most ${MAX_ID_LENGTH})`, undefined,
      reason('expr.variableTooLong', { name: quoteId(name), length: name.length.toLocaleString('en-US'), max: MAX_ID_LENGTH }));
    if (!own(NAMED_CONSTANTS, name)) names.add(name);
  }
  let counter = 0;
  const freshId = (): string => {
    let id: string;
    do id = `n${++counter}`; while (names.has(id));
    return id;
  };
  const addNode = (node: GraphNode): string => {
    nodes.push(node);
    return node.id;
  };
  const connect = (source: string, target: string, targetPort: number): void => {
    edges.push({ id: `e${edges.length + 1}`, source, target, targetPort });
  };
  const op = (name: OpName, inputs: MathNode[]): string => {
    const sources = inputs.map(build);
    const id = addNode({ id: freshId(), op: name });
    sources.forEach((s, k) => connect(s, id, k));
    return id;
  };
  const constant = (value: number): string => addNode({ id: freshId(), op: 'const', value });

  // Depth follows the expression's nesting, which the parser itself already recursed through.
  function build(node: MathNode): string {
    switch (node.type) {
      case 'ParenthesisNode':
        return build((node as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        // Nothing but blanks or a # comment parses to a constant without a value.
        if (value === undefined) refuse(expr, 'nothing to read (only blanks or a # comment)', undefined, reason('expr.empty'));
        if (typeof value !== 'number') refuse(expr, `only numbers are allowed, not ${JSON.stringify(value)}`, undefined, reason('expr.onlyNumbersAreAllowed', { value: String(JSON.stringify(value)) }));
        return constant(value);
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (own(NAMED_CONSTANTS, name)) return constant(NAMED_CONSTANTS[name]);
        const known = variables.get(name);
        if (known !== undefined) return known;
        const value = own(values, name) ? values[name] : DEFAULT_VARIABLE_VALUE;
        const id = addNode({ id: name, op: 'input', value, label: name });
        variables.set(name, id);
        return id;
      }
      case 'OperatorNode': {
        const { fn, args, op: symbol } = node as unknown as { fn: string; op: string; args: MathNode[] };
        if (fn === 'unaryPlus') return build(args[0]);
        if (fn === 'unaryMinus') {
          const inner = args[0];
          if (inner.type === 'ConstantNode' && typeof (inner as unknown as { value: unknown }).value === 'number') {
            return constant(-(inner as unknown as { value: number }).value);
          }
          return op('neg', [inner]);
        }
        const name = own(INFIX_OPERATORS, symbol) ? INFIX_OPERATORS[symbol] : undefined;
        if (name === undefined || args.length !== 2) {
          refuse(expr, `unsupported operator ${quoteId(symbol)}`, columnOf(expr, new RegExp(escapeRegExp(symbol))), reason('expr.unsupportedOperator', { symbol: quoteId(symbol) }));
        }
        if (name === 'pow' && isConstant(args[1], 2)) return op('square', [args[0]]);
        if (name === 'add' || name === 'mul') return op(name, flatten(node, fn));
        return op(name, args);
      }
      case 'FunctionNode': {
        const { fn, args } = node as unknown as { fn: { name?: string }; args: MathNode[] };
        const name = fn.name ?? '';
        if (!own(EXPRESSION_FUNCTIONS, name)) {
          refuse(expr, `unknown function ${quoteId(name)} (known: ${Object.keys(EXPRESSION_FUNCTIONS).join(', ')})`, columnOf(expr, new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`)),
            reason('expr.unknownFunction', { name: quoteId(name), known: Object.keys(EXPRESSION_FUNCTIONS).join(', ') }));
        }
        const f = EXPRESSION_FUNCTIONS[name];
        if (f.arity === 2 && args.length > 2) {
          // max(a, b, c) = max(max(a, b), c)
          let acc = op(f.op, args.slice(0, 2));
          for (const arg of args.slice(2)) {
            const next = build(arg);
            const id = addNode({ id: freshId(), op: f.op });
            connect(acc, id, 0);
            connect(next, id, 1);
            acc = id;
          }
          return acc;
        }
        if (args.length !== f.arity) {
          refuse(expr, `${name} takes ${f.arity} argument${f.arity === 1 ? '' : 's'}, not ${args.length}`, columnOf(expr, new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`)),
            reason('expr.arity', { name, count: f.arity, given: args.length }));
        }
        return op(f.op, args);
      }
      default:
        refuse(expr, `unsupported ${node.type.replace(/Node$/, '').toLowerCase()} expression ${quoteId(node.toString())}`, undefined,
          reason('expr.unsupported', { kind: unsupportedKind(node.type.replace(/Node$/, '').toLowerCase()), text: quoteId(node.toString()) }));
    }
  }

  const rootId = build(root);
  const out = nodes.find((n) => n.id === rootId) as GraphNode;
  out.output = true;
  if (out.op !== 'input' && !names.has('f')) renameNode(nodes, edges, rootId, 'f');
  return { nodes, edges };
}

function isConstant(node: MathNode, value: number): boolean {
  return node.type === 'ConstantNode' && (node as unknown as { value: unknown }).value === value;
}

/** Operands of a chain of one associative operator written without parentheses (x+y+z). */
function flatten(node: MathNode, fn: string): MathNode[] {
  const out: MathNode[] = [];
  const stack: MathNode[] = [node];
  while (stack.length > 0) {
    const at = stack.pop() as MathNode;
    const o = at as unknown as { type: string; fn?: string; args?: MathNode[]; implicit?: boolean };
    if (o.type === 'OperatorNode' && o.fn === fn && o.args !== undefined && o.args.length === 2) {
      stack.push(o.args[1], o.args[0]);
    } else {
      out.push(at);
    }
  }
  return out;
}

function renameNode(nodes: GraphNode[], edges: GraphEdge[], from: string, to: string): void {
  for (const n of nodes) if (n.id === from) n.id = to;
  for (const e of edges) {
    if (e.source === from) e.source = to;
    if (e.target === from) e.target = to;
  }
}
