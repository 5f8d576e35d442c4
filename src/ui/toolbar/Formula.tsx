import { useDeferredValue, useLayoutEffect, useRef } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { graphFingerprint, graphToLatex, isLayeredGraph, type Graph } from '../core';
import { useTranslation } from 'react-i18next';
import { fmt } from '../format';
import { i18n } from '../i18n';
import { useEditor } from '../store';

/** What the formula depends on: labels but not the inputs' values nor positions, so dragging nodes does not re-typeset. */
const structureKey = (graph: Graph): string =>
  graph.nodes.length > MAX_NODES ? `large:${graph.nodes.length}` : graphFingerprint(graph, { labels: true, inputValues: false });

/** Past these sizes a formula is unreadable anyway, and typesetting it would stall editing. */
const MAX_NODES = 120;
const MAX_LATEX = 2500;
/** The formula's usual size, and the smallest it shrinks to so a tall one (nested fractions) fits the header's height. */
const FONT_PX = 16;
const MIN_FONT_PX = 9;

/**
 * The formula the graph computes, typeset with KaTeX; a graph that is not one formula yet says why. A long
 * formula scrolls sideways inside the header (whose height never changes); a tall one is set smaller to fit.
 */
export function Formula() {
  const graph = useDeferredValue(useEditor((s) => s.graph));
  const { t, i18n: { language } } = useTranslation();
  const html = renderCached(graph, language);
  const line = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Before paint, so the shrink never shows as a jump.
    const el = line.current;
    if (el === null) return;
    el.style.fontSize = `${FONT_PX}px`;
    // KaTeX's line box is one text line high; its top-level boxes span the real height (fractions, exponents).
    let top = Infinity;
    let bottom = -Infinity;
    for (const box of el.querySelector('.katex-html')?.children ?? []) {
      const r = box.getBoundingClientRect();
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    }
    const tall = bottom - top;
    const room = el.clientHeight;
    if (tall > room && room > 0) el.style.fontSize = `${Math.max(MIN_FONT_PX, Math.floor((FONT_PX * room) / tall))}px`;
  }, [html]);
  return (
    // Focusable so a keyboard can scroll a long formula.
    <div className="formula" role="region" aria-label={t('formula.label')} title={html.latex ?? html.problem} tabIndex={0}>
      <div className="formula-line" ref={line}>
        {html.markup !== undefined ? <span dangerouslySetInnerHTML={{ __html: html.markup }} /> : <span className="muted">{html.problem}</span>}
      </div>
    </div>
  );
}

/** Decimals with more digits than a reader follows, rounded as the canvas shows them. */
const LONG_DECIMAL = /\d+\.\d{5,}(?:e[-+]?\d+)?/g;

/** The LaTeX with every long decimal rounded to 4 significant digits (see fmt). */
export const roundNumbers = (latex: string): string => latex.replace(LONG_DECIMAL, (m) => fmt(Number(m)));

let last: { key: string; html: ReturnType<typeof render> } | undefined;

/** Typesets only when the structure changed since the last call (one entry is enough: there is one formula). */
function renderCached(graph: Graph, language: string): ReturnType<typeof render> {
  // The language is part of the key: the reasons a formula is not shown are words.
  const key = `${language}:${structureKey(graph)}`;
  if (last?.key !== key) last = { key, html: render(graph) };
  return last.html;
}

function render(graph: Graph): { markup?: string; latex?: string; problem?: string } {
  if (graph.nodes.length === 0) return { problem: i18n.t('formula.empty') };
  if (graph.nodes.length > MAX_NODES) return { problem: i18n.t('formula.tooManyNodes', { count: graph.nodes.length }) };
  // A network's formula is the four equations, not one scalar expression.
  if (isLayeredGraph(graph)) return { problem: i18n.t('formula.layered') };
  try {
    const latex = graphToLatex(graph);
    if (latex.length > MAX_LATEX) return { problem: i18n.t('formula.tooLong', { count: latex.length }) };
    const out = graph.nodes.find((n) => n.output)?.label ?? graph.nodes.find((n) => n.output)?.id;
    const full = out !== undefined && /^[a-zA-Z]\w*$/.test(out) && !graph.nodes.some((n) => n.op === 'input' && n.id === out) ? `${out} = ${latex}` : latex;
    // KaTeX escapes its input; trust stays off so no \href or \url can run anything. Numbers are set rounded
    // for reading (0.1 + 0.2 reads 0.3); the tooltip keeps the exact LaTeX.
    return { markup: katex.renderToString(roundNumbers(full), { throwOnError: false, displayMode: false, trust: false }), latex: full };
  } catch (error) {
    return { problem: i18n.t('formula.none', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}
