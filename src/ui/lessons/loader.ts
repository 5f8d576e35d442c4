/** Fetching and reading lesson files: the shipped path, a learner's file, a share link. */
import LZString from 'lz-string';
import { layoutGraph, parseGraph, type Graph } from '../core';
import { readLesson, readLessonList, type Lesson, type LessonProblem } from '../../core/lessons';
import { errorLine, problemText as reasonedText, t } from '../i18n';
import { localizedExample } from '../files/exampleLabels';

/** URL hash prefix of a lesson share link. */
export const LESSON_LINK_PREFIX = '#lesson=';

/** A lesson read, or the words that say why not. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

const base = (): string => import.meta.env.BASE_URL;

/** One refusal in the reader's language, e.g. "/task/node: required (string)". */
export function problemText(problem: LessonProblem): string {
  return t(`lessons.problem.${problem.code}`, { path: problem.path === '' ? '/' : problem.path, detail: reasonedText({ message: problem.detail, reason: problem.reason }) });
}

/** All refusals of a file, the first three in full. */
export function problemsText(problems: readonly LessonProblem[]): string {
  const shown = problems.slice(0, 3).map(problemText).join('; ');
  return problems.length > 3 ? t('lessons.problem.more', { shown, count: problems.length - 3 }) : shown;
}

const errorText = (error: unknown): string => errorLine(error);

/** The shipped lesson files in order, from public/lessons/index.json. */
export async function fetchLessonList(): Promise<Loaded<string[]>> {
  try {
    const response = await fetch(`${base()}lessons/index.json`);
    if (!response.ok) return { ok: false, message: t('lessons.unavailable', { detail: `HTTP ${response.status}` }) };
    const list = readLessonList(await response.json());
    return list.ok ? { ok: true, value: list.list.lessons } : { ok: false, message: t('lessons.unavailable', { detail: problemsText(list.problems) }) };
  } catch (error) {
    return { ok: false, message: t('lessons.unavailable', { detail: errorText(error) }) };
  }
}

/** Reads a lesson from its text; `name` says where it came from in the message. */
export function lessonFromText(text: string, name: string): Loaded<Lesson> {
  const read = readLesson(text);
  return read.ok ? { ok: true, value: read.lesson } : { ok: false, message: t('lessons.invalid', { name, detail: problemsText(read.problems) }) };
}

/** Fetches one shipped lesson file. */
export async function fetchLesson(file: string): Promise<Loaded<Lesson>> {
  try {
    const response = await fetch(`${base()}lessons/${file}`);
    if (!response.ok) return { ok: false, message: t('lessons.invalid', { name: file, detail: `HTTP ${response.status}` }) };
    return lessonFromText(await response.text(), file);
  } catch (error) {
    return { ok: false, message: t('lessons.invalid', { name: file, detail: errorText(error) }) };
  }
}

/** The graph a lesson opens: a shipped example fetched and validated, or the graph inside the lesson. */
export async function lessonGraph(lesson: Lesson): Promise<Loaded<Graph | undefined>> {
  if (lesson.graph === undefined) return { ok: true, value: undefined };
  try {
    let graph: Graph;
    if (typeof lesson.graph === 'string') {
      const response = await fetch(`${base()}examples/${lesson.graph}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      graph = localizedExample(parseGraph(await response.text()));
    } else {
      graph = lesson.graph;
    }
    // Files without positions are laid out, as imports are.
    return { ok: true, value: graph.nodes.every((n) => n.position !== undefined) ? graph : await layoutGraph(graph) };
  } catch (error) {
    return { ok: false, message: t('lessons.graphFailed', { detail: errorText(error) }) };
  }
}

/** The hash of a share link carrying `lessonText` (the lesson file's JSON). */
export function lessonLinkHash(lessonText: string): string {
  return LESSON_LINK_PREFIX + LZString.compressToEncodedURIComponent(lessonText);
}

/** The lesson in a share-link hash, its problem, or undefined when the hash is not a lesson link. */
export function lessonFromHash(hash: string): Loaded<Lesson> | undefined {
  if (!hash.startsWith(LESSON_LINK_PREFIX)) return undefined;
  const text = LZString.decompressFromEncodedURIComponent(hash.slice(LESSON_LINK_PREFIX.length));
  if (text === null || text === '') return { ok: false, message: t('lessons.brokenLink') };
  return lessonFromText(text, t('lessons.theLink'));
}
