/** Drawing small square images (digits, weights) into canvases, pixel by pixel. */

/** An RGB colour as three 0..255 numbers. */
export type Rgb = [number, number, number];

/** Parses "#rrggbb" or "rgb(r, g, b)" (what getComputedStyle gives), or returns the fallback. */
export function parseColor(text: string, fallback: Rgb): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)/.exec(text);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : fallback;
}

let probe: CanvasRenderingContext2D | null = null;

/**
 * A theme colour from a CSS custom property as seen at `element` (the panel sets them for light and
 * dark). Painting one pixel turns any CSS colour syntax (hex, rgb, oklch, color-mix) into RGB.
 */
export function themeColor(element: Element, name: string, fallback: Rgb): Rgb {
  const text = getComputedStyle(element).getPropertyValue(name).trim();
  if (text === '') return fallback;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (probe === null) return parseColor(text, fallback);
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = `rgb(${fallback.join(',')})`;
  probe.fillStyle = text;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

/** Draws `side` x `side` grey levels (0..255 ink) as ink on paper into a canvas of that size. */
export function drawGrey(canvas: HTMLCanvasElement, pixels: Uint8Array, offset: number, side: number, ink: Rgb, paper: Rgb): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const t = pixels[offset + i] / 255;
    for (let c = 0; c < 3; c++) img.data[i * 4 + c] = Math.round(paper[c] + (ink[c] - paper[c]) * t);
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * Draws signed values on the theme's diverging scale: --gf-train-pos for w > 0, --gf-train-neg for w < 0,
 * the surface colour at 0, full colour at 2.5 RMS. Weights and activations are neither values nor
 * gradients, so they get their own pair, not green/red.
 */
export function drawSigned(canvas: HTMLCanvasElement, values: Float32Array, offset: number, side: number): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const positive = themeColor(canvas, '--gf-train-pos', [37, 99, 235]);
  const negative = themeColor(canvas, '--gf-train-neg', [234, 88, 12]);
  const paper = themeColor(canvas, '--t-surface', [255, 255, 255]);
  // Scaled to 2.5 RMS rather than the largest weight, so a few outliers do not wash the picture out.
  let squares = 0;
  for (let i = 0; i < side * side; i++) squares += values[offset + i] ** 2;
  const scale = 2.5 * Math.sqrt(squares / (side * side)) || 1;
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const v = Math.max(-1, Math.min(1, values[offset + i] / scale));
    const to = v >= 0 ? positive : negative;
    const t = Math.abs(v);
    for (let c = 0; c < 3; c++) img.data[i * 4 + c] = Math.round(paper[c] + (to[c] - paper[c]) * t);
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
