/** What a lecture computation was about, in the language shown. */
import { currentLanguage, i18n } from '../i18n';
import { reasonText } from '../../i18n/refusals';
import type { ProblemInfo } from '../../worker/lectureProtocol';

/**
 * The worker describes a problem with its details ("3 inputs: w0, x0, w1", "23,860 parameters, L on 500
 * training digits"), in English and as a Reason the catalogs word in the language shown.
 */
export function problemText(problem: ProblemInfo): string {
  if (currentLanguage() === 'en') return problem.description;
  return reasonText(problem.reason) ?? i18n.t(`problem.kind.${problem.kind}`, { count: problem.size });
}
