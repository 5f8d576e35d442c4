/** Starts translations for the browser: the language comes from the user's choice, else the browser's. */
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { i18n, LANGUAGE_KEY, startI18n } from '../../i18n';

// Outside a browser (unit tests import UI modules) there is no browser language to follow: English.
const browser = typeof window !== 'undefined' && typeof document !== 'undefined';

startI18n(browser ? [LanguageDetector, initReactI18next] : [initReactI18next], browser ? {
  detection: {
    // A choice made with the language switch wins; otherwise the browser's languages in their order.
    order: ['localStorage', 'navigator'],
    lookupLocalStorage: LANGUAGE_KEY,
    caches: ['localStorage'],
  },
} : { lng: 'en' });

/**
 * Keeps <html lang> in step, so the browser picks Chinese fonts and screen readers the right voice; and the
 * output node's mark, which the stylesheet draws after its name (a CSS string, so it follows the language).
 */
function markDocument(): void {
  if (!browser) return;
  document.documentElement.lang = i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.style.setProperty('--output-mark', JSON.stringify(i18n.t('canvas.outputMark')));
}
markDocument();
i18n.on('languageChanged', markDocument);

export { i18n };
export { t, opLabel, opDoc, currentLanguage, LANGUAGES } from '../../i18n';
export { errorLine, problemText, reasonText } from '../../i18n/refusals';
