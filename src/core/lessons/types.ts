/** The lesson file format (gradflow.lesson): data only, validated before use, never executed. */
import type { Graph } from '../graph/types';
import type { StrategyMethod } from '../landscape/types';

/** The file's `format` field. */
export const LESSON_FORMAT = 'gradflow.lesson';
/** The lesson-list file's `format` field (public/lessons/index.json). */
export const LESSON_LIST_FORMAT = 'gradflow.lessons';
/** The newest lesson format version this build reads. */
export const LESSON_VERSION = 1;

/** The languages a lesson can be written in; `en` is required, `zh` (Simplified Chinese) falls back to it. */
export type LessonLanguage = 'en' | 'zh';

/** A piece of lesson text in each language. */
export interface LocalText {
  en: string;
  zh?: string;
}

/** Side-panel tabs a lesson can open. */
export const LESSON_PANELS = ['inspector', 'training', 'landscape', 'strategies', 'equations'] as const;
/** A side-panel tab a lesson can open. */
export type LessonPanel = (typeof LESSON_PANELS)[number];

/** Controls a lesson can point at (the UI maps each name to the element it marks). */
export const LESSON_TARGETS = [
  'step-forward', 'step-backward', 'run-backward', 'reset-steps', 'chain-rule', 'quiz', 'grad-check', 'fuse',
  'examples', 'expression', 'palette', 'canvas', 'inspector-tab', 'training-tab', 'landscape-tab', 'strategies-tab',
  'equations-tab', 'landscape-run', 'strategies-run', 'sweep-run', 'equations-run', 'equations-step', 'training-compile',
  'training-start', 'training-settings',
] as const;
/** A control a lesson can point at. */
export type LessonTarget = (typeof LESSON_TARGETS)[number];

/** Strategy methods a lesson can ask for. */
export const LESSON_METHODS: readonly StrategyMethod[] = ['random', 'local', 'gd', 'sgd'];

/** What a node-number task reads: the node's value or d(output)/d(node). */
export type Quantity = 'value' | 'grad';

/**
 * What the learner does, checked by the engine. Node ids refer to the lesson's graph; the learner may
 * edit values, but a task about a node needs that node to still exist.
 */
export type LessonTask =
  /** Type a number: the node's value or gradient; `after` first asks for the backward pass to reach a node. */
  | { kind: 'answer'; prompt: LocalText; quantity: Quantity; node: string; after?: string }
  /** Step a pass until it has visited `node`. */
  | { kind: 'step'; prompt: LocalText; pass: 'forward' | 'backward'; node: string }
  /** Edit values until the node's value or gradient is below (or above) `target`. */
  | { kind: 'reach'; prompt: LocalText; quantity: Quantity; node: string; compare: 'below' | 'above'; target: number }
  /** Set input `node` to a value where the output is not differentiable in it (its one-sided slopes differ). */
  | { kind: 'kink'; prompt: LocalText; node: string }
  /** Turn the gradient check on with every input's analytic gradient agreeing with the numerical one. */
  | { kind: 'gradcheck'; prompt: LocalText }
  /** Fuse gates into one so the graph has fewer nodes and the inputs' gradients are unchanged. */
  | { kind: 'fuse'; prompt: LocalText }
  /** Draw a loss landscape of `dims` dimensions (of the SVM example or of the editor's graph). */
  | { kind: 'landscape'; prompt: LocalText; dims: 1 | 2; problem?: 'svm' | 'editor' }
  /** Compare search strategies with at least these methods in one run. */
  | { kind: 'strategies'; prompt: LocalText; methods: StrategyMethod[] }
  /** Find a learning rate at which gradient descent diverges (in a sweep or a strategy run). */
  | { kind: 'diverge'; prompt: LocalText }
  /** Compute the four equations and step δ back through every layer. */
  | { kind: 'equations'; prompt: LocalText }
  /** Train the network until test accuracy reaches `accuracy` (0..1), optionally with a batch size at most `maxBatch`. */
  | { kind: 'train'; prompt: LocalText; accuracy: number; maxBatch?: number };

/** Every task kind, in the order of the union above. */
export const TASK_KINDS = ['answer', 'step', 'reach', 'kink', 'gradcheck', 'fuse', 'landscape', 'strategies', 'diverge', 'equations', 'train'] as const;

/** One lesson: what it opens, what it says, what the learner does, and hints on request. */
export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: number;
  /** Unique, lower-case words joined by hyphens: progress is kept under it. */
  id: string;
  title: LocalText;
  /** The lecture topics (1–22 of the topic map) the lesson covers. */
  topics: number[];
  /** A shipped example's file name (public/examples/…json) or a whole gradflow.graph; absent keeps the current graph. */
  graph?: string | Graph;
  panel?: LessonPanel;
  highlight?: LessonTarget;
  /** Paragraphs of explanation. */
  body: LocalText[];
  task: LessonTask;
  hints: LocalText[];
}

/** public/lessons/index.json: the lesson files in the lecture's order. */
export interface LessonList {
  format: typeof LESSON_LIST_FORMAT;
  version: number;
  lessons: string[];
}
