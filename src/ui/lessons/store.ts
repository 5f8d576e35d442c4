/** Lessons mode: the lesson path, the open lesson, the learner's answer and hints, and progress. */
import { create } from 'zustand';
import { checkTask, type Lesson, type TaskState } from '../../core/lessons';
import type { Graph } from '../core';
import { currentLanguage, t } from '../i18n';
import { library } from '../library';
import { useEditor } from '../store';
import { openPanel } from '../panelState';
import { useLecture } from '../lecture/store';
import { useTraining } from '../training/store';
import { fetchLesson, fetchLessonList, lessonGraph, lessonLinkHash } from './loader';
import { readProgress, writeProgress, type Progress } from './progress';
import { baseline, snapshot, type Baseline } from './snapshot';

/** How long a finished lesson stays on screen before the next one opens, in ms. */
export const ADVANCE_DELAY_MS = 1500;

/** Everything Lessons mode shows. */
export interface LessonsState {
  open: boolean;
  /** The shipped lesson files in order, or why they could not be listed. */
  files: string[] | undefined;
  listError: string | undefined;
  /** Lessons read so far, by file. */
  byFile: Record<string, Lesson>;
  /** The open lesson's index in `files`, or -1 for a lesson from a file or a link. */
  index: number;
  lesson: Lesson | undefined;
  /** The lesson's text as a file, for "Copy lesson link". */
  lessonText: string | undefined;
  /** The graph the lesson opened (tasks compare against it). */
  lessonGraph: Graph | undefined;
  since: Baseline | undefined;
  answer: string;
  /** The answer last checked, so the verdict stays until the learner checks again. */
  checkedAnswer: string | undefined;
  hintsShown: number;
  task: TaskState | undefined;
  /** The title of the lesson just finished, shown on the next one. */
  finished: string | undefined;
  loading: boolean;
  error: string | undefined;
  progress: Progress;
}

/** The lessons store. */
export const useLessons = create<LessonsState>(() => ({
  open: false,
  files: undefined,
  listError: undefined,
  byFile: {},
  index: -1,
  lesson: undefined,
  lessonText: undefined,
  lessonGraph: undefined,
  since: undefined,
  answer: '',
  checkedAnswer: undefined,
  hintsShown: 0,
  task: undefined,
  finished: undefined,
  loading: false,
  error: undefined,
  progress: readProgress(),
}));

let advanceTimer: ReturnType<typeof setTimeout> | undefined;
let opening = 0;

function saveProgress(progress: Progress): void {
  useLessons.setState({ progress });
  if (!writeProgress(progress)) useEditor.getState().say('error', t('lessons.progressNotSaved'));
}

/** Loads the shipped lesson list once. */
async function ensureList(): Promise<string[] | undefined> {
  const { files } = useLessons.getState();
  if (files !== undefined) return files;
  const list = await fetchLessonList();
  if (!list.ok) {
    useLessons.setState({ listError: list.message });
    return undefined;
  }
  useLessons.setState({ files: list.value, listError: undefined });
  return list.value;
}

/** Opens `lesson`: its graph, its panel, a fresh task. */
async function start(lesson: Lesson, index: number, text: string | undefined): Promise<void> {
  const token = ++opening;
  clearTimeout(advanceTimer);
  useLessons.setState({ loading: true, error: undefined });
  const graph = await lessonGraph(lesson);
  if (token !== opening) return;
  if (!graph.ok) {
    useLessons.setState({ loading: false, error: graph.message });
    return;
  }
  // A lesson's graph opens as a graph of its own in the library: the one the user had stays as it was.
  if (graph.value !== undefined) library.openGraph(graph.value, lessonTitle(lesson), t('lessons.opened', { title: lessonTitle(lesson) }));
  if (lesson.panel !== undefined) openPanel(lesson.panel);
  const { progress } = useLessons.getState();
  if (index >= 0) saveProgress({ ...progress, current: lesson.id });
  useLessons.setState({
    open: true, lesson, index, lessonText: text ?? JSON.stringify(lesson, null, 2), lessonGraph: graph.value ?? useEditor.getState().graph,
    since: baseline(), answer: '', checkedAnswer: undefined, hintsShown: 0, task: undefined, loading: false, error: undefined,
  });
  recheck();
}

/** A lesson's title in the current language. */
export function lessonTitle(lesson: Lesson): string {
  return localized(lesson.title);
}

/** Lesson text in the language being shown. */
export function localized(text: Lesson['title']): string {
  return currentLanguage() === 'zh' && text.zh !== undefined ? text.zh : text.en;
}

/** Opens shipped lesson `index` of the path. */
export async function goToLesson(index: number): Promise<void> {
  const files = await ensureList();
  if (files === undefined || index < 0 || index >= files.length) return;
  const file = files[index];
  let lesson: Lesson | undefined = useLessons.getState().byFile[file];
  if (lesson === undefined) {
    const read = await fetchLesson(file);
    if (!read.ok) {
      useLessons.setState({ open: true, error: read.message });
      return;
    }
    lesson = read.value;
    useLessons.setState((s) => ({ byFile: { ...s.byFile, [file]: read.value } }));
  }
  await start(lesson, index, undefined);
}

/** Opens a lesson read from a file or a link (outside the shipped path). */
export async function openOwnLesson(lesson: Lesson, text: string): Promise<void> {
  await start(lesson, -1, text);
}

/** The "Lessons" button: opens the mode where the learner left off (the first lesson not done). */
export async function openLessons(): Promise<void> {
  useLessons.setState({ open: true });
  const { lesson } = useLessons.getState();
  if (lesson !== undefined) return;
  const files = await ensureList();
  if (files === undefined) return;
  const { progress } = useLessons.getState();
  // Read every lesson's id once, to find where the learner left off.
  const ids = await Promise.all(files.map(async (file) => {
    const known = useLessons.getState().byFile[file];
    if (known !== undefined) return known.id;
    const read = await fetchLesson(file);
    if (!read.ok) return undefined;
    useLessons.setState((s) => ({ byFile: { ...s.byFile, [file]: read.value } }));
    return read.value.id;
  }));
  const current = progress.current === undefined ? -1 : ids.indexOf(progress.current);
  const firstOpen = ids.findIndex((id) => id !== undefined && !progress.done.includes(id));
  await goToLesson(current >= 0 ? current : firstOpen >= 0 ? firstOpen : 0);
}

/** Leaves Lessons mode (the graph stays as it is). */
export function closeLessons(): void {
  clearTimeout(advanceTimer);
  useLessons.setState({ open: false });
}

/** Forgets every finished lesson. */
export function resetProgress(): void {
  saveProgress({ done: [], current: useLessons.getState().lesson?.id });
}

/** Checks the typed answer of an answer task. */
export function submitAnswer(): void {
  useLessons.setState((s) => ({ checkedAnswer: s.answer }));
  recheck();
}

/** Shows one more hint. */
export function showHint(): void {
  useLessons.setState((s) => ({ hintsShown: Math.min(s.hintsShown + 1, s.lesson?.hints.length ?? 0) }));
}

/** Re-decides the open lesson's task from the app's current state; a finished task moves on. */
export function recheck(): void {
  const s = useLessons.getState();
  if (!s.open || s.lesson === undefined || s.lessonGraph === undefined) return;
  if (s.task?.done === true) return;
  const answer = s.lesson.task.kind === 'answer' ? s.checkedAnswer : undefined;
  const task = checkTask(s.lesson.task, { ...snapshot(s.since, answer), lessonGraph: s.lessonGraph });
  if (task.done === s.task?.done && (task.done || (s.task?.done === false && task.why === s.task.why && task.node === s.task.node))) return;
  useLessons.setState({ task });
  if (task.done) finish(s.lesson, s.index);
}

function finish(lesson: Lesson, index: number): void {
  const { progress, files } = useLessons.getState();
  if (!progress.done.includes(lesson.id)) saveProgress({ ...progress, done: [...progress.done, lesson.id] });
  if (index < 0 || files === undefined || index + 1 >= files.length) return;
  clearTimeout(advanceTimer);
  advanceTimer = setTimeout(() => {
    const now = useLessons.getState();
    if (!now.open || now.lesson !== lesson) return;
    useLessons.setState({ finished: lessonTitle(lesson) });
    void goToLesson(index + 1);
  }, ADVANCE_DELAY_MS);
}

/** A share link that opens the current lesson. */
export function lessonLink(): string | undefined {
  const { lessonText } = useLessons.getState();
  if (lessonText === undefined) return undefined;
  return `${location.origin}${location.pathname}${location.search}${lessonLinkHash(lessonText)}`;
}

// Any change the engine could judge re-decides the task: the graph, the stepping, the lecture tools, the trainer.
useEditor.subscribe((s, prev) => { if (s.graph !== prev.graph || s.phase !== prev.phase) recheck(); });
useLecture.subscribe(() => recheck());
useTraining.subscribe((s, prev) => { if (s.curves !== prev.curves) recheck(); });
