/** BP1–BP4 typeset with KaTeX, the ones at work on the current layer highlighted. */
import { useTranslation } from 'react-i18next';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** The lecture's four equations (Nielsen, chapter 2). */
export const FOUR_EQUATIONS = [
  { id: 'BP1', tex: '\\delta^L = \\nabla_a C \\odot \\sigma\'(z^L)', says: 'equations.says.BP1' },
  { id: 'BP2', tex: '\\delta^l = \\big((w^{l+1})^{T} \\delta^{l+1}\\big) \\odot \\sigma\'(z^l)', says: 'equations.says.BP2' },
  { id: 'BP3', tex: '\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j', says: 'equations.says.BP3' },
  { id: 'BP4', tex: '\\frac{\\partial C}{\\partial w^l_{jk}} = a^{l-1}_k\\, \\delta^l_j', says: 'equations.says.BP4' },
] as const;

/** The four equations; `active` lists those the highlighted layer uses. */
export function Equations({ active }: { active: readonly string[] }) {
  const { t } = useTranslation();
  const rendered = useMemo(() => FOUR_EQUATIONS.map((e) => ({ ...e, html: katex.renderToString(e.tex, { throwOnError: false, displayMode: true, trust: false }) })), []);
  return (
    <ol className="gf-equations" aria-label={t('equations.fourLabel')}>
      {rendered.map((e) => (
        <li key={e.id} className={active.includes(e.id) ? 'is-active' : undefined} data-equation={e.id} data-active={active.includes(e.id)}>
          <span className="gf-eq-tag">{e.id}</span>
          <span className="gf-eq-math" dangerouslySetInnerHTML={{ __html: e.html }} />
          <span className="muted gf-eq-says">{t(e.says)}</span>
        </li>
      ))}
    </ol>
  );
}
