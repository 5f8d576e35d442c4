/**
 * Finds text in the React app and the command line that does not come from a catalog: JSX text,
 * user-facing JSX attributes, and string literals that read as English words. Used by
 * test/ui-strings.test.ts; run directly with `npx tsx test/helpers/ui-strings.ts [src/ui|src/cli]` for the list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@babel/parser';
import { EN_CATALOG } from '../../src/i18n';

/** One string found outside the catalogs. */
export interface Untranslated {
  file: string;
  line: number;
  text: string;
}

/** JSX attributes whose values are technical, never shown as words. */
const TECHNICAL_ATTRIBUTES = new Set([
  'className', 'type', 'role', 'id', 'name', 'key', 'href', 'src', 'rel', 'target', 'inputMode', 'autoComplete', 'value',
  'htmlFor', 'lang', 'method', 'step', 'min', 'max', 'accept', 'style', 'aria-live', 'aria-current', 'aria-controls',
  'aria-labelledby', 'aria-haspopup', 'aria-describedby', 'aria-orientation', 'd', 'fill', 'stroke', 'viewBox', 'xmlns', 'spellCheck', 'dir',
  'position', 'colorMode', 'translate', 'preserveAspectRatio', 'textAnchor', 'dominantBaseline', 'strokeLinecap', 'strokeLinejoin',
  'fontFamily', 'selectionKeyCode', 'multiSelectionKeyCode', 'deleteKeyCode', 'panActivationKeyCode', 'zoomActivationKeyCode', 'download', 'pattern', 'wrap', 'loading', 'decoding', 'defaultValue',
]);

/** Two words of English letters, with at most short words between them: what a sentence or a label looks like. */
const WORDS = /[A-Za-z]{2,}(?:[ ,:;.'’-]+[A-Za-z])*[ ,:;.'’-]+[A-Za-z]{2,}/;
/** One English word of three letters or more. */
const WORD = /[A-Za-z]{3,}/;

/** Every English catalog text: a literal equal to one is in a catalog (a default for a translated key). */
const CATALOG_TEXTS = new Set<string>();
(function collect(tree: unknown): void {
  for (const value of Object.values(tree as Record<string, unknown>)) {
    if (typeof value === 'string') CATALOG_TEXTS.add(value);
    else collect(value);
  }
})(EN_CATALOG);

/** Strings that are code, not text: selectors, MIME types, event and storage names, file names, URLs. */
function technical(text: string): boolean {
  const s = text.trim();
  if (s === '' || CATALOG_TEXTS.has(s)) return true;
  if (/^[a-z][\w]*(\.[\w-]+)+$/.test(s)) return true; // catalog and storage keys: equations.says.BP1, gradflow.autosave
  if (/^(bold |italic )?\d+(\.\d+)?px /.test(s)) return true; // canvas fonts
  if (/^[.#[:]|^\w+\[|^\[data-|\[data-[\w-]+/.test(s)) return true; // CSS selectors
  if (/^(application|text|image)\/[\w.+-]+$/.test(s)) return true;
  if (/^[\w.{} -]*\.(json|png|svg|csv|py|onnx|txt|zip|ts|tsx|html)$/.test(s)) return true; // file names, also with a {} placeholder
  if (/^https?:|^data:|^blob:|^#/.test(s)) return true;
  if (/^[\w-]+(\/[\w.-]+)+\.\w+$/.test(s)) return true; // repository paths: docs/operators.md
  if (/^[a-z][\w-]*$/.test(s)) return true; // single lower-case identifiers: 'pointerdown', 'gf-link', 'done'
  if (/^[\w-]+(\s[\w-]+)*$/.test(s) && /^[a-z0-9-]+( [a-z0-9-]+)+$/.test(s) && /-/.test(s)) return true; // class lists
  if (/^(\d+(\.\d+)?(px|em|rem|%|ms|s|vh|vw)?\s*)+$/.test(s)) return true;
  if (/^[A-Z_]+$/.test(s)) return true;
  if (/^--?[\w-]+$/.test(s)) return true; // CSS custom and vendor properties
  if (/^\((min|max)-(width|height):/.test(s)) return true; // media queries
  if (/^(-\w, )?--[a-z][\w-]*( <[^>]+>)?$/.test(s)) return true; // a command-line option as commander declares it
  // Command lines in help examples: each line a gradflow invocation (a template's {} stands for a catalog text).
  if (s.split('\n').map((l) => l.replace(/\{\}/g, '').trim()).filter((l) => l !== '').every((l) => l.startsWith('gradflow '))) return true;
  return false;
}

type Node = { type: string; loc?: { start: { line: number } } | null; [key: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

/** Calls whose string arguments are not shown to users (translation keys, DOM and storage names, logs). */
function ignoredCall(node: Node): boolean {
  const callee = node.callee as Node | undefined;
  if (callee === undefined) return false;
  const name = callee.type === 'Identifier' ? (callee.name as string)
    : callee.type === 'MemberExpression' && isNode(callee.property) && callee.property.type === 'Identifier' ? (callee.property.name as string) : '';
  return [
    't', 'tr', 'i18nKey', 'querySelector', 'querySelectorAll', 'closest', 'getItem', 'setItem', 'removeItem', 'addEventListener',
    'removeEventListener', 'getElementById', 'matchMedia', 'getPropertyValue', 'setProperty', 'createElement', 'setAttribute',
    'removeAttribute', 'getAttribute', 'toggleAttribute', 'setData', 'postMessage', 'debug', 'log', 'warn', 'import', 'require', 'fetch', 'URL', 'lazy',
    'startsWith', 'endsWith', 'includes', 'split', 'replace', 'test', 'match', 'RegExp', 'classList', 'add', 'remove', 'toggle', 'contains',
    'dispatchEvent', 'Event', 'CustomEvent', 'Worker', 'createObjectURL', 'escape',
    // The core's program and document writers: their strings are the content of exported files, not the UI.
    'scalarToPython', 'networkToPytorch', 'networkToOnnx', 'graphLatexWithGradients',
  ].includes(name);
}

/** The untranslated strings of one source file. */
export function findUntranslated(source: string, file: string): Untranslated[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: true });
  const found: Untranslated[] = [];
  const report = (node: Node, text: string) => found.push({ file, line: node.loc?.start.line ?? 0, text: text.trim().slice(0, 80) });
  const visit = (node: Node, parent: Node | undefined, parentKey: string): void => {
    switch (node.type) {
      case 'ImportDeclaration': case 'ExportAllDeclaration': case 'TSLiteralType': case 'TSImportType': case 'TSTypeAnnotation':
      case 'TSTypeAliasDeclaration': case 'TSInterfaceDeclaration': case 'Directive':
        return;
      case 'ExportNamedDeclaration':
        if (node.source !== null && node.source !== undefined) return;
        break;
      case 'CallExpression': case 'NewExpression': {
        if (ignoredCall(node)) return;
        // Text painted on a canvas is read by users even when it is one word ('direction', 'log'); longer text the string check finds.
        const callee = node.callee as Node;
        const painted = callee.type === 'MemberExpression' && isNode(callee.property) && ['fillText', 'strokeText'].includes(callee.property.name as string);
        const first = ((node.arguments as Node[]) ?? [])[0];
        const text = first?.type === 'StringLiteral' ? (first.value as string) : '';
        if (painted && /[A-Za-z]{2,}/.test(text) && !WORDS.test(text) && !technical(text)) report(first, text);
        // A refusal built with its Reason (new ReasonedError(message, reason(...))): the catalogs word the Reason.
        if (((node.arguments as Node[]) ?? []).some((a) => a.type === 'CallExpression' && (a.callee as Node).type === 'Identifier' && (a.callee as Node).name === 'reason')) return;
        break;
      }
      case 'ObjectExpression':
        // A message sent beside its Reason ({ message: '...', reason: reason(...) }): the catalogs word the Reason.
        if (((node.properties as Node[]) ?? []).some((p) => p.type === 'ObjectProperty' && (p.key as Node).name === 'reason' && (p.value as Node).type === 'CallExpression' && ((p.value as Node).callee as Node).name === 'reason')) return;
        break;
      case 'FunctionDeclaration':
        // The exhaustiveness check of a switch over a union: it can only run on a programming error.
        if ((node.id as Node | null)?.name === 'assertNever') return;
        break;
      case 'JSXElement': {
        // translate="no" marks what stays the same in every language: the brand, formulas, key names.
        const attributes = ((node.openingElement as Node).attributes as Node[]) ?? [];
        if (attributes.some((a) => a.type === 'JSXAttribute' && (a.name as Node).name === 'translate' && (a.value as Node | null)?.value === 'no')) return;
        break;
      }
      case 'JSXText':
        if (WORD.test(node.value as string) || /[A-Za-z]{2,}/.test(node.value as string)) report(node, node.value as string);
        return;
      case 'JSXAttribute': {
        const name = (node.name as Node).type === 'JSXIdentifier' ? ((node.name as Node).name as string) : '';
        if (TECHNICAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('on')) return;
        const value = node.value as Node | null;
        if (value !== null && value.type === 'StringLiteral' && /[A-Za-z]{2,}/.test(value.value as string) && !technical(value.value as string)) report(value, value.value as string);
        break;
      }
      case 'StringLiteral': {
        if (parentKey === 'key' && parent?.type === 'ObjectProperty') return;
        if (parent?.type === 'JSXAttribute') return;
        const text = node.value as string;
        if (WORDS.test(text) && !technical(text)) report(node, text);
        return;
      }
      case 'TemplateLiteral': {
        const text = (node.quasis as Node[]).map((q) => (q.value as { cooked: string }).cooked).join(' {} ');
        if (WORDS.test(text) && !technical(text)) report(node, text);
        break;
      }
      default:
        break;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      if (Array.isArray(child)) for (const c of child) { if (isNode(c)) visit(c, node, key); }
      else if (isNode(child)) visit(child, node, key);
    }
  };
  visit(ast.program as unknown as Node, undefined, '');
  return found;
}

/** The literal keys passed to t(), tr() and i18n.t() in one source file (template keys are checked by their prefix elsewhere). */
export function translationKeys(source: string, file: string): Untranslated[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: true });
  const keys: Untranslated[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const name = callee.type === 'Identifier' ? (callee.name as string)
        : callee.type === 'MemberExpression' && isNode(callee.property) ? (callee.property.name as string) : '';
      const first = (node.arguments as Node[])[0];
      if ((name === 't' || name === 'tr') && first?.type === 'StringLiteral') keys.push({ file, line: node.loc?.start.line ?? 0, text: first.value as string });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc') continue;
      if (Array.isArray(child)) for (const c of child) { if (isNode(c)) visit(c); }
      else if (isNode(child)) visit(child);
    }
  };
  visit(ast.program as unknown as Node);
  return keys;
}

/** Every .ts/.tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The untranslated strings of the whole app. */
export function untranslatedInApp(root = 'src/ui'): Untranslated[] {
  return sourceFiles(root).flatMap((file) => findUntranslated(readFileSync(file, 'utf8'), file));
}

if (process.argv[1]?.endsWith('ui-strings.ts')) {
  const all = untranslatedInApp(process.argv[2] ?? 'src/ui');
  for (const u of all) console.log(`${u.file}:${u.line}: ${u.text}`);
  console.log(`${all.length} strings`);
}
