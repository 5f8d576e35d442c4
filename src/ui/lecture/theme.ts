/** Reading the page's theme colours for canvas and chart drawing. */

/** A CSS custom property as seen at `element`, or `fallback` when it is not set. */
export function cssColor(element: Element, name: string, fallback: string): string {
  const v = getComputedStyle(element).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** Distinct series colours for charts (colour-blind friendly, Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#f0e442', '#000000'];
