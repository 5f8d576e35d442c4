/** The language of the command line's help and messages, from the POSIX locale variables. */

/**
 * 'zh' when the locale the terminal asks for is Chinese, else 'en'. LC_ALL wins over LC_MESSAGES over LANG,
 * as in every POSIX program; LANGUAGE (a GNU list such as "zh_CN:en") is read first when set.
 */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>): 'en' | 'zh' {
  const first = env.LANGUAGE?.split(':')[0] || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.-]|$)/i.test(first) ? 'zh' : 'en';
}
