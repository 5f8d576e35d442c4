import { getViewportForBounds, type Rect } from '@xyflow/react';

/** A node as the view sees it: where it is and how big it is drawn. */
export interface ViewNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The padding React Flow's fit takes: fractions of the pane or px strings, per side. */
export type FitPadding = { top: number | `${number}px`; right: number | `${number}px`; bottom: number | `${number}px`; left: number | `${number}px` };

/** The bounding box of some nodes. */
export function boundsOf(nodes: readonly ViewNode[]): Rect {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y);
    x1 = Math.max(x1, n.x + n.width);
    y1 = Math.max(y1, n.y + n.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The zoom at which `nodes` just fit the pane with `padding` (not clamped). */
export function fitZoom(nodes: readonly ViewNode[], pane: { width: number; height: number }, padding: FitPadding): number {
  return getViewportForBounds(boundsOf(nodes), pane.width, pane.height, 0, Infinity, padding).zoom;
}

/**
 * The viewport showing `focus` at `zoom`: centred on it, or, when `alignRight` (the focus is the graph's
 * output end), with its right edge at the pane's right padding so as much of the graph as fits shows to
 * its left, without leaving empty room left of the graph.
 */
export function viewportOn(
  all: readonly ViewNode[], focus: readonly ViewNode[], pane: { width: number; height: number }, padding: FitPadding, zoom: number, alignRight: boolean,
): { x: number; y: number; zoom: number } {
  const b = boundsOf(focus);
  const centred = getViewportForBounds(b, pane.width, pane.height, zoom, zoom, padding);
  if (!alignRight) return centred;
  const px = (p: number | `${number}px`, size: number): number => (typeof p === 'number' ? p * size : Number.parseFloat(p));
  const whole = boundsOf(all);
  const rightAligned = pane.width - px(padding.right, pane.width) - (b.x + b.width) * zoom;
  const leftAligned = px(padding.left, pane.width) - whole.x * zoom;
  return { x: Math.min(rightAligned, leftAligned), y: centred.y, zoom };
}

/**
 * The nodes to open a graph on so that it reads: undefined when the whole graph fits at `readable` zoom
 * or more (then fit it all); otherwise `start` (the output or the current step) and its neighbourhood,
 * grown ring by ring (its inputs and consumers, then further upstream) while it still fits at `focusZoom`.
 */
export function readableFocus(
  nodes: readonly ViewNode[], edges: readonly { source: string; target: string }[], start: string | undefined,
  pane: { width: number; height: number }, padding: FitPadding, readable: number, focusZoom: number = readable,
): string[] | undefined {
  if (nodes.length === 0 || fitZoom(nodes, pane, padding) >= readable) return undefined;
  const fits = (some: readonly ViewNode[]): boolean => fitZoom(some, pane, padding) >= focusZoom;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const first = (start !== undefined && byId.has(start) ? start : undefined)
    ?? nodes.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a)).id;
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const e of edges) {
    into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
    outOf.set(e.source, [...(outOf.get(e.source) ?? []), e.target]);
  }
  const chosen = [byId.get(first)!];
  const seen = new Set([first]);
  let ring = [first];
  for (let depth = 0; ring.length > 0; depth++) {
    const next: string[] = [];
    for (const id of ring) {
      // The first ring looks both ways (a step's inputs and the node it feeds); further rings go upstream.
      for (const other of [...(into.get(id) ?? []), ...(depth === 0 ? outOf.get(id) ?? [] : [])]) {
        if (!seen.has(other) && byId.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    const added: string[] = [];
    for (const id of next) {
      const candidate = [...chosen, byId.get(id)!];
      if (!fits(candidate)) continue;
      chosen.push(byId.get(id)!);
      added.push(id);
    }
    // The part of a ring that fits stays, but growth stops there: going further out would leave holes nearer in.
    if (added.length < next.length) break;
    ring = added;
  }
  return chosen.map((n) => n.id);
}
