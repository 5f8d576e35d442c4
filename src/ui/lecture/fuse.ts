/** Fusing a selection into one gate through the core's fuseSubgraph, labelled σ when it computes the sigmoid. */
import { fuseSubgraph } from '../../core/graph/fuse';
import { nodeKernels } from '../../core/graph/program';
import type { Graph } from '../../core/graph/types';
import { OPS } from '../../core/ops/table';
import type { Forward } from '../../core/ops/types';
import { t } from '../i18n';

/** The table's sigmoid at x: the σ a gate is compared with. */
const sigmoid = (x: number): number => (OPS.sigmoid.forward as Forward)(Float64Array.of(x), 0, 1, {});

/** "σ" when a one-input gate computes the sigmoid (checked at a few points), else "gate". */
export function gateLabel(graph: Graph, gateId: string): string {
  const node = graph.nodes.find((n) => n.id === gateId);
  if (node?.gate === undefined || node.gate.inputs.length !== 1) return 'gate';
  try {
    const { forward } = nodeKernels(node, 1);
    if (forward === undefined) return 'gate';
    const same = [-2.5, -0.5, 0, 0.7, 3].every((x) => Math.abs(forward(Float64Array.of(x), 0, 1, {}) - sigmoid(x)) < 1e-12);
    return same ? 'σ' : 'gate';
  } catch {
    return 'gate';
  }
}

/** The graph with `nodeIds` fused into one gate, labelled σ when it is the sigmoid (else "gate" in the language shown); throws the core's GraphError when refused. */
export function fuseSelection(graph: Graph, nodeIds: readonly string[]): { graph: Graph; gateId: string } {
  const fused = fuseSubgraph(graph, nodeIds);
  const gate = fused.nodes.find((n) => n.op === 'gate' && !graph.nodes.some((old) => old.id === n.id));
  if (gate === undefined) return { graph: fused, gateId: '' };
  const found = gateLabel(fused, gate.id);
  const label = found === 'gate' ? t('fuse.gateLabel') : found;
  if (label === 'gate') return { graph: fused, gateId: gate.id };
  // Relabel the gate and its definition alike, so saving and unfusing keep the label.
  const labelled = { ...gate, label, gate: { ...gate.gate!, label } };
  return { graph: { ...fused, nodes: fused.nodes.map((n) => (n === gate ? labelled : n)) }, gateId: gate.id };
}
