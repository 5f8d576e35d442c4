import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EN_CATALOG, ZH_CATALOG } from '../src/i18n';
import { findUntranslated, sourceFiles, translationKeys, untranslatedInApp } from './helpers/ui-strings';

/** Every key of a catalog, "a.b.c". */
function keysOf(tree: unknown, prefix = ''): string[] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    return typeof v === 'string' ? [path] : keysOf(v, path);
  });
}

describe('every string of the interface is in the catalogs', () => {
  it('the app has no text outside a catalog (JSX text, labels, titles, placeholders, messages)', () => {
    const found = untranslatedInApp('src/ui').map((u) => `${u.file}:${u.line}: ${u.text}`);
    expect(found, 'put these in src/i18n/en.json and zh.json and show them with t()').toEqual([]);
  });

  it('every key the app asks for exists in both languages (plural keys by their _one/_other forms)', () => {
    const en = new Set(keysOf(EN_CATALOG));
    const zh = new Set(keysOf(ZH_CATALOG));
    const has = (set: Set<string>, key: string) => set.has(key) || set.has(`${key}_other`);
    const missing = sourceFiles('src/ui').flatMap((file) => translationKeys(readFileSync(file, 'utf8'), file))
      .filter((k) => !has(en, k.text) || !has(zh, k.text))
      .map((k) => `${k.file}:${k.line}: ${k.text}`);
    expect(missing).toEqual([]);
  });

  it('the command line and the workers have no text outside a catalog (tables, verdicts, progress, summaries, errors)', () => {
    const found = [...untranslatedInApp('src/cli'), ...untranslatedInApp('src/i18n'), ...untranslatedInApp('src/worker')].map((u) => `${u.file}:${u.line}: ${u.text}`);
    expect(found, 'put these in src/i18n/en.json and zh.json (cli.*) and print them with t()').toEqual([]);
  });

  it('every key the command line asks for exists in both languages', () => {
    const en = new Set(keysOf(EN_CATALOG));
    const zh = new Set(keysOf(ZH_CATALOG));
    const has = (set: Set<string>, key: string) => set.has(key) || set.has(`${key}_other`);
    const keys = [...sourceFiles('src/cli'), ...sourceFiles('src/i18n')].flatMap((file) => translationKeys(readFileSync(file, 'utf8'), file));
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !has(en, k.text) || !has(zh, k.text)).map((k) => `${k.file}:${k.line}: ${k.text}`)).toEqual([]);
  });

  it('the check finds the command line\'s messages, headers and refusals, not its flags or example command lines', () => {
    const source = `
      import { t } from '../i18n';
      export function run(flags) {
        if (flags.tol === '') throw new UsageError(\`--tol \${flags.tol}: expected a number >= 0\`);
        process.stdout.write(table(['input', 'abs. error'], rows) + '\\n\\nall inputs agree\\n');
        program.option('--batch-size <b>', t('cli.train.options.batchSize')).addHelpText('after', \`\\n\${t('cli.example')}\\n  gradflow eval --expr "x*y"\`);
        process.stdout.write(t('cli.out.train.epoch', { epoch: 1 }));
        throw new ReasonedError(\`row \${row} is not a number\`, reason('data.cellNotNumber', { row }));
      }`;
    expect(findUntranslated(source, 'a.ts').map((u) => u.text)).toEqual(['--tol  {} : expected a number >= 0', 'abs. error', 'all inputs agree']);
    expect(translationKeys(source, 'a.ts').map((k) => k.text)).toEqual(['cli.train.options.batchSize', 'cli.example', 'cli.out.train.epoch']);
  });

  it('the check finds what it must: text, labels, titles, placeholders and messages, not code', () => {
    const source = `
      import { t } from './i18n';
      export function A() {
        say('info', 'Layout finished without trouble');
        ctx.fillText('α (direction d₁)', 0, 0);
        ctx.fillText('W', 0, 0);
        const key = 'gradflow.lessons';
        const sel = document.querySelector('.react-flow__node .op-grad');
        return (
          <div className="toolbar-group" title="Clear the canvas" aria-label={t('toolbar.label')}>
            Undo
            <input placeholder="Search the nodes…" data-ui="filter" />
            <span translate="no">df/dx</span>
            {t('toolbar.redo')}
          </div>
        );
      }`;
    expect(findUntranslated(source, 'a.tsx').map((u) => u.text)).toEqual(['Layout finished without trouble', 'α (direction d₁)', 'Clear the canvas', 'Undo', 'Search the nodes…']);
    expect(translationKeys(source, 'a.tsx').map((k) => k.text)).toEqual(['toolbar.label', 'toolbar.redo']);
  });
});
