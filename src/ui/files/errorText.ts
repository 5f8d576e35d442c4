import { errorLine } from '../i18n';

/** An error as one line for the user in their language, with the same words and place as the command line prints. */
export function errorText(error: unknown): string {
  return errorLine(error);
}
