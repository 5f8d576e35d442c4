import { useDeferredValue } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { graphToLatex, type Graph } from '../core';
import { useEditor } from '../store';

/** What the formula depends on: the graph without positions, so dragging nodes does not re-typeset. */
const structureKey = (graph: Graph): string =>
  graph.nodes.length > MAX_NODES ? `large:${graph.nodes.length}` :
  JSON.stringify([graph.nodes.map((n) => [n.id, n.op, n.op === 'input' ? 0 : n.value, n.label, n.params, n.output]), graph.edges.map((e) => [e.source, e.target, e.targetPort])]);

/** Past these sizes a formula is unreadable anyway, and typesetting it would stall editing. */
const MAX_NODES = 120;
const MAX_LATEX = 2500;

/** The formula the graph computes, typeset with KaTeX; a graph that is not one formula yet says why. */
export function Formula() {
  const graph = useDeferredValue(useEditor((s) => s.graph));
  const html = renderCached(graph);
  return (
    <div className="formula" aria-label="Formula" title={html.latex ?? html.problem}>
      {html.markup !== undefined ? <span dangerouslySetInnerHTML={{ __html: html.markup }} /> : <span className="muted">{html.problem}</span>}
    </div>
  );
}

let last: { key: string; html: ReturnType<typeof render> } | undefined;

/** Typesets only when the structure changed since the last call (one entry is enough: there is one formula). */
function renderCached(graph: Graph): ReturnType<typeof render> {
  const key = structureKey(graph);
  if (last?.key !== key) last = { key, html: render(graph) };
  return last.html;
}

function render(graph: Graph): { markup?: string; latex?: string; problem?: string } {
  if (graph.nodes.length === 0) return { problem: 'empty graph' };
  if (graph.nodes.length > MAX_NODES) return { problem: `formula not shown for ${graph.nodes.length} nodes` };
  try {
    const latex = graphToLatex(graph);
    if (latex.length > MAX_LATEX) return { problem: `formula too long to show (${latex.length} characters of LaTeX)` };
    const out = graph.nodes.find((n) => n.output)?.label ?? graph.nodes.find((n) => n.output)?.id;
    const full = out !== undefined && /^[a-zA-Z]\w*$/.test(out) && !graph.nodes.some((n) => n.op === 'input' && n.id === out) ? `${out} = ${latex}` : latex;
    // KaTeX escapes its input; trust stays off so no \href or \url can run anything.
    return { markup: katex.renderToString(full, { throwOnError: false, displayMode: false, trust: false }), latex: full };
  } catch (error) {
    return { problem: `no formula yet: ${error instanceof Error ? error.message : String(error)}` };
  }
}
