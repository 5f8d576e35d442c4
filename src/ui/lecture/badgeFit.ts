/** The arithmetic of refitting the canvas so gradient-check badges, hung left of their inputs, stay on screen. */

import { FIT_MARGIN, FIT_OPTIONS } from '../canvas/fit';

/** The canvas's own fit margins and zoom limits, so a badge refit frames the graph as a load does. */
export const BADGE_FIT = { ...FIT_MARGIN, minZoom: FIT_OPTIONS.minZoom, maxZoom: FIT_OPTIONS.maxZoom } as const;

/** Pixels React Flow reserves for a numeric padding p on a side of a pane `size` wide: (size − size/(1 + p))/2. */
export function sidePaddingPx(size: number): number {
  return Math.floor((size - size / (1 + BADGE_FIT.side)) * 0.5);
}

/**
 * The left padding in pixels that fits a graph `width` flow units wide plus badges hanging `overhang` units
 * further left, in a pane `pane` pixels wide, so the badges end at the usual side margin when the width sets
 * the zoom (z = (pane − left − right)/width and left − overhang·z = right); a lower zoom only adds room.
 */
export function leftPaddingPx(width: number, overhang: number, pane: number): number {
  const side = sidePaddingPx(pane);
  if (!(overhang > 0) || !(width > 0)) return side;
  return Math.ceil((side * width + overhang * (pane - side)) / (width + overhang));
}
