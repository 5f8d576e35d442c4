import { OP_NAMES, OPS } from './table';
import { PALETTE_GROUPS, type Arity, type OpDef, type ParamDef } from './types';

const arityText = (arity: Arity): string =>
  arity.kind === 'variadic' ? `${arity.min} or more` : String(arity.count);

const paramText = (p: ParamDef): string =>
  p.kind === 'number' ? `\`${p.name}\` = ${p.default} (${p.doc})`
    : p.kind === 'shape' ? `\`${p.name}\`: a list of ${p.lengths.join(' or ')} whole numbers (${p.doc})`
    : `\`${p.name}\`: ${p.choices.join(' / ')}, default ${p.default} (${p.doc})`;

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function row(name: string, def: OpDef): string {
  const inputs = def.portNames.length > 0 ? `${arityText(def.arity)}: ${def.portNames.join(', ')}` : arityText(def.arity);
  const notes = [def.doc, ...def.params.map(paramText), def.kinkRule ?? ''].filter((s) => s !== '').join(' ');
  return `| \`${name}\` | ${cell(def.label)} | ${cell(def.symbol)} | ${inputs} | ${cell(notes)} |`;
}

/** The operator table as Markdown, grouped as the palette groups it: docs/operators.md is this text. */
export function operatorReference(): string {
  const lines = [
    '# Operators',
    '',
    'Generated from the operator table (`src/core/ops/table.ts`) by `npm run docs:ops`; a test keeps this file in step with it.',
    'The name is what the file format\'s `op` field holds.',
  ];
  for (const group of PALETTE_GROUPS) {
    const names = OP_NAMES.filter((name) => OPS[name].group === group.id);
    if (names.length === 0) continue;
    lines.push('', `## ${group.title}`, '', '| name | label | symbol | inputs | what it does |', '|---|---|---|---|---|');
    for (const name of names) lines.push(row(name, OPS[name]));
  }
  return lines.join('\n') + '\n';
}
