/**
 * The canvas as a picture, as React Flow's "download image" example does it: html-to-image draws the
 * viewport element (nodes, wires and their labels, as drawn) with a transform that fits every node.
 */
import { getNodesBounds, getViewportForBounds, type Node, type ReactFlowInstance } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/** Margin around the graph, in screen pixels. */
const PADDING = 32;
/** Longest side of the picture before the graph is scaled down to fit. */
const MAX_SIDE = 4096;

/** The page background behind the canvas (light or dark theme), so the picture looks like the screen. */
function background(element: Element): string {
  const flow = element.closest('.react-flow');
  const color = flow ? getComputedStyle(flow).backgroundColor : '';
  return color === '' || color === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor || '#ffffff' : color;
}

/** The parts of React Flow's instance a picture needs. */
export type PictureFlow = Pick<ReactFlowInstance, 'getNodes' | 'getViewport' | 'setViewport' | 'fitView'>;

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * A picture of the whole graph. A large graph draws only the nodes on screen, so when some are not
 * drawn the view is fitted to all of them for the picture and put back afterwards.
 */
export async function wholeCanvasPicture(flow: PictureFlow, format: 'png' | 'svg'): Promise<string> {
  const nodes = flow.getNodes();
  const drawn = document.querySelectorAll('.react-flow__node').length;
  if (drawn >= nodes.length) return canvasPicture(nodes, format);
  const before = flow.getViewport();
  await flow.fitView({ duration: 0 });
  // Two frames: React Flow draws the nodes that came into view, then they are measured.
  await nextFrame();
  await nextFrame();
  try {
    return await canvasPicture(nodes, format);
  } finally {
    await flow.setViewport(before, { duration: 0 });
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
