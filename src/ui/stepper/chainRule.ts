import { opDef, type Evaluation, type Graph } from '../core';
import { formulaName, nodeName, nodeSymbol } from '../names';
import { fmt as rounded } from '../format';
import { passSteps, type StepPhase } from '../store/phase';
import type { PassView } from '../store/passView';
import { t } from '../../i18n';

/** How numbers are written in a line: rounded for reading (fmt), or in full for a tooltip. */
export type NumberStyle = (v: number) => string;

/** One line per input edge of `nodeId` at a backward step: d out/d src = d out/d node · d node/d src = numbers. */
export function backwardLines(graph: Graph, evaluation: Evaluation, nodeId: string, view: PassView | undefined, fmt: NumberStyle = rounded): string[] {
  const step = passSteps(evaluation).backward.find((s) => s.nodeId === nodeId);
  const out = evaluation.outputId;
  if (step === undefined || out === undefined) return [];
  const f = nodeName(graph, out);
  const q = nodeName(graph, nodeId);
  const lines: string[] = [];
  if (nodeId === out) lines.push(`d${f}/d${f} = 1`);
  if (step.inputs.length === 0 && nodeId !== out) lines.push(`d${f}/d${q} = ${fmt(step.upstream)}: ${t('chain.final', { node: q })}`);
  for (const input of step.inputs) {
    const x = nodeName(graph, input.sourceId);
    lines.push(`d${f}/d${x} = d${f}/d${q} * d${q}/d${x} = ${fmt(step.upstream)} * ${fmt(input.localGrad)} = ${fmt(input.grad)}`);
    const s = evaluation.program.index.get(input.sourceId);
    if (view !== undefined && s !== undefined && view.gradTotal[s] > 1) {
      lines.push(`  ${t('chain.fanOut', { node: x, total: view.gradTotal[s], sum: `d${f}/d${x}`, soFar: fmt(view.nodeGrad[s]), terms: view.gradTerms[s] })}`);
    }
  }
  return lines;
}

/** The forward line for a node: its value from its inputs, e.g. q = x + y = -2 + 5 = 3. */
export function forwardLine(graph: Graph, evaluation: Evaluation, nodeId: string, fmt: NumberStyle = rounded): string {
  const step = passSteps(evaluation).forward.find((s) => s.nodeId === nodeId);
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (step === undefined || node === undefined) return '';
  const name = nodeName(graph, nodeId);
  if (step.inputs.length === 0) return `${name} = ${fmt(step.value)}`;
  const names = step.inputs.map((i) => nodeName(graph, i.sourceId));
  const nums = step.inputs.map((i) => fmt(i.value));
  const infix = opDef(node.op).formula?.infix;
  const apply = (args: string[]) => (infix !== undefined ? args.join(` ${infix} `) : `${nodeSymbol(node)}(${args.join(', ')})`);
  return `${name} = ${apply(names)} = ${apply(nums)} = ${fmt(step.value)}`;
}

/** The chain-rule text for the current phase, or a hint when nothing is being stepped. */
export function phaseLines(graph: Graph, evaluation: Evaluation | undefined, phase: StepPhase, view: PassView | undefined, fmt: NumberStyle = rounded): string[] {
  if (evaluation === undefined || view === undefined) return [];
  if (phase.kind === 'forward') return view.currentNode === undefined ? [] : [forwardLine(graph, evaluation, view.currentNode, fmt)];
  if (phase.kind === 'backward') {
    const steps = passSteps(evaluation).backward;
    if (evaluation.outputId === undefined) return [];
    if (phase.done < steps.length) return view.currentNode === undefined ? [] : backwardLines(graph, evaluation, view.currentNode, view, fmt);
    // The pass is complete: what the lecture asks for, the gradient of the output with respect to each input.
    const f = nodeName(graph, evaluation.outputId);
    // Linear in the graph: a 3,000-node pass completes in one click.
    const stepped = new Set(steps.map((s) => s.nodeId));
    const inputs = graph.nodes.filter((n) => n.op === 'input' && stepped.has(n.id));
    return [t('chain.complete', { grads: inputs.map((n) => `d${f}/d${formulaName(n.id, n.label)} = ${fmt(evaluation.grads[evaluation.program.index.get(n.id)!])}`).join(', ') })];
  }
  return [];
}
