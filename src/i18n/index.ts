/**
 * The app's and the CLI's translations: one i18next instance over two catalogs, English and Simplified
 * Chinese. English operator labels and docs come from the operator table itself, so they are written once.
 */
import i18next, { type InitOptions, type PostProcessorModule } from 'i18next';
import { OPS } from '../core/ops/table';
import { PALETTE_GROUPS, type OpDef } from '../core/ops/types';
import examples from '../../public/examples/index.json';
import en from './en.json';
import zh from './zh.json';

/** The languages gradflow speaks, with their names in themselves (for the language switch). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh', name: '简体中文' },
] as const;

/** A language code gradflow speaks. */
export type Language = (typeof LANGUAGES)[number]['code'];

/** localStorage key of the language the user chose. */
export const LANGUAGE_KEY = 'gradflow.language';

/** The English catalog entries of the operator table: label, doc, kink rule and parameter docs of each operator. */
export function tableCatalog(ops: Readonly<Record<string, OpDef>> = OPS): Record<string, Record<string, unknown>> {
  const entries: Record<string, Record<string, unknown>> = {};
  for (const [name, def] of Object.entries(ops)) {
    const entry: Record<string, unknown> = { label: def.label, doc: def.doc };
    if (def.kinkRule !== undefined) entry.kinkRule = def.kinkRule;
    if (def.params.length > 0) entry.params = Object.fromEntries(def.params.map((p) => [p.name, p.doc]));
    entries[name] = entry;
  }
  return entries;
}

/** The English titles and descriptions of the shipped examples, from public/examples/index.json itself. */
function examplesCatalog(): Record<string, { title: string; description: string }> {
  return Object.fromEntries(examples.map((e) => [e.file.replace(/\.json$/, ''), { title: e.title, description: e.description }]));
}

/** The English catalog: en.json plus the operator table's and the examples list's own words. */
export const EN_CATALOG = {
  ...en,
  examples: { ...en.examples, items: examplesCatalog() },
  ops: tableCatalog(),
  opGroups: Object.fromEntries(PALETTE_GROUPS.map((g) => [g.id, g.title])),
};

/** The Simplified Chinese catalog. */
export const ZH_CATALOG = zh;

/** A space with a CJK character (ideograph, CJK or full-width punctuation) on both sides. */
const CJK_GAP = /(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g;

/**
 * Chinese typesetting: no space between two CJK characters. Templates keep a space beside an
 * interpolated name, which reads right for a Latin id ("x 处") but not for a Chinese label ("隐藏层 处").
 */
export const cjkSpacing: PostProcessorModule = {
  type: 'postProcessor',
  name: 'cjkSpacing',
  process(value: string, _key: string | string[], options: { lng?: string }, translator: { language?: string }): string {
    const language = options.lng ?? translator.language ?? '';
    return language.startsWith('zh') ? value.replace(CJK_GAP, '') : value;
  },
};

/** The one i18next instance the app and the CLI translate with. */
export const i18n = i18next.createInstance();

/** An i18next plugin (a language detector, the React binding). */
export type Plugin = Parameters<typeof i18n.use>[0];

/** Starts i18next with `plugins` (the app adds the browser's language detector and React); later calls do nothing. */
export function startI18n(plugins: readonly Plugin[] = [], options: InitOptions = {}): typeof i18n {
  if (i18n.isInitialized) return i18n;
  for (const plugin of plugins) i18n.use(plugin);
  i18n.use(cjkSpacing);
  void i18n.init({
    postProcess: ['cjkSpacing'],
    resources: { en: { translation: EN_CATALOG }, zh: { translation: ZH_CATALOG } },
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh'],
    // zh-CN, zh-Hans, zh-SG all read the zh catalog.
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    ...options,
  });
  return i18n;
}

/** Translates `key` (English when nothing started i18next: unit tests, scripts). */
export function t(key: string, options?: Record<string, unknown>): string {
  if (!i18n.isInitialized) startI18n([], { lng: 'en' });
  return (options === undefined ? i18n.t(key) : i18n.t(key, options)) as string;
}

/** The language being shown: 'zh' for any Chinese locale, else 'en'. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'zh' || i18n.language?.startsWith('zh') ? 'zh' : 'en';
}

/** An operator's label in the current language. */
export function opLabel(op: string): string {
  return t(`ops.${op}.label`);
}

/** An operator's one-line doc in the current language. */
export function opDoc(op: string): string {
  return t(`ops.${op}.doc`);
}
