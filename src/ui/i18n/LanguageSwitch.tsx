import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n';

/** The language switch: English or 简体中文; the choice is kept in the browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select aria-label={t('lang.label')} value={current} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code === 'zh' ? 'zh-CN' : 'en'}>{l.name}</option>)}
      </select>
    </label>
  );
}
