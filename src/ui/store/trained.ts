/**
 * The one thing the Training tab shares with the lecture tabs: the latest trained parameters and the
 * network they belong to. The training store writes it; the lecture tabs read it through `trainedFor`.
 */
import { create } from 'zustand';
import type { Graph } from '../../core/graph/types';
import type { TrainedParameters } from '../../worker/parameters';
import { graphFingerprint } from '../../core/graph/fingerprint';

/** The latest trained parameters and the fingerprint of the graph they were trained on (or loaded with). */
export interface TrainedState {
  key: string | null;
  parameters: TrainedParameters | null;
}

/** The shared store. */
export const useTrained = create<TrainedState>(() => ({ key: null, parameters: null }));

/** Records parameters trained on (or loaded for) `graph`. */
export function setTrained(graph: Graph, parameters: TrainedParameters): void {
  useTrained.setState({ key: graphFingerprint(graph), parameters });
}

/** Forgets them (a new run starts from fresh weights). */
export function clearTrained(): void {
  useTrained.setState({ key: null, parameters: null });
}

/** The trained parameters when they belong to `graph`'s network (moves and relabels do not matter), else null. */
export function trainedFor(graph: Graph, state: TrainedState = useTrained.getState()): TrainedParameters | null {
  return state.parameters !== null && state.key === graphFingerprint(graph) ? state.parameters : null;
}

/** A hook form of trainedFor, re-rendering when either the parameters or the graph change. */
export function useTrainedFor(graph: Graph): TrainedParameters | null {
  return useTrained((s) => trainedFor(graph, s));
}
