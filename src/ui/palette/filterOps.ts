import { OP_NAMES, OPS, opDef, PALETTE_GROUPS, type OpName, type PaletteGroup } from '../core';
import { opDoc, opLabel } from '../../i18n';

/** Palette groups with the operators matching `query` (label, name, symbol or doc), empty groups left out. */
export function filterOps(query: string): { id: PaletteGroup; title: string; ops: OpName[] }[] {
  const q = query.trim().toLowerCase();
  const matches = (op: OpName): boolean => {
    if (q === '') return true;
    const def = OPS[op];
    // English names always match (the lecture's and the file format's words); the shown language's too.
    return [op, def.label, def.symbol, opLabel(op)].some((s) => s.toLowerCase().includes(q)) || def.doc.toLowerCase().includes(q) || opDoc(op).toLowerCase().includes(q);
  };
  // Name and label matches first, so Enter in the search picks what was typed rather than a doc mention.
  const rank = (op: OpName): number => (q !== '' && (op.startsWith(q) || OPS[op].label.toLowerCase().startsWith(q) || opLabel(op).startsWith(q)) ? 0 : 1);
  return PALETTE_GROUPS
    .map((g) => ({ ...g, ops: OP_NAMES.filter((op) => OPS[op].group === g.id && opDef(op).placeable !== false && matches(op)).sort((a, b) => rank(a) - rank(b)) }))
    .filter((g) => g.ops.length > 0);
}

/** The best match for a query: what Enter in a search box adds. */
export function firstMatch(query: string): OpName | undefined {
  const groups = filterOps(query);
  const all = groups.flatMap((g) => g.ops);
  const q = query.trim().toLowerCase();
  return all.find((op) => op === q || OPS[op].label.toLowerCase() === q || opLabel(op) === q) ?? all.find((op) => op.startsWith(q) || OPS[op].label.toLowerCase().startsWith(q) || opLabel(op).startsWith(q)) ?? all[0];
}
