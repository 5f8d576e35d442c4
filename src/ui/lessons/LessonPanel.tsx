import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson, LessonTask, TaskState } from '../../core/lessons';
import { useEditor } from '../store';
import { nodeName } from '../names';
import { Highlight } from './Highlight';
import { LessonFileButtons } from './LessonFileButtons';
import { closeLessons, goToLesson, localized, resetProgress, showHint, submitAnswer, useLessons } from './store';
import './lessons.css';

/** The words for a task that is not done yet, with the node's formula name. */
function useWhy(task: TaskState | undefined): string | undefined {
  const { t } = useTranslation();
  const graph = useEditor((s) => s.graph);
  if (task === undefined || task.done) return undefined;
  return t(`lessons.why.${task.why}`, { node: task.node === undefined ? '' : nodeName(graph, task.node) });
}

/** The answer field of an "answer" task. */
function AnswerForm({ task }: { task: Extract<LessonTask, { kind: 'answer' }> }) {
  const { t } = useTranslation();
  const answer = useLessons((s) => s.answer);
  return (
    <form className="lesson-answer" onSubmit={(e) => { e.preventDefault(); submitAnswer(); }}>
      <input type="text" inputMode="decimal" spellCheck={false} aria-label={t(task.quantity === 'grad' ? 'lessons.answerGrad' : 'lessons.answerValue')}
        placeholder={t('lessons.answerPlaceholder')} value={answer} onChange={(e) => useLessons.setState({ answer: e.target.value })} />
      <button type="submit" className="accent">{t('lessons.check')}</button>
    </form>
  );
}

/** The lesson path with a tick for every lesson done. */
function Contents({ onPick }: { onPick: () => void }) {
  const { t } = useTranslation();
  const files = useLessons((s) => s.files) ?? [];
  const byFile = useLessons((s) => s.byFile);
  const index = useLessons((s) => s.index);
  const done = useLessons((s) => s.progress.done);
  return (
    <nav className="lesson-contents" aria-label={t('lessons.contents')}>
      <ol>
        {files.map((file, k) => {
          const lesson = byFile[file];
          const finished = lesson !== undefined && done.includes(lesson.id);
          return (
            <li key={file}>
              <button type="button" className="gf-link" aria-current={k === index ? 'step' : undefined} onClick={() => { onPick(); useLessons.setState({ finished: undefined }); void goToLesson(k); }}>
                <span className="lesson-tick" aria-label={finished ? t('lessons.doneMark') : undefined}>{finished ? '✓' : ''}</span>
                {lesson === undefined ? file : localized(lesson.title)}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="gf-link" onClick={resetProgress}>{t('lessons.resetProgress')}</button>
    </nav>
  );
}

/** The open lesson: explanation, task, hints. */
function LessonView({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation();
  const task = useLessons((s) => s.task);
  const hintsShown = useLessons((s) => s.hintsShown);
  const why = useWhy(task);
  const done = task?.done === true;
  return (
    <>
      <div className="lesson-body">
        {lesson.body.map((p, k) => <p key={k}>{localized(p)}</p>)}
      </div>
      <section className="lesson-task" aria-label={t('lessons.yourTask')} data-done={done ? '' : undefined}>
        <h3>{t('lessons.yourTask')}</h3>
        <p>{localized(lesson.task.prompt)}</p>
        {lesson.task.kind === 'answer' && !done && <AnswerForm task={lesson.task} />}
        <p className="lesson-state" role="status">{done ? t('lessons.taskDone') : why}</p>
      </section>
      {hintsShown > 0 && (
        <ol className="lesson-hints" aria-label={t('lessons.hints')}>
          {lesson.hints.slice(0, hintsShown).map((h, k) => <li key={k}>{localized(h)}</li>)}
        </ol>
      )}
      {!done && hintsShown < lesson.hints.length && (
        <button type="button" className="lesson-hint-button" onClick={showHint}>
          {t('lessons.hint', { n: hintsShown + 1, total: lesson.hints.length })}
        </button>
      )}
    </>
  );
}

/** Lessons mode: the lecture's path as lessons, each opening its graph and panel and checking its task. */
export function LessonPanel() {
  const { t } = useTranslation();
  const open = useLessons((s) => s.open);
  const lesson = useLessons((s) => s.lesson);
  const index = useLessons((s) => s.index);
  const files = useLessons((s) => s.files);
  const error = useLessons((s) => s.error ?? s.listError);
  const loading = useLessons((s) => s.loading);
  const finished = useLessons((s) => s.finished);
  const taskDone = useLessons((s) => s.task?.done === true);
  const [contents, setContents] = useState(false);
  if (!open) return null;
  const total = files?.length ?? 0;
  const go = (k: number) => { useLessons.setState({ finished: undefined }); void goToLesson(k); };
  return (
    <aside className="lesson-panel" aria-label={t('lessons.panel')} aria-busy={loading}>
      <header className="lesson-head">
        <span className="lesson-count">{index >= 0 ? t('lessons.count', { n: index + 1, total }) : t('lessons.own')}</span>
        <button type="button" className="gf-link" aria-expanded={contents} onClick={() => setContents(!contents)}>{t('lessons.contents')}</button>
        <button type="button" className="lesson-close" aria-label={t('lessons.close')} title={t('lessons.close')} onClick={closeLessons}>×</button>
      </header>
      {lesson !== undefined && <h2 className="lesson-title">{localized(lesson.title)}</h2>}
      {finished !== undefined && <p className="lesson-finished">{t('lessons.finished', { title: finished })}</p>}
      {error !== undefined && <p className="error" role="alert">{error}</p>}
      {contents && <Contents onPick={() => setContents(false)} />}
      {lesson !== undefined && <LessonView lesson={lesson} />}
      <footer className="lesson-nav">
        <button type="button" disabled={index <= 0} onClick={() => go(index - 1)}>{t('lessons.previous')}</button>
        <button type="button" className={taskDone ? 'accent' : undefined} disabled={index < 0 || index + 1 >= total} onClick={() => go(index + 1)}>{t('lessons.next')}</button>
      </footer>
      <LessonFileButtons />
      {lesson?.highlight !== undefined && !taskDone && <Highlight target={lesson.highlight} />}
    </aside>
  );
}
