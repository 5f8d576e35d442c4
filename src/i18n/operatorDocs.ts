/**
 * The operator reference (docs/operators.md and docs/operators.zh.md), generated from the operator table
 * through the catalogs: the table's own English words, and their Chinese in zh.json.
 */
import { OP_NAMES, OPS } from '../core/ops/table';
import { PALETTE_GROUPS, type Arity, type OpDef, type ParamDef } from '../core/ops/types';
import { i18n, startI18n, type Language } from './index';

/** The file each language's reference is written to, from the repository's root. */
export const OPERATOR_DOCS: Readonly<Record<Language, string>> = { en: 'docs/operators.md', zh: 'docs/operators.zh.md' };

/** The operator table as Markdown in `lng`, grouped as the palette groups it: docs/operators.md is the English text. */
export function operatorReference(lng: Language = 'en'): string {
  if (!i18n.isInitialized) startI18n([], { lng: 'en' });
  const t = i18n.getFixedT(lng);
  const arityText = (arity: Arity): string => (arity.kind === 'variadic' ? t('opDocs.orMore', { min: arity.min }) : String(arity.count));
  const paramText = (op: string, p: ParamDef): string => {
    const doc = t(`ops.${op}.params.${p.name}`);
    if (p.kind === 'number') return t('opDocs.numberParam', { name: p.name, default: p.default, doc });
    if (p.kind === 'shape') return t('opDocs.shapeParam', { name: p.name, lengths: p.lengths.join(t('opDocs.or')), doc });
    return t('opDocs.choiceParam', { name: p.name, choices: p.choices.join(' / '), default: p.default, doc });
  };
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const row = (name: string, def: OpDef): string => {
    const inputs = def.portNames.length > 0 ? `${arityText(def.arity)}: ${def.portNames.join(', ')}` : arityText(def.arity);
    const kinkRule = def.kinkRule === undefined ? '' : t(`ops.${name}.kinkRule`);
    const notes = [t(`ops.${name}.doc`), ...def.params.map((p) => paramText(name, p)), kinkRule].filter((s) => s !== '')
      .reduce((text, next) => t('opDocs.then', { text, next }));
    return `| \`${name}\` | ${cell(t(`ops.${name}.label`))} | ${cell(def.symbol)} | ${inputs} | ${cell(notes)} |`;
  };
  const columns = ['name', 'label', 'symbol', 'inputs', 'what'].map((c) => t(`opDocs.columns.${c}`));
  const lines = [`# ${t('opDocs.title')}`, '', t('opDocs.generated'), t('opDocs.name')];
  for (const group of PALETTE_GROUPS) {
    const names = OP_NAMES.filter((name) => OPS[name].group === group.id);
    if (names.length === 0) continue;
    lines.push('', `## ${t(`opGroups.${group.id}`)}`, '', `| ${columns.join(' | ')} |`, '|---|---|---|---|---|');
    for (const name of names) lines.push(row(name, OPS[name]));
  }
  return lines.join('\n') + '\n';
}
