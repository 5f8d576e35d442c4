/** Which weights a network result used, and which the next computation will use. */
import { i18n } from '../i18n';
import type { Graph } from '../../core/graph/types';
import type { WeightsUsed } from '../../worker/parameters';
import { networkSeed } from '../../worker/lectureData';
import { useTrainedFor } from '../store/trained';

/** What the next computation on `graph`'s network will use: the Training tab's weights when they belong to it. */
export function weightsToUse(graph: Graph, epoch: number | null | undefined): WeightsUsed {
  return epoch === undefined ? { kind: 'initial', seed: networkSeed(graph) } : { kind: 'trained', epoch };
}

/** "initial (seed 1)", "trained (epoch 3)": which weights, in the language shown. */
export function weightsText(used: WeightsUsed): string {
  if (used.kind === 'initial') return i18n.t('weights.initial', { seed: used.seed });
  if (used.epoch === null) return i18n.t('weights.loaded');
  return i18n.t('weights.trained', { epoch: Number.isInteger(used.epoch) ? String(used.epoch) : used.epoch.toFixed(1) });
}

/** "Weights: trained (epoch 3)" under a result. */
export function WeightsUsedNote({ used }: { used: WeightsUsed | undefined }) {
  if (used === undefined) return null;
  return <p className="muted gf-lecture-note" data-testid="weights-used" data-weights={used.kind}>{i18n.t('weights.label')} <strong>{weightsText(used)}</strong></p>;
}

/** Beside the Compute button: the weights the next computation will use, and how to get trained ones. */
export function WeightsHint({ graph }: { graph: Graph }) {
  const trained = useTrainedFor(graph);
  const used = weightsToUse(graph, trained === null ? undefined : trained.epoch);
  return (
    <p className="muted gf-lecture-note" data-testid="weights-hint" data-weights={used.kind}>
      {i18n.t('weights.uses')} <strong>{weightsText(used)}</strong> {i18n.t(used.kind === 'initial' ? 'weights.initialHint' : 'weights.trainedHint')}
    </p>
  );
}
