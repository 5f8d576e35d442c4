/**
 * Reads a lesson file. The checks mirror public/lessons/lesson.schema.json (a test runs both over the
 * same files), so a teacher's editor and the app agree; nothing in a lesson is ever run as code.
 */
import { parseGraphValue } from '../format/parse';
import { parseJsonText } from '../format/jsonText';
import { GraphError, reason, reasonOf, type Reason } from '../graph/errors';
import type { Graph } from '../graph/types';
import type { StrategyMethod } from '../landscape/types';
import {
  LESSON_FORMAT, LESSON_LIST_FORMAT, LESSON_METHODS, LESSON_PANELS, LESSON_TARGETS, LESSON_VERSION, TASK_KINDS,
  type Lesson, type LessonList, type LessonTask, type LocalText,
} from './types';

/** Why a lesson file was refused, as a code the UI words in the reader's language. */
export type LessonProblemCode = 'json' | 'type' | 'required' | 'unknown' | 'value' | 'format' | 'version' | 'graph' | 'size';

/** One refusal: where in the file (a JSON pointer) and what is wrong. */
export interface LessonProblem {
  path: string;
  code: LessonProblemCode;
  /** The expected type, allowed values or the graph validator's message. */
  detail: string;
  /** For a broken graph or broken JSON, the refusal's Reason, for the UI to word in the reader's language. */
  reason?: Reason;
}

/** A lesson read from a file, or every problem found in it. */
export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; problems: LessonProblem[] };

/** The lesson-list file read, or its problems. */
export type LessonListResult = { ok: true; list: LessonList } | { ok: false; problems: LessonProblem[] };

/** Largest lesson file read, in characters: a lesson is a few paragraphs and perhaps a small graph. */
export const MAX_LESSON_CHARS = 2_000_000;
/** Longest text field, in characters. */
export const MAX_TEXT = 4000;
/** A lesson id: lower-case words joined by hyphens. */
export const LESSON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A shipped example file name. */
export const EXAMPLE_FILE = /^[a-z0-9-]+\.json$/;
/** A node id a task refers to (the graph format allows more; lessons keep to readable ids). */
const NODE_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects problems while walking one file. */
class Reader {
  readonly problems: LessonProblem[] = [];
  fail(path: string, code: LessonProblemCode, detail: string, reason?: Reason): undefined {
    this.problems.push(reason === undefined ? { path, code, detail } : { path, code, detail, reason });
    return undefined;
  }
  /** Refuses fields outside `allowed`: a misspelt field would otherwise be silently ignored. */
  only(obj: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) this.fail(`${path}/${key}`, 'unknown', allowed.join(', '));
  }
  object(obj: Json, key: string, path: string): Json | undefined {
    const v = obj[key];
    if (!Object.hasOwn(obj, key)) return this.fail(`${path}/${key}`, 'required', 'object');
    return isObject(v) ? v : this.fail(`${path}/${key}`, 'type', 'object');
  }
  string(obj: Json, key: string, path: string, pattern?: RegExp, optional = false): string | undefined {
    if (!Object.hasOwn(obj, key)) return optional ? undefined : this.fail(`${path}/${key}`, 'required', 'string');
    const v = obj[key];
    if (typeof v !== 'string') return this.fail(`${path}/${key}`, 'type', 'string');
    if (v.length === 0 || v.length > MAX_TEXT) return this.fail(`${path}/${key}`, 'size', `1–${MAX_TEXT}`);
    if (pattern !== undefined && !pattern.test(v)) return this.fail(`${path}/${key}`, 'value', pattern.source);
    return v;
  }
  number(obj: Json, key: string, path: string, min: number, max: number, optional = false): number | undefined {
    if (!Object.hasOwn(obj, key)) return optional ? undefined : this.fail(`${path}/${key}`, 'required', 'number');
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(`${path}/${key}`, 'type', 'number');
    if (v < min || v > max) return this.fail(`${path}/${key}`, 'value', `${min}–${max}`);
    return v;
  }
  choice<T extends string>(obj: Json, key: string, path: string, allowed: readonly T[], optional = false): T | undefined {
    if (!Object.hasOwn(obj, key)) return optional ? undefined : this.fail(`${path}/${key}`, 'required', allowed.join(', '));
    const v = obj[key];
    return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : this.fail(`${path}/${key}`, 'value', allowed.join(', '));
  }
  text(value: unknown, path: string): LocalText | undefined {
    if (!isObject(value)) return this.fail(path, 'type', 'object { en, zh }');
    this.only(value, path, ['en', 'zh']);
    const en = this.string(value, 'en', path);
    const zh = this.string(value, 'zh', path, undefined, true);
    if (en === undefined) return undefined;
    return zh === undefined ? { en } : { en, zh };
  }
  texts(obj: Json, key: string, path: string, min: number, max: number): LocalText[] | undefined {
    const v = obj[key];
    if (!Object.hasOwn(obj, key)) return this.fail(`${path}/${key}`, 'required', 'array');
    if (!Array.isArray(v)) return this.fail(`${path}/${key}`, 'type', 'array');
    if (v.length < min || v.length > max) return this.fail(`${path}/${key}`, 'size', `${min}–${max}`);
    const out = v.map((item, k) => this.text(item, `${path}/${key}/${k}`));
    return out.every((t): t is LocalText => t !== undefined) ? out : undefined;
  }
}

const TASK_FIELDS: Record<LessonTask['kind'], readonly string[]> = {
  answer: ['quantity', 'node', 'after'],
  step: ['pass', 'node'],
  reach: ['quantity', 'node', 'compare', 'target'],
  kink: ['node'],
  gradcheck: [],
  fuse: [],
  landscape: ['dims', 'problem'],
  strategies: ['methods'],
  diverge: [],
  equations: [],
  train: ['accuracy', 'maxBatch'],
};

function readTask(r: Reader, value: Json, path: string): LessonTask | undefined {
  const kind = r.choice(value, 'kind', path, TASK_KINDS);
  if (kind === undefined) return undefined;
  r.only(value, path, ['kind', 'prompt', ...TASK_FIELDS[kind]]);
  const prompt = r.text(value.prompt, `${path}/prompt`);
  const before = r.problems.length;
  const node = () => r.string(value, 'node', path, NODE_ID);
  let task: LessonTask | undefined;
  switch (kind) {
    case 'answer': {
      const after = r.string(value, 'after', path, NODE_ID, true);
      const t = { kind, prompt: prompt!, quantity: r.choice(value, 'quantity', path, ['value', 'grad'] as const)!, node: node()! };
      task = after === undefined ? t : { ...t, after };
      break;
    }
    case 'step':
      task = { kind, prompt: prompt!, pass: r.choice(value, 'pass', path, ['forward', 'backward'] as const)!, node: node()! };
      break;
    case 'reach':
      task = {
        kind, prompt: prompt!, quantity: r.choice(value, 'quantity', path, ['value', 'grad'] as const)!, node: node()!,
        compare: r.choice(value, 'compare', path, ['below', 'above'] as const)!, target: r.number(value, 'target', path, -1e12, 1e12)!,
      };
      break;
    case 'kink':
      task = { kind, prompt: prompt!, node: node()! };
      break;
    case 'gradcheck': case 'fuse': case 'diverge': case 'equations':
      task = { kind, prompt: prompt! };
      break;
    case 'landscape': {
      const dims = r.number(value, 'dims', path, 1, 2);
      if (dims !== undefined && !Number.isInteger(dims)) r.fail(`${path}/dims`, 'value', '1, 2');
      const problem = r.choice(value, 'problem', path, ['svm', 'editor'] as const, true);
      const t = { kind, prompt: prompt!, dims: dims as 1 | 2 };
      task = problem === undefined ? t : { ...t, problem };
      break;
    }
    case 'strategies': {
      const methods = value.methods;
      if (!Array.isArray(methods) || methods.length === 0 || methods.length > LESSON_METHODS.length) {
        r.fail(`${path}/methods`, Array.isArray(methods) ? 'size' : Object.hasOwn(value, 'methods') ? 'type' : 'required', LESSON_METHODS.join(', '));
      } else {
        methods.forEach((m, k) => { if (!LESSON_METHODS.includes(m as StrategyMethod)) r.fail(`${path}/methods/${k}`, 'value', LESSON_METHODS.join(', ')); });
      }
      task = { kind, prompt: prompt!, methods: methods as StrategyMethod[] };
      break;
    }
    case 'train': {
      const maxBatch = r.number(value, 'maxBatch', path, 1, 60000, true);
      const t = { kind, prompt: prompt!, accuracy: r.number(value, 'accuracy', path, 0, 1)! };
      task = maxBatch === undefined ? t : { ...t, maxBatch };
      break;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
  return r.problems.length === before && prompt !== undefined ? task : undefined;
}

/** Reads an already parsed lesson value. */
export function readLessonValue(value: unknown): LessonResult {
  const r = new Reader();
  if (!isObject(value)) return { ok: false, problems: [{ path: '', code: 'type', detail: 'object' }] };
  r.only(value, '', ['$schema', 'format', 'version', 'id', 'title', 'topics', 'graph', 'panel', 'highlight', 'body', 'task', 'hints']);
  if (value.format !== LESSON_FORMAT) r.fail('/format', 'format', LESSON_FORMAT);
  const version = r.number(value, 'version', '', 1, 1e6);
  if (version !== undefined && (!Number.isInteger(version) || version > LESSON_VERSION)) r.fail('/version', 'version', String(LESSON_VERSION));
  const id = r.string(value, 'id', '', LESSON_ID);
  const title = Object.hasOwn(value, 'title') ? r.text(value.title, '/title') : r.fail('/title', 'required', 'object { en, zh }');
  const topics = value.topics;
  if (!Array.isArray(topics) || topics.length === 0 || topics.length > 22) r.fail('/topics', Array.isArray(topics) ? 'size' : 'type', '1–22');
  else topics.forEach((t, k) => { if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 22) r.fail(`/topics/${k}`, 'value', '1–22'); });
  let graph: string | Graph | undefined;
  if (Object.hasOwn(value, 'graph')) {
    if (typeof value.graph === 'string') graph = r.string(value, 'graph', '', EXAMPLE_FILE);
    else {
      try {
        graph = parseGraphValue(value.graph);
      } catch (error) {
        r.fail('/graph', 'graph', error instanceof Error ? error.message : String(error), reasonOf(error));
      }
    }
  }
  const panel = r.choice(value, 'panel', '', LESSON_PANELS, true);
  const highlight = r.choice(value, 'highlight', '', LESSON_TARGETS, true);
  const body = r.texts(value, 'body', '', 1, 12);
  const hints = r.texts(value, 'hints', '', 1, 8);
  const taskValue = r.object(value, 'task', '');
  const task = taskValue === undefined ? undefined : readTask(r, taskValue, '/task');
  if (r.problems.length > 0 || id === undefined || title === undefined || body === undefined || hints === undefined || task === undefined) {
    return { ok: false, problems: r.problems };
  }
  const lesson: Lesson = { format: LESSON_FORMAT, version: version!, id, title, topics: topics as number[], body, task, hints };
  if (graph !== undefined) lesson.graph = graph;
  if (panel !== undefined) lesson.panel = panel;
  if (highlight !== undefined) lesson.highlight = highlight;
  return { ok: true, lesson };
}

/** Reads a lesson file's text; a broken file gives its problems and nothing else. */
export function readLesson(text: string): LessonResult {
  if (text.length > MAX_LESSON_CHARS) return { ok: false, problems: [{ path: '', code: 'size', detail: `${MAX_LESSON_CHARS}` }] };
  let value: unknown;
  try {
    // The graph format's JSON reader names the line, column and problem, with a Reason for the UI.
    value = parseJsonText(text);
  } catch (error) {
    // "not JSON (line 3, column 5: unexpected character "}")": the place and the problem, without saying JSON twice.
    const { line, column } = error instanceof GraphError ? error.place : {};
    const why = reasonOf(error);
    if (line === undefined || column === undefined || why === undefined || why.id !== 'json.invalid') {
      return { ok: false, problems: [{ path: '', code: 'json', detail: error instanceof Error ? error.message : String(error) }] };
    }
    const lead = `invalid JSON at line ${line}, column ${column}: `;
    const detail = `line ${line}, column ${column}: ${(error as GraphError).message.slice(lead.length)}`;
    return { ok: false, problems: [{ path: '', code: 'json', detail, reason: reason('json.at', why.params) }] };
  }
  return readLessonValue(value);
}

/** Reads public/lessons/index.json: the lesson file names in order. */
export function readLessonList(value: unknown): LessonListResult {
  const r = new Reader();
  if (!isObject(value)) return { ok: false, problems: [{ path: '', code: 'type', detail: 'object' }] };
  r.only(value, '', ['$schema', 'format', 'version', 'lessons']);
  if (value.format !== LESSON_LIST_FORMAT) r.fail('/format', 'format', LESSON_LIST_FORMAT);
  const version = r.number(value, 'version', '', 1, LESSON_VERSION);
  const lessons = value.lessons;
  if (!Array.isArray(lessons) || lessons.length === 0) r.fail('/lessons', Array.isArray(lessons) ? 'size' : 'type', 'array');
  else lessons.forEach((f, k) => { if (typeof f !== 'string' || !EXAMPLE_FILE.test(f)) r.fail(`/lessons/${k}`, 'value', EXAMPLE_FILE.source); });
  if (r.problems.length > 0 || version === undefined) return { ok: false, problems: r.problems };
  return { ok: true, list: { format: LESSON_LIST_FORMAT, version, lessons: lessons as string[] } };
}

/** The text in `language`, falling back to English where a lesson has no translation. */
export function localText(text: LocalText, language: string): string {
  return language.startsWith('zh') && text.zh !== undefined ? text.zh : text.en;
}
