import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, OPS } from '../src/core';
import { LANGUAGES, ZH_CATALOG } from '../src/i18n';
import { OPERATOR_DOCS, operatorReference } from '../src/i18n/operatorDocs';

describe('docs/operators.md and docs/operators.zh.md', () => {
  it.each(LANGUAGES.map((l) => l.code))('%s: is the operator table as generated (run npm run docs:ops after changing the table or a catalog)', (code) => {
    expect(readFileSync(new URL(`../${OPERATOR_DOCS[code]}`, import.meta.url), 'utf8')).toBe(operatorReference(code));
  });

  it('names every operator once, with its label, in English', () => {
    const text = operatorReference('en');
    for (const name of OP_NAMES) {
      expect(text.split(`| \`${name}\` |`).length - 1).toBe(1);
      expect(text).toContain(OPS[name].label);
    }
  });

  it('names every operator once in Chinese, with its Chinese label and doc from the catalog', () => {
    const text = operatorReference('zh');
    const ops = ZH_CATALOG.ops as Record<string, { label: string; doc: string }>;
    expect(text).toContain('| 名称 | 标签 | 符号 | 输入 | 作用 |');
    for (const name of OP_NAMES) {
      const row = text.split('\n').filter((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toHaveLength(1);
      expect(row[0]).toContain(`| ${ops[name].label.replace(/\|/g, '\\|')} |`);
      expect(row[0]).toContain(ops[name].doc);
    }
    expect(text).toContain('| `add` | 加法 | + | 2 个或更多 |');
  });
});
