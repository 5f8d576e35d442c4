/** TensorFlow Playground's picture: a 2-input network's decision over the plane as a heat map, with the test points on top. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Boundary } from '../../worker/protocol';
import { themeColor, type Rgb } from './pictures';
import { useTraining } from './store';

/** Canvas pixels per side (the grid is drawn scaled up, the points at full resolution). */
const SIDE = 320;

/** Colours per class: the two diverging training colours first (as the Playground's orange and blue), then a categorical set. */
function classColors(element: Element, classes: number): Rgb[] {
  const negative = themeColor(element, '--gf-train-neg', [234, 88, 12]);
  const positive = themeColor(element, '--gf-train-pos', [37, 99, 235]);
  const more: Rgb[] = [[22, 163, 74], [147, 51, 234], [219, 39, 119], [202, 138, 4], [8, 145, 178], [100, 116, 139], [220, 38, 38], [79, 70, 229]];
  return [negative, positive, ...more].slice(0, Math.max(classes, 2));
}

/** Paints the heat map (each cell the classes' colours mixed by their outputs, fading to paper where the network is unsure) and the points. */
function paint(canvas: HTMLCanvasElement, b: Boundary): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const colors = classColors(canvas, b.classes);
  const paper = themeColor(canvas, '--t-surface', [255, 255, 255]);
  const img = ctx.createImageData(b.size, b.size);
  for (let cell = 0; cell < b.size * b.size; cell++) {
    let total = 0;
    let best = 0;
    for (let k = 0; k < b.classes; k++) {
      const v = Math.max(0, b.outputs[cell * b.classes + k]);
      total += v;
      if (v > b.outputs[cell * b.classes + best]) best = k;
    }
    const mix: Rgb = [0, 0, 0];
    for (let k = 0; k < b.classes; k++) {
      const w = total > 0 ? Math.max(0, b.outputs[cell * b.classes + k]) / total : 1 / b.classes;
      for (let c = 0; c < 3; c++) mix[c] += w * colors[k % colors.length][c];
    }
    // Confidence: 0 when the top share is 1/classes, 1 when it is certain.
    const top = total > 0 ? Math.max(0, b.outputs[cell * b.classes + best]) / total : 1 / b.classes;
    const strength = 0.15 + 0.55 * Math.max(0, (top - 1 / b.classes) / (1 - 1 / b.classes));
    for (let c = 0; c < 3; c++) img.data[cell * 4 + c] = Math.round(paper[c] + (mix[c] - paper[c]) * strength);
    img.data[cell * 4 + 3] = 255;
  }
  const grid = document.createElement('canvas');
  grid.width = b.size;
  grid.height = b.size;
  grid.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.clearRect(0, 0, SIDE, SIDE);
  ctx.drawImage(grid, 0, 0, SIDE, SIDE);
  const { x0, x1, y0, y1 } = b.extent;
  const ink = themeColor(canvas, '--t-fg', [28, 28, 30]);
  for (let i = 0; i < b.labels.length; i++) {
    const px = ((b.points[2 * i] - x0) / (x1 - x0)) * SIDE;
    const py = ((y1 - b.points[2 * i + 1]) / (y1 - y0)) * SIDE;
    const color = colors[b.labels[i] % colors.length];
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${color.join(',')})`;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = `rgb(${ink.join(',')})`;
    ctx.stroke();
  }
}

/** The heat map, redrawn whenever the worker reports new results (a few times a second while training). */
export function DecisionBoundary() {
  const boundary = useTraining((s) => s.results?.boundary ?? null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (canvas.current !== null && boundary !== null) paint(canvas.current, boundary);
  }, [boundary]);
  if (boundary === null) return null;
  return (
    <section className="gf-train-boundary" aria-label={t('training.boundary')}>
      <h3>{t('training.boundary')} <span className="gf-train-dim">{t('training.boundaryNote')}</span></h3>
      <canvas ref={canvas} width={SIDE} height={SIDE} data-testid="decision-boundary" data-points={boundary.labels.length} role="img" aria-label={t('training.boundaryLabel', { classes: boundary.classes, points: boundary.labels.length })} />
    </section>
  );
}
