// Scalar graphs exported as PyTorch (float64, backward()) and plain-Python scripts, run with Python:
// values and input gradients against gradflow's evaluator on the shipped examples and random DAGs.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, evaluate, gradOf, graphFromExpression, isLayeredGraph, OP_NAMES, opDef, parseGraph, parseGraphValue, randomDag, valueOf, type Graph } from '../src/core';
import { scalarToPython, type ScalarTarget } from '../src/core/export/scalarScript';
import { PYTHON, run, SKIP_WITHOUT_TORCH } from './helpers/python';

/** Runs many scripts in one Python process (PyTorch imports once) and returns each one's printed line. */
const DRIVER = `
import contextlib, io, json, runpy, sys
for path in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(path, run_name="__main__")
    print(out.getvalue().strip())
`;

const dir = mkdtempSync(join(tmpdir(), 'gradflow-scalar-'));

/** The shipped examples that are scalar graphs, plus 40 random DAGs over every smooth operator and the kinked ones. */
function graphs(): { name: string; graph: Graph }[] {
  const examples = readdirSync('public/examples')
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => ({ name: f, graph: parseGraph(readFileSync(join('public/examples', f), 'utf8')) }))
    .filter(({ graph }) => !isLayeredGraph(graph) && graph.nodes.some((n) => n.output === true));
  const rng = createRng(12);
  const ops = ['add', 'mul', 'sub', 'neg', 'scale', 'offset', 'sin', 'cos', 'tanh', 'sigmoid', 'square', 'exp', 'relu', 'abs'] as const;
  const random = Array.from({ length: 40 }, (_, k) => ({ name: `dag${k}`, graph: randomDag(rng, 6 + (k % 20), { ops: k < 20 ? undefined : ops }) }));
  // The two-input operators, 1/x and the kinks, where a tie or a zero decides where the gradient goes. (1/x stays out of the
  // random graphs: a 1/0 upstream of a relu at its kink gives gradflow 0 × ∞ = NaN, where PyTorch's relu masks it to 0.)
  const expressions = [
    ['max(x, y) / min(x, z) + x ^ y + sqrt(z) + log(y)', { x: 1.5, y: 2.5, z: 0.7 }],
    ['max(x, x) * min(y, y) + abs(z) + relu(z) + relu(x - x)', { x: 2, y: -3, z: 0 }],
    ['y ^ x + x ^ 2 - 1 / x', { x: -1.5, y: 3 }],
  ] as const;
  const written = expressions.map(([text, values], k) => ({ name: `expr${k}`, graph: graphFromExpression(text, { ...values }) }));
  return [...examples, ...random, ...written, ...everyOperator()];
}

/** One graph per scalar operator of the table: its inputs at 0.7, 1.3, 0.4 feed it, and it is the output. */
function everyOperator(): { name: string; graph: Graph }[] {
  const values = [0.7, 1.3, 0.4];
  return OP_NAMES.filter((op) => opDef(op).forward !== undefined && !opDef(op).leaf).map((op) => {
    const def = opDef(op);
    const arity = def.arity.kind === 'fixed' ? def.arity.count : def.arity.min + 1;
    const inputs = values.slice(0, arity).map((value, k) => ({ id: `x${k}`, op: 'input', value }));
    const params = Object.fromEntries(def.params.flatMap((p) => (p.kind === 'shape' ? [] : [[p.name, p.default]])));
    return {
      name: `op-${op}`,
      graph: parseGraphValue({
        format: 'gradflow.graph', version: 1,
        nodes: [...inputs, { id: 'f', op, params, output: true }],
        edges: inputs.map((input, k) => ({ id: `e${k}`, source: input.id, target: 'f', targetPort: k })),
      }),
    };
  });
}

type Printed = { value: number | string; grads: Record<string, number | string> };
const asNumber = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

/** |a − b| ≤ 1e-12 · max(1, |a|, |b|), non-finite numbers equal. */
function close(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

async function check(target: ScalarTarget): Promise<void> {
  const all = graphs();
  expect(all.filter((g) => !g.name.startsWith('dag')).map((g) => g.name).sort()).toEqual(expect.arrayContaining(['xyz.json', 'staged.json', 'sigmoid-neuron-gates.json', 'sigmoid-neuron.json', 'fan-out.json']));
  // Every scalar operator of the table is written by both dialects.
  expect(all.filter((g) => g.name.startsWith('op-')).length).toBeGreaterThanOrEqual(20);
  const paths = all.map(({ name, graph }) => {
    const path = join(dir, `${target}-${name.replace(/\W/g, '_')}.py`);
    writeFileSync(path, scalarToPython(graph, target, name));
    return path;
  });
  const result = await run(PYTHON, ['-c', DRIVER, JSON.stringify(paths)]);
  expect(result.stderr).toBe('');
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(all.length);
  all.forEach(({ name, graph }, k) => {
    const printed = JSON.parse(lines[k]) as Printed;
    const evaluation = evaluate(graph);
    const value = valueOf(evaluation, evaluation.outputId as string);
    expect(close(asNumber(printed.value), value), `${name} value ${printed.value} vs ${value}`).toBe(true);
    const inputs = graph.nodes.filter((n) => n.op === 'input').map((n) => n.id);
    expect(Object.keys(printed.grads).sort(), name).toEqual([...inputs].sort());
    for (const id of inputs) {
      const ours = gradOf(evaluation, id);
      expect(close(asNumber(printed.grads[id]), ours), `${name} d/d${id}: ${printed.grads[id]} vs ${ours}`).toBe(true);
    }
  });
}

describe('scalar graphs exported to Python', () => {
  it('plain Python (no dependencies) prints gradflow\'s value and input gradients to 1e-12', async () => {
    await check('python');
  });

  it.skipIf(SKIP_WITHOUT_TORCH)('PyTorch (float64, backward()) prints gradflow\'s value and input gradients to 1e-12', async () => {
    await check('pytorch');
  });

  it('the lecture\'s (x+y)*z prints -12 and gradients -4, -4, 3', async () => {
    const graph = parseGraph(readFileSync('public/examples/xyz.json', 'utf8'));
    const path = join(dir, 'lecture.py');
    writeFileSync(path, scalarToPython(graph, 'python', 'xyz'));
    const result = await run(PYTHON, [path]);
    expect(JSON.parse(result.stdout)).toEqual({ value: -12, grads: { x: -4, y: -4, z: 3 } });
  });

  it('non-finite results print as gradflow writes them, where plain Python math would raise', async () => {
    const graph = parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [
        { id: 'a', op: 'input', value: 1000 }, { id: 'b', op: 'input', value: -1 },
        { id: 'e', op: 'exp' }, { id: 'l', op: 'log' }, { id: 'f', op: 'add', output: true },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 'e', targetPort: 0 }, { id: 'e2', source: 'b', target: 'l', targetPort: 0 },
        { id: 'e3', source: 'e', target: 'f', targetPort: 0 }, { id: 'e4', source: 'l', target: 'f', targetPort: 1 },
      ],
    }));
    const path = join(dir, 'nonfinite.py');
    writeFileSync(path, scalarToPython(graph, 'python', 'nonfinite'));
    const result = await run(PYTHON, [path]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ value: 'NaN', grads: { a: 'Infinity', b: -1 } });
    const ours = evaluate(graph);
    expect(valueOf(ours, 'f')).toBeNaN();
    expect(gradOf(ours, 'a')).toBe(Infinity);
    expect(gradOf(ours, 'b')).toBe(-1);
  });
});
