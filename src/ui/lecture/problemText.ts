/** What a lecture computation was about, in the language shown. */
import { currentLanguage, i18n } from '../i18n';
import type { ProblemInfo } from '../../worker/lectureProtocol';

/**
 * The worker describes a problem in English with its details ("3 inputs: w0, x0, w1", "23,860 parameters,
 * L on 500 training digits"); in Chinese the same facts are said from its kind and size.
 */
export function problemText(problem: ProblemInfo): string {
  if (currentLanguage() === 'en') return problem.description;
  return i18n.t(`problem.kind.${problem.kind}`, { count: problem.size });
}
