/** Paints a 2-D loss map on a canvas: heat, contour lines, axes, colour legend, the current point and a path. */
import { fmtTick } from '../format';
import { t } from '../i18n';
import { colourScale, contourLevels, contourSegments, viridis } from './contours';

/** What a heat map shows. */
export interface HeatMapData {
  alphas: Float64Array;
  betas: Float64Array;
  /** grid[j * alphas.length + i] at (alphas[i], betas[j]). */
  grid: Float64Array;
  min: number;
  max: number;
  /** An optimiser's path projected onto the plane. */
  path: { alphas: Float64Array; betas: Float64Array } | null;
}

/** Colours read from the page's theme. */
export interface HeatMapTheme {
  text: string;
  muted: string;
  background: string;
  path: string;
}

const MARGIN = { left: 46, right: 78, top: 12, bottom: 40 };
const CONTOURS = 10;


/** Draws the map into a canvas of `width` × `height` CSS pixels (the canvas is already sized for the device). */
export function drawHeatMap(ctx: CanvasRenderingContext2D, width: number, height: number, data: HeatMapData, theme: HeatMapTheme): void {
  const { alphas, betas, grid } = data;
  const nx = alphas.length;
  const ny = betas.length;
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const left = MARGIN.left;
  const top = MARGIN.top;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  const scale = colourScale(data.min, data.max);

  // Heat: one pixel per grid point, scaled up smoothly; β grows upwards.
  const cells = new ImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const f = scale.at(grid[j * nx + i]);
      const [r, g, b] = Number.isNaN(f) ? [150, 150, 150] : viridis(f);
      const p = ((ny - 1 - j) * nx + i) * 4;
      cells.data[p] = r;
      cells.data[p + 1] = g;
      cells.data[p + 2] = b;
      cells.data[p + 3] = 255;
    }
  }
  const tile = document.createElement('canvas');
  tile.width = nx;
  tile.height = ny;
  tile.getContext('2d')!.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tile, left, top, w, h);

  // Grid point (i, j), fractional, to canvas coordinates: point centres sit at the middle of their pixel.
  const X = (i: number): number => left + ((i + 0.5) * w) / nx;
  const Y = (j: number): number => top + h - ((j + 0.5) * h) / ny;
  const aX = (a: number): number => X(((a - alphas[0]) / (alphas[nx - 1] - alphas[0])) * (nx - 1));
  const bY = (b: number): number => Y(((b - betas[0]) / (betas[ny - 1] - betas[0])) * (ny - 1));

  // Contour lines.
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, w, h);
  ctx.clip();
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(255,255,255,0.55)';
  ctx.beginPath();
  for (const level of contourLevels(scale, CONTOURS)) {
    const s = contourSegments(grid, nx, ny, level);
    for (let k = 0; k < s.length; k += 4) {
      ctx.moveTo(X(s[k]), Y(s[k + 1]));
      ctx.lineTo(X(s[k + 2]), Y(s[k + 3]));
    }
  }
  ctx.stroke();

  // The optimiser's path, clipped to the map.
  if (data.path !== null && data.path.alphas.length > 0) {
    const { alphas: pa, betas: pb } = data.path;
    ctx.strokeStyle = theme.path;
    ctx.fillStyle = theme.path;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let k = 0; k < pa.length; k++) {
      if (k === 0) ctx.moveTo(aX(pa[k]), bY(pb[k]));
      else ctx.lineTo(aX(pa[k]), bY(pb[k]));
    }
    ctx.stroke();
    for (let k = 0; k < pa.length; k++) {
      ctx.beginPath();
      ctx.arc(aX(pa[k]), bY(pb[k]), k === pa.length - 1 ? 4 : 2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();

  // The current point W (a = b = 0).
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#fff';
  ctx.beginPath();
  ctx.arc(aX(0), bY(0), 5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#fff';
  ctx.fillText('W', aX(0) + 7, bY(0) - 6);

  // Axes: five ticks each, and their titles.
  ctx.strokeStyle = theme.muted;
  ctx.fillStyle = theme.text;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, w, h);
  ctx.font = '11px system-ui, sans-serif';
  for (let k = 0; k <= 4; k++) {
    const a = alphas[0] + ((alphas[nx - 1] - alphas[0]) * k) / 4;
    const b = betas[0] + ((betas[ny - 1] - betas[0]) * k) / 4;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(fmtTick(a), aX(a), top + h + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(fmtTick(b), left - 5, bY(b));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(t('landscape.axisAlpha'), left + w / 2, height - 2);
  ctx.save();
  ctx.translate(12, top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(t('landscape.axisBeta'), 0, 0);
  ctx.restore();

  // Colour legend: a bar from low (bottom) to high (top) with five labels.
  const barX = left + w + 14;
  const barW = 12;
  for (let y = 0; y < h; y++) {
    const [r, g, b] = viridis(1 - y / (h - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(barX, top + y, barW, 1);
  }
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(barX, top, barW, h);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (let k = 0; k <= 4; k++) ctx.fillText(fmtTick(scale.value(k / 4)), barX + barW + 4, top + h - (h * k) / 4);
  ctx.textBaseline = 'bottom';
  ctx.fillText(scale.kind === 'log' ? t('landscape.legendLog') : 'L', barX, top - 1 < 10 ? 10 : top - 1);
}
