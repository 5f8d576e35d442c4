import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, OPS } from '../src/core';
import { operatorReference } from '../src/core/ops/reference';

describe('docs/operators.md', () => {
  it('is the operator table as generated (run npm run docs:ops after changing the table)', () => {
    expect(readFileSync(new URL('../docs/operators.md', import.meta.url), 'utf8')).toBe(operatorReference());
  });

  it('names every operator once, with its label', () => {
    const text = operatorReference();
    for (const name of OP_NAMES) {
      expect(text.split(`| \`${name}\` |`).length - 1).toBe(1);
      expect(text).toContain(OPS[name].label);
    }
  });
});
