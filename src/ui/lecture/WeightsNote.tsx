/** Which weights a network result used, and which the next computation will use. */
import type { Graph } from '../../core/graph/types';
import { weightsNote, type WeightsUsed } from '../../worker/parameters';
import { networkSeed } from '../../worker/lecture-data';
import { useTrainedFor } from '../store/trained';

/** What the next computation on `graph`'s network will use: the Training tab's weights when they belong to it. */
export function weightsToUse(graph: Graph, epoch: number | null | undefined): WeightsUsed {
  return epoch === undefined ? { kind: 'initial', seed: networkSeed(graph) } : { kind: 'trained', epoch };
}

/** "Weights: trained (epoch 3)" under a result. */
export function WeightsUsedNote({ used }: { used: WeightsUsed | undefined }) {
  if (used === undefined) return null;
  return <p className="muted gf-lecture-note" data-testid="weights-used" data-weights={used.kind}>Weights: <strong>{weightsNote(used)}</strong></p>;
}

/** Beside the Compute button: the weights the next computation will use, and how to get trained ones. */
export function WeightsHint({ graph }: { graph: Graph }) {
  const trained = useTrainedFor(graph);
  const used = weightsToUse(graph, trained === null ? undefined : trained.epoch);
  return (
    <p className="muted gf-lecture-note" data-testid="weights-hint" data-weights={used.kind}>
      Uses the network's <strong>{weightsNote(used)}</strong> weights{used.kind === 'initial' ? '; train it in the Training tab to look at trained ones.' : ' from the Training tab.'}
    </p>
  );
}
