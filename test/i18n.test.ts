import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../src/core';
import { EN_CATALOG, ZH_CATALOG, i18n, startI18n, t } from '../src/i18n';

/** Every leaf of a catalog as "a.b.c" → text. */
function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const en = flatten(EN_CATALOG);
const zh = flatten(ZH_CATALOG);
const variables = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the English and Chinese catalogs', () => {
  it('have the same keys', () => {
    const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
    const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
    expect(onlyEn, 'keys missing from src/i18n/zh.json').toEqual([]);
    expect(onlyZh, 'keys missing from src/i18n/en.json (or the operator table)').toEqual([]);
  });

  it('use the same {{variables}} in each message, so numbers and names appear in both', () => {
    for (const [key, text] of en) expect(variables(zh.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('translate every operator of the table, label and doc', () => {
    for (const op of OP_NAMES) {
      expect(zh.has(`ops.${op}.label`), op).toBe(true);
      expect(zh.has(`ops.${op}.doc`), op).toBe(true);
    }
  });

  it('are Chinese in Chinese: every message with English words has Chinese words', () => {
    // Names of methods, products and formulas stay as they are in the lecture.
    const kept = /Sigmoid|ReLU|Softmax|SVM|MNIST|Fashion|Nielsen|Xavier|He\b|JSON|PNG|SVG|ONNX|PyTorch|LaTeX|CSV|IDX|NaN|gradflow|softmax|base|exponent|tanh|max|min|exp|log|sin|cos/g;
    const opNames = new RegExp(`\\b(${OP_NAMES.join('|')})\\b`, 'g');
    for (const [key, text] of zh) {
      // Command-line flags (--data, -o) and the file format's operator names (maxpool, dense) are code, the same in every language.
      const words = text.replace(opNames, '').replace(kept, '').replace(/\{\{\w+\}\}/g, '').replace(/(^|\s)--?[a-z][\w-]*/g, '');
      if (/[A-Za-z]{3,}/.test(words)) expect(text, key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('translate through i18next, with numbers unchanged', async () => {
    startI18n([], { lng: 'en' });
    expect(t('lessons.count', { n: 3, total: 16 })).toBe('Lesson 3 of 16');
    expect(t('ops.mul.label')).toBe('Multiply');
    await i18n.changeLanguage('zh-CN');
    expect(t('lessons.count', { n: 3, total: 16 })).toBe('第 3 课，共 16 课');
    expect(t('ops.mul.label')).toBe('乘法');
    await i18n.changeLanguage('en');
  });

  it('set Chinese without a space between two Chinese characters, keeping it beside Latin names', async () => {
    startI18n([], { lng: 'en' });
    await i18n.changeLanguage('zh-CN');
    expect(t('inspector.chainAt', { node: '隐藏层' })).toBe('隐藏层处的链式法则');
    expect(t('inspector.chainAt', { node: 'x' })).toBe('x 处的链式法则');
    expect(t('inspector.chainAt', { node: '（input）' })).toBe('（input）处的链式法则');
    await i18n.changeLanguage('en');
    expect(t('inspector.chainAt', { node: '隐藏层' })).toBe('Chain rule at 隐藏层');
  });
});
