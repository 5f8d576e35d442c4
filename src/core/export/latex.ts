import { evaluate, gradOf, valueOf } from '../eval/evaluate';
import { graphToLatex, latexVariable } from '../expr/toText';
import { GraphError, reason } from '../graph/errors';
import type { Graph } from '../graph/types';
import { isLayeredGraph } from '../net/shapes';

/** A number as LaTeX: shortest round-trip digits, 1e-7 as 1 \times 10^{-7}, non-finite as \infty or \mathrm{NaN}. */
export function latexNumber(v: number): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const [mantissa, exponent] = String(v).split('e');
  return exponent === undefined ? mantissa : `${mantissa} \\times 10^{${Number(exponent)}}`;
}

/**
 * The graph's formula with its gradients as a LaTeX fragment (amsmath's align*): f = formula = value,
 * then for each input ∂f/∂x = gradient at its current value, the numbers gradflow shows on the canvas.
 */
export function graphLatexWithGradients(graph: Graph): string {
  if (isLayeredGraph(graph)) throw new GraphError('a network has no single formula: export it with PyTorch or ONNX', {}, 'no-formula', reason('export.networkSingleFormulaExport'));
  const evaluation = evaluate(graph);
  const outputId = evaluation.outputId as string;
  const outputNode = graph.nodes.find((n) => n.id === outputId);
  const named = outputNode?.label ?? outputId;
  const f = /^[A-Za-z]\w*$/.test(named) && outputNode?.op !== 'input' ? latexVariable(named) : 'f';
  const lines = [`${f} &= ${graphToLatex(graph)} = ${latexNumber(valueOf(evaluation, outputId))}`];
  for (const node of graph.nodes) {
    if (node.op !== 'input') continue;
    const x = latexVariable(node.id);
    lines.push(`\\frac{\\partial ${f}}{\\partial ${x}} &= ${latexNumber(gradOf(evaluation, node.id))} && \\text{at } ${x} = ${latexNumber(node.value as number)}`);
  }
  return `% The formula of the graph and its gradients at the current values, from gradflow (needs amsmath).\n\\begin{align*}\n${lines.join(' \\\\\n')}\n\\end{align*}\n`;
}
