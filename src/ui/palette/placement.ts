import type { Position } from '../core';

/** Node size used to centre a dropped node on the pointer (matches .op-node in styles.css). */
export const NODE_SIZE = { width: 124, height: 84 };

/** The canvas element, found by its class so palette and canvas stay decoupled. */
export const canvasElement = (): HTMLElement | null => document.querySelector<HTMLElement>('.canvas-wrap');

/** The screen point at the middle of the visible canvas, nudged by `k` so successive adds do not stack. */
export function canvasCentre(k: number): Position {
  const rect = canvasElement()?.getBoundingClientRect();
  const nudge = (k % 6) * 26;
  if (rect === undefined) return { x: 400 + nudge, y: 300 + nudge };
  return { x: rect.left + rect.width / 2 + nudge - 80, y: rect.top + rect.height / 2 + nudge - 40 };
}

/** A flow position with the node's centre (not its corner) on `p`. */
export const centred = (p: Position): Position => ({ x: Math.round(p.x - NODE_SIZE.width / 2), y: Math.round(p.y - NODE_SIZE.height / 2) });
