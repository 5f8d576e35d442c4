/** The lecture tools' state: settings of each tab, their latest results, and the gradient-check toggle. */
import { create } from 'zustand';
import type { Graph } from '../../core/graph/types';
import type { StrategyMethod } from '../../core/landscape/types';
import type { LectureResponse } from '../../worker/lectureProtocol';
import type { TrainedParameters } from '../../worker/parameters';

/** A computation's state: not run, running, its result, or why it failed. */
export type Job<T> =
  | { kind: 'idle' }
  | { kind: 'busy' }
  /** `graph`: the editor's graph the result was computed from, or null when it did not use it (the SVM example). */
  | { kind: 'done'; result: T; graph: Graph | null }
  | { kind: 'error'; message: string };

/** Which problem a tab works on: the graph in the editor, or the built-in SVM example. */
export type ProblemChoice = 'editor' | 'svm';

/** The landscape tab's controls. */
export interface LandscapeSettings {
  problem: ProblemChoice;
  dims: 1 | 2;
  range: number;
  steps: number;
  seed: number;
  /** The optimiser whose path is drawn on a 2-D map, or none. */
  path: StrategyMethod | 'none';
  /** Learning rate of a gradient path (and step size of a local-search path). */
  pathRate: number;
  /** Loss evaluations the path may spend. */
  pathBudget: number;
  /** Training digits L averages over, for networks. */
  samples: number;
}

/** The strategies tab's controls (the sweep's too). */
export interface StrategySettingsState {
  problem: ProblemChoice;
  budget: number;
  learningRate: number;
  stepSize: number;
  batchSize: number;
  seed: number;
  samples: number;
  /** The sweep's rates as typed, e.g. "0.025, 0.25, 2.5, 25". */
  rates: string;
  sweepSteps: number;
}

/** The four-equations tab's controls and stepping position. */
export interface EquationsSettings {
  batchSize: number;
  seed: number;
  /** Dense layer highlighted by "Step backward" (index into the layers), or null before the first step. */
  current: number | null;
}

type Slice = Extract<LectureResponse, { type: 'slice1d' | 'slice2d' }>;
type Strategies = Extract<LectureResponse, { type: 'strategies' }>;
type Sweep = Extract<LectureResponse, { type: 'sweep' }>;
type Equations = Extract<LectureResponse, { type: 'equations' }>;

/** A four-equations result and what it was computed with, so "Expand to scalar graph" opens that very network. */
export interface EquationsRun {
  response: Equations;
  batchSize: number;
  seed: number;
  /** The Training tab's parameters the network held, or null when it was freshly initialised. */
  parameters: TrainedParameters | null;
  /** The scalar graph "Expand to scalar graph" opened from this result, and for which sample. */
  expanded: { graph: Graph; sampleIndex: number; label: number } | null;
}

/** Everything the lecture tabs show. */
export interface LectureState {
  gradCheck: boolean;
  landscapeSettings: LandscapeSettings;
  landscape: Job<Slice>;
  strategySettings: StrategySettingsState;
  strategies: Job<Strategies>;
  sweep: Job<Sweep>;
  equationsSettings: EquationsSettings;
  equations: Job<EquationsRun>;
}

/** The lecture tools' store. */
export const useLecture = create<LectureState>(() => ({
  gradCheck: false,
  landscapeSettings: { problem: 'editor', dims: 2, range: 1, steps: 41, seed: 1, path: 'gd', pathRate: 0.1, pathBudget: 40, samples: 500 },
  landscape: { kind: 'idle' },
  strategySettings: { problem: 'svm', budget: 40, learningRate: 0.1, stepSize: 0.1, batchSize: 1, seed: 1, samples: 500, rates: '0.025, 0.25, 2.5, 25', sweepSteps: 60 },
  strategies: { kind: 'idle' },
  sweep: { kind: 'idle' },
  equationsSettings: { batchSize: 10, seed: 1, current: null },
  equations: { kind: 'idle' },
}));

/** Merges a few fields into one settings group. */
export function setSettings<K extends 'landscapeSettings' | 'strategySettings' | 'equationsSettings'>(key: K, patch: Partial<LectureState[K]>): void {
  useLecture.setState((s) => ({ [key]: { ...s[key], ...patch } }) as Pick<LectureState, K>);
}
