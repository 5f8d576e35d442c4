import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centreOfMass, SIDE, toMnist, type Ink } from '../src/ui/training/pad/downsample';

/** A blank drawing with filled rectangles [x, y, w, h]. */
function drawing(width: number, height: number, rects: [number, number, number, number][]): Ink {
  const data = new Float32Array(width * height);
  for (const [x0, y0, w, h] of rects) {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * width + x] = 1;
  }
  return { width, height, data };
}

function inkEdges(img: Float32Array): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = SIDE, y0 = SIDE, x1 = -1, y1 = -1;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      if (img[y * SIDE + x] <= 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  return { x0, y0, x1, y1 };
}

function inkBox(img: Float32Array): { w: number; h: number } {
  const { x0, y0, x1, y1 } = inkEdges(img);
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

describe('drawing pad preprocessing (MNIST style)', () => {
  it('gives an all-zero image for an empty drawing', () => {
    const out = toMnist(drawing(280, 280, []));
    expect(out.length).toBe(784);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('fits a tall stroke drawn in a corner into a 20-pixel-high box centred by mass', () => {
    // A 40 x 160 bar in the top-left corner of a 280 x 280 pad: height 160 -> 20, width 40 -> 5.
    const out = toMnist(drawing(280, 280, [[10, 10, 40, 160]]));
    expect(inkBox(out)).toEqual({ w: 5, h: 20 });
    const [cx, cy] = centreOfMass(out, SIDE, SIDE);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    // Uniform ink stays uniform: the area average of a solid bar is 1 everywhere inside it.
    expect(Math.max(...out)).toBeCloseTo(1, 6);
  });

  it('moves the centre of mass, not the box centre, to the middle', () => {
    // An L: a heavy horizontal foot pulls the mass down, so the box sits above the middle.
    const out = toMnist(drawing(200, 200, [[0, 0, 20, 200], [0, 180, 120, 20]]));
    const [, cy] = centreOfMass(out, SIDE, SIDE);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    let firstRow = SIDE;
    for (let i = 0; i < out.length; i++) if (out[i] > 0) { firstRow = Math.floor(i / SIDE); break; }
    expect(firstRow).toBeLessThan(4); // the box (20 high) starts higher than the plain centring would put it
  });

  it('reads no row or column past the drawing: a 103-row box gives 20 finite rows, the last one inked', () => {
    const out = toMnist(drawing(120, 120, [[0, 90, 1, 30], [0, 17, 1, 1]]));
    expect(out.every(Number.isFinite)).toBe(true);
    expect(inkBox(out).h).toBe(20);
  });

  it('scales a tiny dot up to the 20x20 box', () => {
    const out = toMnist(drawing(100, 100, [[50, 50, 2, 2]]));
    expect(inkBox(out)).toEqual({ w: 20, h: 20 });
  });

  it('keeps the largest side at 20 pixels, the ink inside the frame and its mass near the centre (random rectangles)', () => {
    const rect = fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }));
    fc.assert(fc.property(fc.array(rect, { minLength: 1, maxLength: 4 }), (rects) => {
      const out = toMnist(drawing(120, 120, rects));
      const box = inkBox(out);
      expect(Math.max(box.w, box.h)).toBe(20);
      expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      const [cx, cy] = centreOfMass(out, SIDE, SIDE);
      // Rounding to whole pixels leaves at most half a pixel, unless the shift stopped at the frame's edge.
      const edges = inkEdges(out);
      if (Math.abs(cx - 14) > 0.5) expect(cx < 14 ? edges.x1 : edges.x0).toBe(cx < 14 ? SIDE - 1 : 0);
      if (Math.abs(cy - 14) > 0.5) expect(cy < 14 ? edges.y1 : edges.y0).toBe(cy < 14 ? SIDE - 1 : 0);
    }), {
      numRuns: 200,
      // A tall thin drawing whose last row edge, summed as 19 · (103 / 20) + 103 / 20, came out one ulp past the drawing.
      examples: [[[[0, 90, 1, 30], [0, 17, 1, 1]]]],
    });
  });
});
