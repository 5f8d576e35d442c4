/**
 * The canvas as a picture, as React Flow's "download image" example does it: html-to-image draws the
 * viewport element (nodes, wires and their labels, as drawn) with a transform that fits every node.
 */
import { getNodesBounds, getViewportForBounds, type Node, type ReactFlowInstance } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { useDrawAll } from './drawAll';

/** Margin around the graph, in screen pixels. */
const PADDING = 32;
/** Longest side of the picture before the graph is scaled down to fit. */
const MAX_SIDE = 4096;

/**
 * The computed style properties a picture copies onto each element: what lays out and paints boxes,
 * text and SVG. html-to-image copies every property otherwise (hundreds per element), which makes a
 * picture of a large graph slow and many megabytes.
 */
const PICTURE_STYLES = [
  'display', 'position', 'top', 'right', 'bottom', 'left', 'z-index', 'box-sizing', 'width', 'height', 'min-width', 'min-height', 'max-width', 'max-height',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'align-items', 'align-self', 'align-content', 'justify-content', 'justify-items', 'gap', 'row-gap', 'column-gap', 'order',
  'grid-template-columns', 'grid-template-rows', 'grid-column-start', 'grid-column-end', 'grid-row-start', 'grid-row-end',
  'overflow-x', 'overflow-y', 'transform', 'transform-origin', 'visibility', 'opacity',
  'color', 'background-color', 'background-image', 'box-shadow', 'outline-style', 'outline-width', 'outline-color', 'outline-offset',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-right-radius', 'border-bottom-left-radius',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant-numeric', 'line-height', 'letter-spacing', 'text-align', 'text-decoration-line', 'text-overflow',
  'text-transform', 'white-space', 'word-break', 'overflow-wrap', 'vertical-align', 'paint-order', '-webkit-text-stroke-width', '-webkit-text-stroke-color',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
];

/** The page background behind the canvas (light or dark theme), so the picture looks like the screen. */
function background(element: Element): string {
  const flow = element.closest('.react-flow');
  const color = flow ? getComputedStyle(flow).backgroundColor : '';
  return color === '' || color === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor || '#ffffff' : color;
}

/** The parts of React Flow's instance a picture needs. */
export type PictureFlow = Pick<ReactFlowInstance, 'getNodes'>;

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * A picture of the whole graph. A large graph draws only the nodes on screen, so for the picture the
 * canvas draws them all (a few frames), then goes back to drawing what is on screen.
 */
export async function wholeCanvasPicture(flow: PictureFlow, format: 'png' | 'svg'): Promise<string> {
  const nodes = flow.getNodes();
  const drawn = (): number => document.querySelectorAll('.react-flow__node').length;
  if (drawn() >= nodes.length) return canvasPicture(nodes, format);
  useDrawAll.setState({ drawAll: true });
  try {
    // React Flow draws the nodes that were hidden, then measures them: wait until all are there (at most ~2 s).
    for (let frame = 0; frame < 120 && drawn() < nodes.length; frame++) await nextFrame();
    await nextFrame();
    return await canvasPicture(flow.getNodes(), format);
  } finally {
    useDrawAll.setState({ drawAll: false });
  }
}

/** A PNG (twice the pixel density) or SVG data URL of every node of the canvas with its wires and labels. */
export async function canvasPicture(nodes: Node[], format: 'png' | 'svg'): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (viewport === null || nodes.length === 0) throw new Error('the canvas is empty');
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width + 2 * PADDING, bounds.height + 2 * PADDING));
  const width = Math.ceil((bounds.width + 2 * PADDING) * scale);
  const height = Math.ceil((bounds.height + 2 * PADDING) * scale);
  const fit = getViewportForBounds(bounds, width, height, scale, scale, 0);
  // The minimap, controls and panels live outside the viewport element, so they stay out of the picture.
  const options = {
    backgroundColor: background(viewport),
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.zoom})` },
    includeStyleProperties: PICTURE_STYLES,
    // The canvas uses the system's fonts; embedding the page's web fonts (KaTeX's) would only add weight.
    skipFonts: true,
  };
  return withInlineSvgPaint(viewport, () => (format === 'png' ? toPng(viewport, { ...options, pixelRatio: 2 }) : toSvg(viewport, options)));
}

/** SVG paint properties that the stylesheet gives wires (by class), which a picture without the stylesheet needs inline. */
const PAINT = ['stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill', 'fill-opacity', 'opacity'] as const;

/**
 * Runs `draw` with the computed paint of every SVG shape in `root` written on its style attribute, then
 * puts the attributes back: html-to-image copies computed styles onto HTML elements but not onto SVG
 * shapes, so wires styled by class would come out unpainted.
 */
async function withInlineSvgPaint<T>(root: HTMLElement, draw: () => Promise<T>): Promise<T> {
  const shapes = [...root.querySelectorAll<SVGElement>('svg path, svg circle, svg rect, svg line, svg polyline, svg polygon, svg ellipse')];
  const saved = shapes.map((el) => el.getAttribute('style'));
  for (const el of shapes) {
    const computed = getComputedStyle(el);
    for (const name of PAINT) el.style.setProperty(name, computed.getPropertyValue(name));
  }
  try {
    return await draw();
  } finally {
    shapes.forEach((el, k) => {
      const before = saved[k];
      if (before === null) el.removeAttribute('style');
      else el.setAttribute('style', before);
    });
  }
}

/** A data URL's bytes as a Blob, for a download. */
export async function dataUrlBlob(url: string): Promise<Blob> {
  return (await fetch(url)).blob();
}
