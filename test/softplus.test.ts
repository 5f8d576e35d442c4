import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  backpropBatch, compileNetwork, createNetwork, createRng, evaluate, expandToScalarGraph, gradientCheck, gradOf,
  graphFromExpression, graphToExpression, graphToLatex, OPS, valueOf, weightId,
  type Dataset,
} from '../src/core';
import { operatorReference } from '../src/i18n/operatorDocs';
import { filterOps, firstMatch } from '../src/ui/palette/filterOps';
import { startI18n, t } from '../src/i18n';
import { EXPRESSION_SYNTAX } from '../src/ui/toolbar/expressionHint';
import { chain } from './helpers/graphs';

// Softplus is one entry in src/core/ops/table.ts and nothing else: these tests prove it reaches every
// place that reads the table, which is what adding any operator must take.

const LN2 = Math.log(2);

describe('softplus, added as one entry of the operator table', () => {
  it('is in the palette\'s Activations group, and a search for it adds it', () => {
    const activations = filterOps('').find((g) => g.id === 'activations');
    expect(activations?.ops).toEqual(['sigmoid', 'tanh', 'relu', 'softplus']);
    expect(firstMatch('softp')).toBe('softplus');
    expect(filterOps('smooth relu').flatMap((g) => g.ops)).toEqual(['softplus']);
  });

  it('is a function of the expression box: listed in its hint, parsed into a softplus node with its value and gradient', () => {
    startI18n([], { lng: 'en' });
    expect(t('expression.title', EXPRESSION_SYNTAX)).toBe('Operators + * - / ^ and functions exp log sqrt abs sin cos sigmoid tanh relu softplus max min');
    const graph = graphFromExpression('softplus(x) * y', { x: 0, y: 2 });
    expect(graph.nodes.map((n) => n.op)).toEqual(['input', 'softplus', 'input', 'mul']);
    const result = evaluate(graph);
    expect(valueOf(result, 'f')).toBeCloseTo(2 * LN2, 15);
    // d/dx softplus(x) = σ(x) = 1/2 at 0, times y = 2.
    expect(gradOf(result, 'x')).toBeCloseTo(1, 15);
    expect(gradOf(result, 'y')).toBeCloseTo(LN2, 15);
    expect(() => graphFromExpression('softplus(x, y)')).toThrow(/softplus takes 1 argument, not 2/);
  });

  it('is written back as an expression and as LaTeX that KaTeX renders', () => {
    const graph = graphFromExpression('softplus(x) * y');
    expect(graphToExpression(graph)).toBe('softplus(x) * y');
    const latex = graphToLatex(graph);
    expect(latex).toBe('\\operatorname{softplus}\\left(x\\right) \\cdot y');
    expect(katex.renderToString(latex, { throwOnError: true })).toContain('softplus');
  });

  it('is stable and matches its derivative (the logistic sigmoid) far from zero', () => {
    const forward = OPS.softplus.forward!;
    const localGrad = OPS.softplus.localGrad!;
    const at = (x: number) => Float64Array.of(x);
    expect(forward(at(800), 0, 1, {})).toBe(800);
    expect(forward(at(-800), 0, 1, {})).toBe(0);
    expect(forward(at(1), 0, 1, {})).toBeCloseTo(Math.log(1 + Math.E), 15);
    expect(localGrad(at(-2), 0, 1, forward(at(-2), 0, 1, {}), 0, {})).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
  });

  it('is on the generated operators page and in the file format\'s JSON Schema', () => {
    const page = readFileSync('docs/operators.md', 'utf8');
    expect(page).toBe(operatorReference());
    const activations = page.slice(page.indexOf('## Activations'), page.indexOf('## Layers'));
    expect(activations).toContain('| `softplus` | Softplus | softplus | 1 | ln(1 + e^x), a smooth ReLU; its derivative is σ(x). |');
    const schema = JSON.parse(readFileSync('public/gradflow.graph.schema.json', 'utf8')) as { $defs: { node: { properties: { op: { enum: string[] } } } } };
    expect(schema.$defs.node.properties.op.enum).toContain('softplus');
  });

  it('is evaluated by the command line', async () => {
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'eval', '--expr', 'softplus(x)*y', '--set', 'x=0', '--set', 'y=2', '--json'], { timeout: 60_000 }, (error, stdout) => {
        resolve({ code: error === null ? 0 : Number(error.code), stdout });
      });
    });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { value: number; nodes: Record<string, { op: string; value: number; grad: number }> };
    expect(out.value).toBeCloseTo(2 * LN2, 12);
    expect(out.nodes.n1).toEqual({ op: 'softplus', value: expect.closeTo(LN2, 12) as number, grad: 2 });
    expect(out.nodes.x.grad).toBeCloseTo(1, 12);
  }, 60_000);

  it('is a layer activation of a compiled network, whose backward pass equals the scalar engine\'s', () => {
    const graph = chain([['x', 'samples', { size: 4 }], ['h', 'dense', { units: 3 }], ['a', 'softplus'], ['o', 'dense', { units: 2 }], ['p', 'softmax'], ['C', 'cross_entropy']]);
    const spec = compileNetwork(graph, { classes: 2 });
    expect(spec.layers[1]).toEqual({ kind: 'activation', nodeId: 'a', activation: 'softplus', size: 3 });
    expect(spec.summary[2]).toBe('softplus a: 3');
    const rng = createRng(7);
    const network = createNetwork(spec, rng);
    const input = [0.25, -0.5, 1, 0.75];
    const data: Dataset = { count: 1, inputSize: 4, images: Float32Array.from(input), labels: Uint8Array.of(1) };
    const scalarGraph = expandToScalarGraph(graph, network, { input, label: 1 });
    const scalar = evaluate(scalarGraph);
    for (const kernel of ['js', 'simd'] as const) {
      const result = backpropBatch(network, data, [0], kernel);
      expect(result.loss).toBeCloseTo(valueOf(scalar, 'C'), 12);
      for (const d of network.dense) {
        for (let j = 0; j < d.units; j++) {
          for (let i = 0; i < d.inputSize; i++) {
            expect(result.weightGrads[network.dense.indexOf(d)][j * d.inputSize + i]).toBeCloseTo(gradOf(scalar, weightId(d.nodeId, j, i)), 10);
          }
        }
      }
    }
    for (const c of gradientCheck(scalarGraph).inputs) {
      expect(Math.abs(c.analytic - c.numerical) / Math.max(Math.abs(c.analytic), Math.abs(c.numerical), 1e-4)).toBeLessThan(1e-5);
    }
  });
});
