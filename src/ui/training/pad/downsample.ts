/** MNIST-style preprocessing of a drawn digit: crop, fit into 20x20, centre of mass at the centre of 28x28. */

/** Side of an MNIST image. */
export const SIDE = 28;
/** MNIST fits each digit's bounding box into this many pixels before centring. */
const BOX = 20;

/** Ink coverage 0..1 of a `width` x `height` drawing, row-major. */
export interface Ink {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * Turns a drawing into a 28x28 image (row-major, 0..1) the way MNIST was made: the bounding box of the
 * ink is scaled to fit 20x20 (aspect kept, area-averaged), then moved so its centre of mass sits at
 * (14, 14). An empty drawing gives an all-zero image.
 */
export function toMnist(ink: Ink): Float32Array {
  const box = boundingBox(ink);
  const out = new Float32Array(SIDE * SIDE);
  if (box === null) return out;
  const scale = BOX / Math.max(box.w, box.h);
  const tw = Math.max(1, Math.min(BOX, Math.round(box.w * scale)));
  const th = Math.max(1, Math.min(BOX, Math.round(box.h * scale)));
  const small = resample(ink, box, tw, th);
  const left = Math.floor((SIDE - tw) / 2);
  const top = Math.floor((SIDE - th) / 2);
  const [cx, cy] = centreOfMass(small, tw, th);
  // Shift so the centre of mass lands on the middle, without pushing ink out of the frame.
  const dx = clamp(Math.round(SIDE / 2 - (left + cx)), -left, SIDE - tw - left);
  const dy = clamp(Math.round(SIDE / 2 - (top + cy)), -top, SIDE - th - top);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) out[(top + dy + y) * SIDE + left + dx + x] = small[y * tw + x];
  }
  return out;
}

/** The centre of mass of an image in pixel-centre coordinates (pixel i spans [i, i+1)). */
export function centreOfMass(img: Float32Array, width: number, height: number): [number, number] {
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x];
      sum += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return sum > 0 ? [sx / sum, sy / sum] : [width / 2, height / 2];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Smallest rectangle holding every inked pixel, or null when nothing is drawn. */
function boundingBox({ width, height, data }: Ink): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] <= 0.02) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Area-averages the box into tw x th pixels (each target pixel is the mean of the source area it covers). */
function resample(ink: Ink, box: Box, tw: number, th: number): Float32Array {
  const out = new Float32Array(tw * th);
  // Edges as box.y + (ty · h) / th, not running sums of h / th: the last one is then exactly the box's end,
  // where a sum can overshoot by one ulp and read a row past the drawing.
  for (let ty = 0; ty < th; ty++) {
    const sy0 = box.y + (ty * box.h) / th;
    const sy1 = box.y + ((ty + 1) * box.h) / th;
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = box.x + (tx * box.w) / tw;
      const sx1 = box.x + ((tx + 1) * box.w) / tw;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++) {
        const wy = Math.min(y + 1, sy1) - Math.max(y, sy0);
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
          const w = wy * (Math.min(x + 1, sx1) - Math.max(x, sx0));
          sum += w * ink.data[y * ink.width + x];
          area += w;
        }
      }
      out[ty * tw + tx] = area > 0 ? Math.min(1, sum / area) : 0;
    }
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
