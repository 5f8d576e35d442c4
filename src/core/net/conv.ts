import type { ConvGeometry, PoolGeometry } from './types';

/*
 * Convolution and max-pooling kernels on one sample, channels first (c, y, x) row-major. Weights are
 * [filter][channel][ky][kx]; output position (oy, ox) reads input (oy·stride + ky − padTop, ox·stride + kx − padLeft),
 * and positions outside the input read zero. The loops run over output columns innermost, with the
 * range of columns whose input lies inside the image worked out once per (ky, kx), so the inner loops
 * carry no bounds test.
 */

/** First output index o with o·stride + offset >= 0, and one past the last with o·stride + offset < size. */
function span(offset: number, stride: number, size: number, outSize: number): [number, number] {
  const from = offset >= 0 ? 0 : Math.ceil(-offset / stride);
  const to = Math.min(outSize, Math.floor((size - 1 - offset) / stride) + 1);
  return [from, Math.max(from, to)];
}

/** out = conv(input, weights) + bias, every output position. */
export function convForward(g: ConvGeometry, input: Float64Array, weights: Float64Array, biases: Float64Array, out: Float64Array): void {
  const { channels, height, width, filters, kernel, stride, padTop, padLeft, outHeight, outWidth } = g;
  const plane = outHeight * outWidth;
  const inPlane = height * width;
  for (let f = 0; f < filters; f++) {
    const o0 = f * plane;
    const b = biases[f];
    for (let p = 0; p < plane; p++) out[o0 + p] = b;
    for (let c = 0; c < channels; c++) {
      const i0 = c * inPlane;
      const w0 = (f * channels + c) * kernel * kernel;
      for (let ky = 0; ky < kernel; ky++) {
        const [y0, y1] = span(ky - padTop, stride, height, outHeight);
        for (let kx = 0; kx < kernel; kx++) {
          const w = weights[w0 + ky * kernel + kx];
          if (w === 0) continue;
          const [x0, x1] = span(kx - padLeft, stride, width, outWidth);
          for (let oy = y0; oy < y1; oy++) {
            const orow = o0 + oy * outWidth;
            let at = i0 + (oy * stride + ky - padTop) * width + x0 * stride + kx - padLeft;
            for (let ox = x0; ox < x1; ox++, at += stride) out[orow + ox] += w * input[at];
          }
        }
      }
    }
  }
}

/**
 * Backward through a convolution given dC/d(out) in `gradOut`: adds dC/dW to gW and dC/db to gB and,
 * when gradIn is given, writes dC/d(input) there (a full correlation with the flipped kernels).
 */
export function convBackward(
  g: ConvGeometry,
  input: Float64Array,
  weights: Float64Array,
  gradOut: Float64Array,
  gW: Float64Array,
  gB: Float64Array,
  gradIn: Float64Array | null,
): void {
  const { channels, height, width, filters, kernel, stride, padTop, padLeft, outHeight, outWidth } = g;
  const plane = outHeight * outWidth;
  const inPlane = height * width;
  if (gradIn) gradIn.fill(0, 0, channels * inPlane);
  for (let f = 0; f < filters; f++) {
    const o0 = f * plane;
    let bias = 0;
    for (let p = 0; p < plane; p++) bias += gradOut[o0 + p];
    gB[f] += bias;
    for (let c = 0; c < channels; c++) {
      const i0 = c * inPlane;
      const w0 = (f * channels + c) * kernel * kernel;
      for (let ky = 0; ky < kernel; ky++) {
        const [y0, y1] = span(ky - padTop, stride, height, outHeight);
        for (let kx = 0; kx < kernel; kx++) {
          const [x0, x1] = span(kx - padLeft, stride, width, outWidth);
          const w = weights[w0 + ky * kernel + kx];
          let sum = 0;
          for (let oy = y0; oy < y1; oy++) {
            const orow = o0 + oy * outWidth;
            let at = i0 + (oy * stride + ky - padTop) * width + x0 * stride + kx - padLeft;
            if (gradIn) {
              for (let ox = x0; ox < x1; ox++, at += stride) {
                const d = gradOut[orow + ox];
                sum += d * input[at];
                gradIn[at] += w * d;
              }
            } else {
              for (let ox = x0; ox < x1; ox++, at += stride) sum += gradOut[orow + ox] * input[at];
            }
          }
          gW[w0 + ky * kernel + kx] += sum;
        }
      }
    }
  }
}

/**
 * Forward for a first layer over a sparse input (pixel positions nz[from … from+count], values nzv):
 * each non-zero pixel adds its value times the kernel to the outputs that see it. MNIST digits are 81% zeros.
 */
export function convForwardSparse(
  g: ConvGeometry,
  nz: Int32Array,
  nzv: Float64Array,
  from: number,
  count: number,
  weights: Float64Array,
  biases: Float64Array,
  out: Float64Array,
): void {
  const { channels, height, width, filters, kernel, stride, padTop, padLeft, outHeight, outWidth } = g;
  const plane = outHeight * outWidth;
  const kk = kernel * kernel;
  for (let f = 0; f < filters; f++) out.fill(biases[f], f * plane, (f + 1) * plane);
  const inPlane = height * width;
  for (let q = from; q < from + count; q++) {
    const p = nz[q];
    const v = nzv[q];
    const c = (p / inPlane) | 0;
    const rest = p - c * inPlane;
    const iy = (rest / width) | 0;
    const ix = rest - iy * width;
    for (let ky = 0; ky < kernel; ky++) {
      const ty = iy + padTop - ky;
      if (ty < 0 || ty % stride !== 0) continue;
      const oy = ty / stride;
      if (oy >= outHeight) continue;
      for (let kx = 0; kx < kernel; kx++) {
        const tx = ix + padLeft - kx;
        if (tx < 0 || tx % stride !== 0) continue;
        const ox = tx / stride;
        if (ox >= outWidth) continue;
        const o = oy * outWidth + ox;
        const w = (c * kernel + ky) * kernel + kx;
        for (let f = 0; f < filters; f++) out[f * plane + o] += weights[f * channels * kk + w] * v;
      }
    }
  }
}

/** Backward of convForwardSparse: adds dC/dW (only from non-zero pixels) and dC/db; nothing is passed down. */
export function convBackwardSparse(
  g: ConvGeometry,
  nz: Int32Array,
  nzv: Float64Array,
  from: number,
  count: number,
  gradOut: Float64Array,
  gW: Float64Array,
  gB: Float64Array,
): void {
  const { channels, height, width, filters, kernel, stride, padTop, padLeft, outHeight, outWidth } = g;
  const plane = outHeight * outWidth;
  const kk = kernel * kernel;
  for (let f = 0; f < filters; f++) {
    let bias = 0;
    for (let p = f * plane; p < (f + 1) * plane; p++) bias += gradOut[p];
    gB[f] += bias;
  }
  const inPlane = height * width;
  for (let q = from; q < from + count; q++) {
    const p = nz[q];
    const v = nzv[q];
    const c = (p / inPlane) | 0;
    const rest = p - c * inPlane;
    const iy = (rest / width) | 0;
    const ix = rest - iy * width;
    for (let ky = 0; ky < kernel; ky++) {
      const ty = iy + padTop - ky;
      if (ty < 0 || ty % stride !== 0) continue;
      const oy = ty / stride;
      if (oy >= outHeight) continue;
      for (let kx = 0; kx < kernel; kx++) {
        const tx = ix + padLeft - kx;
        if (tx < 0 || tx % stride !== 0) continue;
        const ox = tx / stride;
        if (ox >= outWidth) continue;
        const o = oy * outWidth + ox;
        const w = (c * kernel + ky) * kernel + kx;
        for (let f = 0; f < filters; f++) gW[f * channels * kk + w] += gradOut[f * plane + o] * v;
      }
    }
  }
}

/**
 * Max pooling: out = the largest value of each window; `argmax` keeps where it was, the first in
 * row-major order on a tie (as the scalar `max` gives a tie to its first input), for the backward pass.
 */
export function poolForward(g: PoolGeometry, input: Float64Array, out: Float64Array, argmax: Int32Array): void {
  const { channels, height, width, size, stride, outHeight, outWidth } = g;
  let o = 0;
  for (let c = 0; c < channels; c++) {
    const i0 = c * height * width;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++, o++) {
        let best = i0 + oy * stride * width + ox * stride;
        let max = input[best];
        for (let ky = 0; ky < size; ky++) {
          const row = i0 + (oy * stride + ky) * width + ox * stride;
          for (let kx = 0; kx < size; kx++) {
            const v = input[row + kx];
            if (v > max) {
              max = v;
              best = row + kx;
            }
          }
        }
        out[o] = max;
        argmax[o] = best;
      }
    }
  }
}

/** Backward of max pooling: each window's gradient goes to the position that won it. */
export function poolBackward(inputSize: number, gradOut: Float64Array, argmax: Int32Array, outSize: number, gradIn: Float64Array): void {
  gradIn.fill(0, 0, inputSize);
  for (let o = 0; o < outSize; o++) gradIn[argmax[o]] += gradOut[o];
}

/**
 * Copies every patch of the input into rows of `patches` ([position][channel·kernel²], zeros where a
 * patch hangs over the edge), so a convolution becomes dot products of contiguous rows (im2col).
 */
export function im2col(g: ConvGeometry, input: Float64Array, patches: Float64Array): void {
  const { channels, height, width, kernel, stride, padTop, padLeft, outHeight, outWidth } = g;
  const fanIn = channels * kernel * kernel;
  let row = 0;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++, row += fanIn) {
      let at = row;
      for (let c = 0; c < channels; c++) {
        const i0 = c * height * width;
        for (let ky = 0; ky < kernel; ky++) {
          const iy = oy * stride + ky - padTop;
          if (iy < 0 || iy >= height) {
            patches.fill(0, at, at + kernel);
            at += kernel;
            continue;
          }
          const base = i0 + iy * width;
          for (let kx = 0; kx < kernel; kx++, at++) {
            const ix = ox * stride + kx - padLeft;
            patches[at] = ix >= 0 && ix < width ? input[base + ix] : 0;
          }
        }
      }
    }
  }
}

/** out[f][p] = b[f] + W[f] · patches[p]: the convolution as dot products over im2col rows (four at a time). */
export function convForwardPatches(g: ConvGeometry, patches: Float64Array, weights: Float64Array, biases: Float64Array, out: Float64Array): void {
  const fanIn = g.channels * g.kernel * g.kernel;
  const plane = g.outHeight * g.outWidth;
  for (let f = 0; f < g.filters; f++) {
    const w0 = f * fanIn;
    const o0 = f * plane;
    const b = biases[f];
    for (let p = 0; p < plane; p++) {
      const r = p * fanIn;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let i = 0;
      for (; i + 3 < fanIn; i += 4) {
        s0 += weights[w0 + i] * patches[r + i];
        s1 += weights[w0 + i + 1] * patches[r + i + 1];
        s2 += weights[w0 + i + 2] * patches[r + i + 2];
        s3 += weights[w0 + i + 3] * patches[r + i + 3];
      }
      for (; i < fanIn; i++) s0 += weights[w0 + i] * patches[r + i];
      out[o0 + p] = b + ((s0 + s1) + (s2 + s3));
    }
  }
}

/**
 * Backward over im2col rows: for every output with a non-zero gradient d (after max pooling most are
 * zero), dW[f] += d · patch and, when passing down, dPatch += d · W[f], folded back into gradIn (col2im).
 */
export function convBackwardPatches(
  g: ConvGeometry,
  patches: Float64Array,
  weights: Float64Array,
  gradOut: Float64Array,
  gW: Float64Array,
  gB: Float64Array,
  gradIn: Float64Array | null,
  gradPatches: Float64Array,
): void {
  const { channels, height, width, kernel, stride, padTop, padLeft, outHeight, outWidth, filters } = g;
  const fanIn = channels * kernel * kernel;
  const plane = outHeight * outWidth;
  if (gradIn) gradPatches.fill(0, 0, plane * fanIn);
  for (let f = 0; f < filters; f++) {
    const w0 = f * fanIn;
    const o0 = f * plane;
    let bias = 0;
    for (let p = 0; p < plane; p++) {
      const d = gradOut[o0 + p];
      if (d === 0) continue;
      bias += d;
      const r = p * fanIn;
      for (let i = 0; i < fanIn; i++) gW[w0 + i] += d * patches[r + i];
      if (gradIn) for (let i = 0; i < fanIn; i++) gradPatches[r + i] += d * weights[w0 + i];
    }
    gB[f] += bias;
  }
  if (!gradIn) return;
  gradIn.fill(0, 0, channels * height * width);
  let row = 0;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++, row += fanIn) {
      let at = row;
      for (let c = 0; c < channels; c++) {
        const i0 = c * height * width;
        for (let ky = 0; ky < kernel; ky++) {
          const iy = oy * stride + ky - padTop;
          if (iy < 0 || iy >= height) {
            at += kernel;
            continue;
          }
          const base = i0 + iy * width;
          for (let kx = 0; kx < kernel; kx++, at++) {
            const ix = ox * stride + kx - padLeft;
            if (ix >= 0 && ix < width) gradIn[base + ix] += gradPatches[at];
          }
        }
      }
    }
  }
}
