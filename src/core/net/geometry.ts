import type { Params } from '../ops/types';
import type { ConvGeometry, Dims, PoolGeometry } from './types';

/** A whole-number parameter >= 1, its default when absent, or an error message. */
function whole(params: Params, name: string, fallback: number): number | string {
  const raw = params[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) return `needs a whole number ${name} >= 1, got ${JSON.stringify(raw)}`;
  return raw;
}

/**
 * A convolution's geometry over an input of shape [channels, height, width], or why it does not fit.
 * "valid": out = floor((in − k) / stride) + 1; "same": out = ceil(in / stride), padded with zeros,
 * the odd row or column of padding below and right (as TensorFlow).
 */
export function convGeometry(input: Dims, params: Params): ConvGeometry | string {
  const [channels, height, width] = input;
  const filters = whole(params, 'filters', 8);
  const kernel = whole(params, 'kernel', 5);
  const stride = whole(params, 'stride', 1);
  for (const v of [filters, kernel, stride]) if (typeof v === 'string') return v;
  const f = filters as number;
  const k = kernel as number;
  const s = stride as number;
  const padding = params.padding ?? 'valid';
  if (padding !== 'valid' && padding !== 'same') return `has unknown padding ${JSON.stringify(padding)} (valid or same)`;
  if (padding === 'valid') {
    if (k > height || k > width) return `has a ${k}x${k} kernel, larger than its ${height}x${width} input`;
    return { channels, height, width, filters: f, kernel: k, stride: s, padTop: 0, padLeft: 0, outHeight: Math.floor((height - k) / s) + 1, outWidth: Math.floor((width - k) / s) + 1 };
  }
  const outHeight = Math.ceil(height / s);
  const outWidth = Math.ceil(width / s);
  const padRows = Math.max(0, (outHeight - 1) * s + k - height);
  const padCols = Math.max(0, (outWidth - 1) * s + k - width);
  return { channels, height, width, filters: f, kernel: k, stride: s, padTop: Math.floor(padRows / 2), padLeft: Math.floor(padCols / 2), outHeight, outWidth };
}

/** Max pooling's geometry over [channels, height, width]: out = floor((in − size) / stride) + 1, or why it does not fit. */
export function poolGeometry(input: Dims, params: Params): PoolGeometry | string {
  const [channels, height, width] = input;
  const size = whole(params, 'size', 2);
  if (typeof size === 'string') return size;
  const stride = whole(params, 'stride', size);
  if (typeof stride === 'string') return stride;
  if (size > height || size > width) return `has a ${size}x${size} window, larger than its ${height}x${width} input`;
  return { channels, height, width, size, stride, outHeight: Math.floor((height - size) / stride) + 1, outWidth: Math.floor((width - size) / stride) + 1 };
}
