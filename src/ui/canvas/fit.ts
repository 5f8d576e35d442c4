/** The minimap's size; it sits in the bottom-right corner, React Flow's panels PANEL_MARGIN px from the edges. */
export const MINIMAP_SIZE = { width: 168, height: 112 };
const PANEL_MARGIN = 15;

/** The canvas's fit margins: a fraction of the pane on three sides, the minimap's height plus margins at the bottom. */
export const FIT_MARGIN = { side: 0.08, bottom: `${MINIMAP_SIZE.height + 2 * PANEL_MARGIN}px` as const };

/**
 * Fitting shows every node (a loaded example or file must not start half out of view); only graphs far
 * wider than the canvas go below 0.5, and never below 0.2 where nodes are mere boxes. The bottom keeps
 * the minimap's (and the controls') height free, so no node lands under them after a fit.
 */
export const FIT_OPTIONS = {
  padding: { top: FIT_MARGIN.side, left: FIT_MARGIN.side, right: FIT_MARGIN.side, bottom: FIT_MARGIN.bottom },
  maxZoom: 1.25,
  minZoom: 0.2,
};
