import { reason, type Who } from '../graph/errors';
import type { Params } from '../ops/types';
import type { ConvGeometry, Dims, PoolGeometry } from './types';

/** Why a layer's geometry does not fit, after the layer's name: its English words and its Reason. */
export type GeometryRefusal = Who;

const refusal = (text: string, id: string, params: Record<string, string | number>): GeometryRefusal => ({ text, reason: reason(`geometry.${id}`, params) });

/** A whole-number parameter >= 1, its default when absent, or why not. */
function whole(params: Params, name: string, fallback: number): number | GeometryRefusal {
  const raw = params[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
    return refusal(`needs a whole number ${name} >= 1, got ${JSON.stringify(raw)}`, 'whole', { name, value: String(JSON.stringify(raw)) });
  }
  return raw;
}

/**
 * A convolution's geometry over an input of shape [channels, height, width], or why it does not fit.
 * "valid": out = floor((in − k) / stride) + 1; "same": out = ceil(in / stride), padded with zeros,
 * the odd row or column of padding below and right (as TensorFlow).
 */
export function convGeometry(input: Dims, params: Params): ConvGeometry | GeometryRefusal {
  const [channels, height, width] = input;
  const filters = whole(params, 'filters', 8);
  const kernel = whole(params, 'kernel', 5);
  const stride = whole(params, 'stride', 1);
  for (const v of [filters, kernel, stride]) if (typeof v !== 'number') return v;
  const f = filters as number;
  const k = kernel as number;
  const s = stride as number;
  const padding = params.padding ?? 'valid';
  if (padding !== 'valid' && padding !== 'same') return refusal(`has unknown padding ${JSON.stringify(padding)} (valid or same)`, 'padding', { padding: String(JSON.stringify(padding)) });
  if (padding === 'valid') {
    if (k > height || k > width) return refusal(`has a ${k}x${k} kernel, larger than its ${height}x${width} input`, 'kernel', { k, height, width });
    return { channels, height, width, filters: f, kernel: k, stride: s, padTop: 0, padLeft: 0, outHeight: Math.floor((height - k) / s) + 1, outWidth: Math.floor((width - k) / s) + 1 };
  }
  const outHeight = Math.ceil(height / s);
  const outWidth = Math.ceil(width / s);
  const padRows = Math.max(0, (outHeight - 1) * s + k - height);
  const padCols = Math.max(0, (outWidth - 1) * s + k - width);
  return { channels, height, width, filters: f, kernel: k, stride: s, padTop: Math.floor(padRows / 2), padLeft: Math.floor(padCols / 2), outHeight, outWidth };
}

/** Max pooling's geometry over [channels, height, width]: out = floor((in − size) / stride) + 1, or why it does not fit. */
export function poolGeometry(input: Dims, params: Params): PoolGeometry | GeometryRefusal {
  const [channels, height, width] = input;
  const size = whole(params, 'size', 2);
  if (typeof size !== 'number') return size;
  const stride = whole(params, 'stride', size);
  if (typeof stride !== 'number') return stride;
  if (size > height || size > width) return refusal(`has a ${size}x${size} window, larger than its ${height}x${width} input`, 'window', { size, height, width });
  return { channels, height, width, size, stride, outHeight: Math.floor((height - size) / stride) + 1, outWidth: Math.floor((width - size) / stride) + 1 };
}
