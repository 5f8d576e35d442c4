import type { ReactFlowState } from '@xyflow/react';
import { FIT_OPTIONS } from './fit';

/**
 * Levels of detail of the canvas (semantic zoom). Every text on the canvas is drawn at font size x zoom;
 * each level keeps only what stays at least MIN_TEXT_PX there, so nothing is drawn too small to read:
 * - full: everything (the smallest text, 10 px port names, reads down to 0.9);
 * - mid: no port names, node names, fan-out notes or badges; values, gradients and edge labels (12 px) stay;
 * - compact: nodes show their symbol, value and gradient in large type; edge labels are dropped;
 * - symbols: the symbol alone, larger still;
 * - outline: boxes and wires only.
 */
export type Lod = 'full' | 'mid' | 'compact' | 'symbols' | 'outline';

/** The smallest effective text size the canvas draws, in px. */
export const MIN_TEXT_PX = 9;

/** The lowest zoom of each level (CSS in styles.css sizes the text of each level to match). */
export const LOD_ZOOM = { full: 0.9, mid: 0.75, compact: 0.41, symbols: 0.25 } as const;

/** The zoom from which edge labels and node numbers are drawn: a graph that fits at this zoom opens whole. */
export const READABLE_ZOOM = LOD_ZOOM.mid;

/** The zoom a graph too big for READABLE_ZOOM opens at, on its output or current step: every detail drawn. */
export const FOCUS_ZOOM = LOD_ZOOM.full;

/** The level of detail at `zoom`. */
export function lodOf(zoom: number): Lod {
  if (zoom >= LOD_ZOOM.full) return 'full';
  if (zoom >= LOD_ZOOM.mid) return 'mid';
  if (zoom >= LOD_ZOOM.compact) return 'compact';
  if (zoom >= LOD_ZOOM.symbols) return 'symbols';
  return 'outline';
}

/** React Flow store selector at module scope: its result changes only when the zoom crosses a level. */
export const lodSelector = (s: ReactFlowState): Lod => lodOf(s.transform[2]);

/** How a graph opens: whole when its fit zoom reaches `readable` (and at most `max`), else on its output at `focus`. */
export interface OpenZooms {
  readable: number;
  focus: number;
  max: number;
}

/** The editor's zooms: whole from the mid level, else at full detail; never larger than 1.25 on a fit. */
export const OPEN_ZOOM: OpenZooms = { readable: READABLE_ZOOM, focus: FOCUS_ZOOM, max: FIT_OPTIONS.maxZoom };

/** Presentation mode's zooms: read from the back of a room, so whole from 1.0, else at 1.25 (15 px edge labels), up to 2. */
export const PRESENT_ZOOM: OpenZooms = { readable: 1, focus: 1.25, max: 2 };
