import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = 'src/core';
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
});

/** Import specifiers the core may not use: UI frameworks, stores, Node modules, and the layers above it. */
const FORBIDDEN_IMPORTS: [RegExp, string][] = [
  [/^react(-dom)?($|\/)/, 'React'],
  [/^@xyflow\//, 'React Flow'],
  [/^zustand($|\/)/, 'zustand'],
  [/^node:/, 'a Node module'],
  [/^(fs|path|os|child_process|worker_threads|zlib|crypto|url|util|stream|http|https)$/, 'a Node module'],
  [/(^|\/)(src\/)?(ui|worker|cli)(\/|$)/, 'a layer above the core'],
  // The core words its refusals in English and carries a Reason; the layers above translate it.
  [/^(react-)?i18next($|\/)|(^|\/)(src\/)?i18n(\/|$)/, 'the translations'],
];
/** Globals that exist only in a browser page (the core also runs in Node and a worker). */
const DOM_GLOBALS = ['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'location', 'HTMLElement'];

/** Source text with comments and string contents blanked, so prose mentioning `window` does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
}

function violations(path: string, text: string): string[] {
  const found: string[] = [];
  const specifiers = [...text.matchAll(/(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]\s*\)/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
  for (const spec of specifiers) {
    for (const [pattern, what] of FORBIDDEN_IMPORTS) if (pattern.test(spec.replace(/^(\.\.\/)+/, ''))) found.push(`${path} imports ${what}: '${spec}'`);
  }
  const body = code(text);
  for (const name of DOM_GLOBALS) if (new RegExp(`(?<![.\\w$])${name}\\b`).test(body)) found.push(`${path} uses the DOM global '${name}'`);
  if (/:\s*any\b|<any>|\bas any\b/.test(body)) found.push(`${path} uses 'any'`);
  return found;
}

describe('src/core is pure TypeScript', () => {
  it('imports no React, React Flow, zustand, Node modules or UI/worker/CLI code, and touches no DOM globals', () => {
    const all = files(CORE);
    expect(all.length).toBeGreaterThan(10);
    const problems = all.flatMap((path) => violations(relative('.', path), readFileSync(path, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('the scan catches each kind of violation, naming the file', () => {
    expect(violations('src/core/a.ts', "import { useState } from 'react';")).toEqual(["src/core/a.ts imports React: 'react'"]);
    expect(violations('src/core/b.ts', "import type { Node } from '@xyflow/react';")).toEqual(["src/core/b.ts imports React Flow: '@xyflow/react'"]);
    expect(violations('src/core/c.ts', "import { readFileSync } from 'node:fs';")).toEqual(["src/core/c.ts imports a Node module: 'node:fs'"]);
    expect(violations('src/core/d.ts', "export { store } from '../../ui/store/graph';")).toEqual(["src/core/d.ts imports a layer above the core: '../../ui/store/graph'"]);
    expect(violations('src/core/e.ts', "const m = await import('zustand');")).toEqual(["src/core/e.ts imports zustand: 'zustand'"]);
    expect(violations('src/core/j.ts', "import { t } from '../../i18n';")).toEqual(["src/core/j.ts imports the translations: '../../i18n'"]);
    expect(violations('src/core/k.ts', "import i18next from 'i18next';")).toEqual(["src/core/k.ts imports the translations: 'i18next'"]);
    expect(violations('src/core/f.ts', 'const w = window.innerWidth;')).toEqual(["src/core/f.ts uses the DOM global 'window'"]);
    expect(violations('src/core/g.ts', 'localStorage.setItem("a", "b");')).toEqual(["src/core/g.ts uses the DOM global 'localStorage'"]);
    expect(violations('src/core/h.ts', '// the window of values\nconst s = "document";\nx.document = 1;')).toEqual([]);
    expect(violations('src/core/i.ts', "import { parse } from 'mathjs';\nimport { OPS } from '../ops/table';")).toEqual([]);
  });
});

describe('e2e tests wait for conditions and keep their pictures to themselves', () => {
  const specs = readdirSync('e2e').filter((name) => name.endsWith('.ts')).map((name) => [name, readFileSync(join('e2e', name), 'utf8')] as const);

  it('never sleep a fixed time', () => {
    expect(specs.filter(([, text]) => /waitForTimeout\s*\(/.test(code(text))).map(([name]) => name)).toEqual([]);
  });

  it('take screenshots only through shots.ts, which writes them only when SHOTS is set', () => {
    expect(specs.length).toBeGreaterThan(5);
    expect(specs.filter(([name, text]) => name !== 'shots.ts' && /\.screenshot\s*\(/.test(code(text))).map(([name]) => name)).toEqual([]);
  });
});
