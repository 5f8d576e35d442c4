import { GraphError, reason } from '../graph/errors';
import { unfuseGate } from '../graph/fuse';
import { compileProgram } from '../graph/program';
import type { Graph } from '../graph/types';
import type { OpName } from '../ops/table';
import type { Params } from '../ops/types';
import { commentText, identifiers, pyFloat, pyString } from './python';

/** The two dialects a scalar graph exports to. */
export type ScalarTarget = 'pytorch' | 'python';

/** Operators that have a scalar meaning (leaves and layer-only operators are written elsewhere or refused). */
type ScalarOp = Exclude<OpName, 'input' | 'const' | 'gate' | 'samples' | 'dense' | 'conv2d' | 'maxpool' | 'flatten' | 'dropout' | 'softmax' | 'mse' | 'cross_entropy' | 'svm'>;

/** Writes one operator's call from its operand names and the node's params. */
type Writer = (args: string[], params: Params) => string;

const num = (params: Params, name: string): string => pyFloat(params[name] as number);

/**
 * PyTorch forms, chosen so autograd's local gradients are gradflow's, kinks included: max and min via
 * where (the whole gradient to the first input at a tie), relu and abs with gradient 0 at 0.
 */
const TORCH: Record<ScalarOp, Writer> = {
  add: (a) => a.join(' + '),
  mul: (a) => a.join(' * '),
  sub: ([a, b]) => `${a} - ${b}`,
  div: ([a, b]) => `${a} / ${b}`,
  pow: ([a, b]) => `torch.pow(${a}, ${b})`,
  max: ([a, b]) => `torch.where(${a} >= ${b}, ${a}, ${b})`,
  min: ([a, b]) => `torch.where(${a} <= ${b}, ${a}, ${b})`,
  neg: ([a]) => `-${a}`,
  scale: ([a], p) => `${num(p, 'a')} * ${a}`,
  offset: ([a], p) => `${num(p, 'c')} + ${a}`,
  inv: ([a]) => `torch.reciprocal(${a})`,
  square: ([a]) => `torch.square(${a})`,
  exp: ([a]) => `torch.exp(${a})`,
  log: ([a]) => `torch.log(${a})`,
  sqrt: ([a]) => `torch.sqrt(${a})`,
  abs: ([a]) => `torch.abs(${a})`,
  sin: ([a]) => `torch.sin(${a})`,
  cos: ([a]) => `torch.cos(${a})`,
  sigmoid: ([a]) => `torch.sigmoid(${a})`,
  tanh: ([a]) => `torch.tanh(${a})`,
  relu: ([a]) => `torch.relu(${a})`,
  // Threshold 40, not PyTorch's 20: above it softplus is x, which differs from ln(1 + e^x) by e^-x.
  softplus: ([a]) => `torch.nn.functional.softplus(${a}, beta=1, threshold=40)`,
};

/** Plain-Python forms: calls of the Value operations defined in PYTHON_VALUE. */
const PLAIN: Record<ScalarOp, Writer> = {
  add: (a) => `add(${a.join(', ')})`,
  mul: (a) => `mul(${a.join(', ')})`,
  sub: ([a, b]) => `sub(${a}, ${b})`,
  div: ([a, b]) => `div(${a}, ${b})`,
  pow: ([a, b]) => `power(${a}, ${b})`,
  max: ([a, b]) => `maximum(${a}, ${b})`,
  min: ([a, b]) => `minimum(${a}, ${b})`,
  neg: ([a]) => `neg(${a})`,
  scale: ([a], p) => `scale(${a}, ${num(p, 'a')})`,
  offset: ([a], p) => `offset(${a}, ${num(p, 'c')})`,
  inv: ([a]) => `inv(${a})`,
  square: ([a]) => `square(${a})`,
  exp: ([a]) => `exp(${a})`,
  log: ([a]) => `log(${a})`,
  sqrt: ([a]) => `sqrt(${a})`,
  abs: ([a]) => `absolute(${a})`,
  sin: ([a]) => `sin(${a})`,
  cos: ([a]) => `cos(${a})`,
  sigmoid: ([a]) => `sigmoid(${a})`,
  tanh: ([a]) => `tanh(${a})`,
  relu: ([a]) => `relu(${a})`,
  softplus: ([a]) => `softplus(${a})`,
};

/** Names the scripts define, which node names must not shadow. */
const RESERVED = [
  'json', 'math', 'torch', 'leaf', 'number', 'inputs', 'Value', 'constant', 'backward', 'result', 'output',
  ...Object.values(PLAIN).map((w) => w(['a', 'b'], { a: 1, c: 1 }).split('(')[0]),
];

/** The graph with every fused gate opened up, so each node is one table operator. */
function withoutGates(graph: Graph): Graph {
  let g = graph;
  for (let guard = 0; guard < 10_000; guard++) {
    const gate = g.nodes.find((n) => n.op === 'gate');
    if (gate === undefined) return g;
    g = unfuseGate(g, gate.id);
  }
  throw new GraphError('gates nested too deeply to export', {}, 'export', reason('export.gatesNestedTooDeeply'));
}

/**
 * A Python script that builds a scalar graph's expression, runs the backward pass and prints one JSON
 * line {"value": v, "grads": {"<input id>": g, ...}} (non-finite numbers as "NaN", "Infinity",
 * "-Infinity"): with torch.float64 tensors and backward(), or in plain Python (micrograd style).
 */
export function scalarToPython(graph: Graph, target: ScalarTarget, title = 'graph'): string {
  const flat = withoutGates(graph);
  const program = compileProgram(flat);
  const names = identifiers(program.ids, 'n_', RESERVED);
  const inputIds = flat.nodes.filter((n) => n.op === 'input').map((n) => n.id);
  const lines: string[] = [];
  for (const i of program.order) {
    const node = flat.nodes[i];
    const name = names.get(node.id) as string;
    const comment = `  # ${node.op} '${commentText(node.id)}'`;
    if (node.op === 'input') lines.push(`${name} = leaf(${pyFloat(node.value as number)})${comment}`);
    else if (node.op === 'const') lines.push(`${name} = constant(${pyFloat(node.value as number)})${comment}`);
    else {
      const args: string[] = [];
      for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) args.push(names.get(program.ids[program.slotSrc[s]]) as string);
      const writer = (target === 'pytorch' ? TORCH : PLAIN)[node.op as ScalarOp];
      if (writer === undefined) throw new GraphError(`${node.op} '${node.id}' has no scalar meaning to export`, { nodeId: node.id }, 'export', reason('export.scalarMeaningExport', { op: node.op, id: node.id }));
      lines.push(`${name} = ${writer(args, node.params ?? {})}${comment}`);
    }
  }
  const out = names.get(program.ids[program.output]) as string;
  const inputs = inputIds.map((id) => `${pyString(id)}: ${names.get(id) as string}`).join(', ');
  const header = `#!/usr/bin/env python3
"""${commentText(title)}: a gradflow graph, forward and backward ${target === 'pytorch' ? 'with PyTorch in float64' : 'in plain Python (no dependencies)'}.

Prints one JSON line: {"value": output, "grads": {input id: d output / d input}}.
"""
import json
import math
`;
  const torchPrelude = `import torch


def leaf(value):
    """An input: a float64 tensor whose gradient backward() fills in."""
    return torch.tensor(value, dtype=torch.float64, requires_grad=True)


def constant(value):
    """A constant: a float64 tensor without a gradient."""
    return torch.tensor(value, dtype=torch.float64)
`;
  const run = target === 'pytorch'
    ? `${out}.backward()
inputs = {${inputs}}
grads = {k: (v.grad.item() if v.grad is not None else 0.0) for k, v in inputs.items()}
print(json.dumps({"value": number(${out}.item()), "grads": {k: number(g) for k, g in grads.items()}}))`
    : `backward(${out})
inputs = {${inputs}}
print(json.dumps({"value": number(${out}.data), "grads": {k: number(v.grad) for k, v in inputs.items()}}))`;
  return `${header}${target === 'pytorch' ? torchPrelude : PYTHON_VALUE}

def number(v):
    """A JSON number, or gradflow's strings for the non-finite ones."""
    return v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))


${lines.join('\n')}

${run}
`;
}

/**
 * micrograd's idea with gradflow's rules: each operation stores its inputs and its local gradients
 * (the table's, kinks included), and backward() walks the graph in reverse topological order adding
 * local gradient × upstream gradient into each input. Math follows IEEE 754 as JavaScript does:
 * overflow gives infinity and a log of a negative number NaN, where Python's math would raise.
 */
const PYTHON_VALUE = `

class Value:
    """A number in the graph: its value, its gradient, and the local gradient towards each input."""

    def __init__(self, data, inputs=(), local_grads=()):
        self.data = data
        self.grad = 0.0
        self.inputs = inputs
        self.local_grads = local_grads


def leaf(value):
    return Value(float(value))


def constant(value):
    return Value(float(value))


def backward(output):
    """Reverse mode from \`output\` (gradient 1): each node passes local gradient x its gradient to its inputs."""
    order, seen = [], set()
    stack = [(output, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((x, False) for x in node.inputs)
    output.grad = 1.0
    for node in reversed(order):
        for x, local in zip(node.inputs, node.local_grads):
            x.grad += local * node.grad


def _exp(x):
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _log(x):
    return math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan)


def _div(a, b):
    if b != 0 or math.isnan(b):
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _pow(a, b):
    if math.isnan(b) or (abs(a) == 1 and math.isinf(b)):
        return math.nan
    try:
        return math.pow(a, b)
    except (ValueError, OverflowError):
        odd = float(b).is_integer() and int(b) % 2 == 1
        if a == 0:
            return math.copysign(math.inf, a) if odd else math.inf
        if a < 0 and not float(b).is_integer():
            return math.nan
        return -math.inf if a < 0 and odd else math.inf


def _trig(f, x):
    return f(x) if math.isfinite(x) else math.nan


def add(*xs):
    return Value(sum(x.data for x in xs), xs, [1.0] * len(xs))


def mul(*xs):
    product = 1.0
    for x in xs:
        product *= x.data
    others = []
    for k in range(len(xs)):
        p = 1.0
        for i, x in enumerate(xs):
            if i != k:
                p *= x.data
        others.append(p)
    return Value(product, xs, others)


def sub(a, b):
    return Value(a.data - b.data, (a, b), (1.0, -1.0))


def div(a, b):
    return Value(_div(a.data, b.data), (a, b), (_div(1.0, b.data), _div(-a.data, b.data * b.data)))


def power(a, b):
    out = _pow(a.data, b.data)
    da = 0.0 if b.data == 0 else b.data * _pow(a.data, b.data - 1)
    db = 0.0 if out == 0 else out * _log(a.data)
    return Value(out, (a, b), (da, db))


def maximum(a, b):
    first = a.data >= b.data
    return Value(max(a.data, b.data) if not (math.isnan(a.data) or math.isnan(b.data)) else math.nan, (a, b), (1.0 if first else 0.0, 0.0 if first else 1.0))


def minimum(a, b):
    first = a.data <= b.data
    return Value(min(a.data, b.data) if not (math.isnan(a.data) or math.isnan(b.data)) else math.nan, (a, b), (1.0 if first else 0.0, 0.0 if first else 1.0))


def neg(a):
    return Value(-a.data, (a,), (-1.0,))


def scale(x, a):
    return Value(a * x.data, (x,), (a,))


def offset(x, c):
    return Value(c + x.data, (x,), (1.0,))


def inv(x):
    out = _div(1.0, x.data)
    return Value(out, (x,), (-out * out,))


def square(x):
    return Value(x.data * x.data, (x,), (2 * x.data,))


def exp(x):
    out = _exp(x.data)
    return Value(out, (x,), (out,))


def log(x):
    return Value(_log(x.data), (x,), (_div(1.0, x.data),))


def sqrt(x):
    out = math.sqrt(x.data) if x.data >= 0 else math.nan
    return Value(out, (x,), (_div(0.5, out),))


def absolute(x):
    return Value(abs(x.data), (x,), (1.0 if x.data > 0 else -1.0 if x.data < 0 else 0.0,))


def sin(x):
    return Value(_trig(math.sin, x.data), (x,), (_trig(math.cos, x.data),))


def cos(x):
    return Value(_trig(math.cos, x.data), (x,), (-_trig(math.sin, x.data),))


def sigmoid(x):
    s = _div(1.0, 1 + _exp(-x.data))
    return Value(s, (x,), ((1 - s) * s,))


def tanh(x):
    t = math.tanh(x.data)
    return Value(t, (x,), (1 - t * t,))


def relu(x):
    return Value(x.data if x.data > 0 else 0.0, (x,), (1.0 if x.data > 0 else 0.0,))


def softplus(x):
    out = x.data + math.log1p(_exp(-x.data)) if x.data > 0 else math.log1p(_exp(x.data))
    return Value(out, (x,), (_div(1.0, 1 + _exp(-x.data)),))
`;
