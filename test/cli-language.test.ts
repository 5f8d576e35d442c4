import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliLanguage } from '../src/cli/language';

/** Runs the CLI with `lang` as its locale and returns stdout. */
function help(lang: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--help'],
      { timeout: 60_000, env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' } },
      (error, stdout) => (error !== null && error.code !== 0 ? reject(error) : resolve(stdout)));
  });
}

describe('the command line speaks the terminal\'s language', () => {
  it('reads LANGUAGE, then LC_ALL, LC_MESSAGES and LANG, as POSIX programs do', () => {
    expect(cliLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLanguage({ LANG: 'zh_TW.UTF-8' })).toBe('zh');
    expect(cliLanguage({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(cliLanguage({ LANG: 'C', LC_MESSAGES: 'zh_CN' })).toBe('zh');
    expect(cliLanguage({ LANGUAGE: 'zh_CN:en', LANG: 'en_US' })).toBe('zh');
    expect(cliLanguage({})).toBe('en');
    expect(cliLanguage({ LANG: 'zu_ZA' })).toBe('en');
  });

  it('prints help in Chinese under zh_CN and in English under C', async () => {
    const zh = await help('zh_CN.UTF-8', 'train');
    expect(zh).toContain('用法：');
    expect(zh).toContain('编译分层计算图');
    expect(zh).toContain('--batch-size <b>');
    const en = await help('C', 'train');
    expect(en).toContain('Usage:');
    expect(en).toContain('Compile a layered graph');
  });
});
