/**
 * Refusals in the user's language, shared by the app and the command line. The core words each refusal in
 * English and carries a Reason (a sentence id and the values it quotes); this module words the Reason from
 * the catalogs (`refusals.<id>`). In English the core's own message is returned as it is, so the English
 * text is the same whichever way it is asked for (test/refusals.test.ts checks the catalog agrees).
 */
import { GraphError, reasonOf, type Place, type Reason } from '../core/graph/errors';
import { escapeControl, placeSuffix, shorten } from '../core/graph/quote';
import { currentLanguage, i18n, t, type Language } from './index';

/** A Reason worded from the catalog in `lng` (default: the current language; nested Reasons worded first), or undefined when the catalog lacks its id. */
export function reasonText(why: Reason, lng: Language = currentLanguage()): string | undefined {
  const key = `refusals.${why.id}`;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(why.params)) {
    if (typeof value === 'object') {
      const inner = reasonText(value, lng);
      if (inner === undefined) return undefined;
      params[name] = inner;
    } else {
      params[name] = value;
    }
  }
  if (!i18n.exists(key, { lng }) && !i18n.exists(`${key}_other`, { lng })) return undefined;
  return t(key, { ...params, lng });
}

/** What kind of problem a GraphError is, in the current language (the inspector's kind names). */
function kindText(error: GraphError): string | undefined {
  return i18n.exists(`problems.${error.code}`) ? t(`problems.${error.code}`) : undefined;
}

/** The sentence of a refusal in the current language, without its place: the core's message in English. */
export function refusalText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (currentLanguage() === 'en') return message;
  const why = reasonOf(error);
  const worded = why === undefined ? undefined : reasonText(why);
  if (worded !== undefined) return worded;
  // A refusal without a Reason keeps its exact English words after the kind of problem in the user's language.
  const kind = error instanceof GraphError ? kindText(error) : undefined;
  return kind === undefined ? message : t('refusals.kindAndMessage', { kind, message });
}

/** Where a problem is, as a suffix in the current language: " (line 3, column 4)", " (at /nodes/2/op)", or nothing when the message says already. */
export function placeText(message: string, place: Place): string {
  const english = placeSuffix(message, place);
  if (english === '' || currentLanguage() === 'en') return english;
  const { line, column, path } = place;
  if (line !== undefined) return column !== undefined ? t('refusals.place.lineColumn', { line, column }) : t('refusals.place.line', { line });
  return t('refusals.place.path', { path: escapeControl(shorten(path ?? '', 40, 20)) });
}

/** An error as one line for the user in the current language: its sentence and, for a GraphError, its place. */
export function errorLine(error: unknown): string {
  const text = refusalText(error);
  return error instanceof GraphError ? text + placeText(error.message, error.place) : text;
}

/** A graph problem's sentence in the current language (the inspector's list), from its Reason when it has one. */
export function problemText(problem: { message: string; reason?: Reason }): string {
  if (currentLanguage() === 'en' || problem.reason === undefined) return problem.message;
  return reasonText(problem.reason) ?? problem.message;
}
