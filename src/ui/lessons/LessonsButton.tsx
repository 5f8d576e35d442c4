import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store';
import { lessonFromHash } from './loader';
import { closeLessons, openLessons, openOwnLesson, useLessons } from './store';

/** The toolbar's "Lessons" button; on start it also opens a lesson share link. */
export function LessonsButton() {
  const { t } = useTranslation();
  const open = useLessons((s) => s.open);
  useEffect(() => {
    // On start, and when a lesson link is pasted into the address bar of an open tab.
    const openFromHash = () => {
      const fromLink = lessonFromHash(location.hash);
      if (fromLink === undefined) return;
      if (!fromLink.ok) useEditor.getState().say('error', fromLink.message);
      else void openOwnLesson(fromLink.value, JSON.stringify(fromLink.value, null, 2));
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, []);
  return (
    <button type="button" data-ui="lessons" aria-pressed={open} className={open ? 'is-on' : undefined} title={t('lessons.buttonTitle')}
      onClick={() => (open ? closeLessons() : void openLessons())}>
      {t('lessons.button')}
    </button>
  );
}
