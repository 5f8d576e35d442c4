import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store';
import { lessonFromText } from './loader';
import { lessonLink, openOwnLesson } from './store';

/** Largest lesson file read, in bytes. */
const MAX_FILE = 2_000_000;

/** "Open lesson file…" and "Copy lesson link": a teacher's lesson, from disk or as a link. */
export function LessonFileButtons() {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const say = useEditor((s) => s.say);
  const open = async (file: File) => {
    if (file.size > MAX_FILE) return say('error', t('lessons.tooLarge', { name: file.name }));
    const read = lessonFromText(await file.text(), file.name);
    if (!read.ok) return say('error', read.message);
    await openOwnLesson(read.value, await file.text());
  };
  const copy = async () => {
    const url = lessonLink();
    if (url === undefined) return;
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      say('info', t('lessons.linkCopied', { length: url.length }));
    } catch {
      say('info', t('lessons.linkShown', { url }));
    }
  };
  return (
    <div className="lesson-files">
      <button type="button" className="gf-link" onClick={() => picker.current?.click()}>{t('lessons.openFile')}</button>
      <input ref={picker} type="file" accept=".json,application/json" hidden aria-label={t('lessons.openFile')} data-ui="lesson-file"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f !== undefined) void open(f); }} />
      <button type="button" className="gf-link" onClick={() => void copy()}>{t('lessons.copyLink')}</button>
    </div>
  );
}
