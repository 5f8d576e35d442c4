/** BP1–BP4 typeset with KaTeX, the ones at work on the current layer highlighted. */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** The lecture's four equations (Nielsen, chapter 2). */
export const FOUR_EQUATIONS = [
  { id: 'BP1', tex: '\\delta^L = \\nabla_a C \\odot \\sigma\'(z^L)', says: 'the output layer\'s error' },
  { id: 'BP2', tex: '\\delta^l = \\big((w^{l+1})^{T} \\delta^{l+1}\\big) \\odot \\sigma\'(z^l)', says: 'the error one layer down' },
  { id: 'BP3', tex: '\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j', says: 'bias gradient' },
  { id: 'BP4', tex: '\\frac{\\partial C}{\\partial w^l_{jk}} = a^{l-1}_k\\, \\delta^l_j', says: 'weight gradient' },
] as const;

/** The four equations; `active` lists those the highlighted layer uses. */
export function Equations({ active }: { active: readonly string[] }) {
  const rendered = useMemo(() => FOUR_EQUATIONS.map((e) => ({ ...e, html: katex.renderToString(e.tex, { throwOnError: false, displayMode: true, trust: false }) })), []);
  return (
    <ol className="gf-equations" aria-label="The four equations of backpropagation">
      {rendered.map((e) => (
        <li key={e.id} className={active.includes(e.id) ? 'is-active' : undefined} data-equation={e.id} data-active={active.includes(e.id)}>
          <span className="gf-eq-tag">{e.id}</span>
          <span className="gf-eq-math" dangerouslySetInnerHTML={{ __html: e.html }} />
          <span className="muted gf-eq-says">{e.says}</span>
        </li>
      ))}
    </ol>
  );
}
