import { CONV_KERNELS_BASE64 } from './convKernels.wasm';
import { backward } from './backward';
import type { Engine } from './engine';
import { forward } from './forward';
import { loss } from './loss';
import type { Kernel } from './simd';
import type { ConvGeometry } from './types';

/*
 * The training path for networks that start with a convolution: the leading run of conv2d, ReLU,
 * max-pool and flatten layers, and the dense layer right after it, run in float32 WebAssembly SIMD
 * (convKernels.wat), images channels-last with the channel count padded to a multiple of 4. The layers
 * after that (softmax, loss, anything else) run in the float64 engine. Weights are copied to float32
 * at the start of each batch and the batch's gradients added to the engine's float64 accumulators at
 * its end, so the optimiser and the network's weights stay float64. Evaluation and backpropBatch keep
 * the float64 kernels that the gradient checks hold to 1e-9; test/conv-f32.test.ts holds this path
 * to the float64 one.
 */

/** The kernels convKernels.wat exports (pointers are byte offsets into the memory). */
interface ConvKernels {
  sparseForward(geo: number, nz: number, nzv: number, nnz: number, wT: number, bias: number, out: number): void;
  sparseBackward(geo: number, nz: number, nzv: number, nnz: number, g: number, gW: number): void;
  biasGradient(g: number, gB: number, positions: number, fp: number): void;
  im2col(geo: number, input: number, patches: number): void;
  matmulBias(patches: number, wT: number, bias: number, out: number, positions: number, depth: number, fp: number): void;
  convBackward(geo: number, patches: number, wF: number, g: number, gW: number, gB: number, gIn: number, scratch: number): void;
  reluForward(input: number, out: number, n: number): void;
  reluBackward(z: number, g: number, gIn: number, n: number): void;
  poolForward(geo: number, input: number, out: number, argmax: number): void;
  poolBackward(g: number, argmax: number, gIn: number, nOut: number, nIn: number): void;
  denseForward(w: number, bias: number, a: number, z: number, units: number, n: number): void;
  denseBackward(w: number, a: number, delta: number, gW: number, gB: number, gIn: number, units: number, n: number): void;
}

/**
 * A layer's float32 output and its gradient: `positions` pixels of `channels` values (padded to a
 * multiple of 4, of which `real` are the layer's), channels last; a dense layer's is 1 × units.
 */
interface Image {
  out: number;
  grad: number;
  positions: number;
  channels: number;
  real: number;
}

/** Weights (float32 layouts), bias and their gradients of a conv2d or dense layer; `param` indexes network.dense. */
interface Params {
  param: number;
  wT: number;
  bias: number;
  gW: number;
  gB: number;
}

/** One layer of the float32 run. */
type Stage =
  | (Image & Params & { kind: 'conv'; first: boolean; geometry: ConvGeometry; geo: number; wF: number; patches: number; depth: number; scratch: number })
  | (Image & Params & { kind: 'dense'; inputs: number; inPositions: number; inChannels: number; inReal: number })
  | (Image & { kind: 'relu' | 'flatten' })
  | (Image & { kind: 'pool'; geo: number; argmax: number });

/** The float32 path of one engine's network. */
export interface ConvF32 {
  /** Layers [0, end) run here; the engine runs the rest. */
  end: number;
  /** Copies the network's float64 weights of layers [0, end) into their float32 layouts (before each batch). */
  loadWeights(): void;
  /** Forward and backward of the engine's loaded sparse input (nz, nzv) for `label`: accumulates gradients, returns the loss. */
  trainSample(label: number): number;
  /** Forward pass only of the engine's loaded sparse input: the engine's outputs (acts) then hold the network's output. */
  forwardSample(): void;
  /** Adds the float32 gradients gathered since the last call to the engine's gW, gB and zeroes them (after each batch). */
  addGradients(): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly SIMD is missing. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = Uint8Array.from(atob(CONV_KERNELS_BASE64), (c) => c.charCodeAt(0));
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** True when the float32 SIMD kernels can run here. */
export function convF32Available(): boolean {
  return kernelModule() !== null;
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** The sparse first layer's float32 tap for float64 tap i = (channel, ky, kx): (channel, ky, kernel − 1 − kx), so a kernel row meets its outputs in one run. */
const reversedTap = (i: number, kernel: number): number => i - 2 * (i % kernel) + kernel - 1;

/**
 * Where float64 weight i of one filter or unit sits in its float32 row: a conv's (channel, ky, kx)
 * becomes (ky, kx, padded channel); a dense layer's channel-major input c·P + p becomes p·cp + c.
 */
function tapOf(s: Extract<Stage, { kind: 'conv' | 'dense' }>, i: number): number {
  if (s.kind === 'dense') {
    const c = (i / s.inPositions) | 0;
    return (i - c * s.inPositions) * s.inChannels + c;
  }
  const kk = s.geometry.kernel * s.geometry.kernel;
  if (s.first) return reversedTap(i, s.geometry.kernel);
  const c = (i / kk) | 0;
  return (i - c * kk) * pad4(s.geometry.channels) + c;
}

/**
 * The float32 path for an engine whose network starts with a conv2d, or null (another first layer,
 * kernel 'js', or no WebAssembly SIMD under 'auto'; 'simd' without it throws).
 */
export function createConvF32(e: Engine, kernel: Kernel = 'auto'): ConvF32 | null {
  const { layers } = e;
  if (kernel === 'js' || layers[0]?.kind !== 'conv2d') return null;
  const module = kernelModule();
  if (module === null) {
    if (kernel === 'simd') throw new Error('WebAssembly SIMD is not available here');
    return null;
  }

  // Lay out every buffer in one memory, 16-byte aligned; the kernels then run on byte offsets.
  let top = 0;
  const alloc = (floats: number): number => {
    const at = top;
    top += Math.ceil((floats * 4) / 16) * 16;
    return at;
  };
  const geometries: [number, number[]][] = [];
  const inputSize = e.network.spec.inputSize;
  const nz = alloc(inputSize);
  const nzv = alloc(inputSize);
  const stages: Stage[] = [];
  let end = 0;
  for (; end < layers.length; end++) {
    const layer = layers[end];
    const below = stages[stages.length - 1];
    const param = e.denseOf[end];
    if (layer.kind === 'conv2d') {
      const g = layer.geometry;
      const fp = pad4(g.filters);
      const first = end === 0;
      // Taps per filter: (channel, ky, kx) on the sparse first layer, (ky, kx, padded channel) elsewhere.
      const depth = first ? g.channels * g.kernel * g.kernel : g.kernel * g.kernel * pad4(g.channels);
      const positions = g.outHeight * g.outWidth;
      // matmulBias works in blocks of 4 rows: room for the last block's extra rows.
      const rows = pad4(positions);
      const geo = alloc(10);
      geometries.push([geo, [pad4(g.channels), g.height, g.width, fp, g.kernel, g.stride, g.padTop, g.padLeft, g.outHeight, g.outWidth]]);
      stages.push({
        kind: 'conv', param, first, geometry: g, geo, depth,
        wT: alloc(depth * fp), wF: first ? 0 : alloc(fp * depth), bias: alloc(fp), gW: alloc(depth * fp), gB: alloc(fp),
        patches: first ? 0 : alloc(rows * depth), scratch: first ? 0 : alloc(2 * fp * (positions + 1) + fp), out: alloc(rows * fp), grad: alloc(rows * fp), positions, channels: fp, real: g.filters,
      });
    } else if (layer.kind === 'maxpool') {
      const g = layer.geometry;
      const cp = below.channels;
      const geo = alloc(10);
      geometries.push([geo, [cp, g.height, g.width, cp, g.size, g.stride, 0, 0, g.outHeight, g.outWidth]]);
      const positions = g.outHeight * g.outWidth;
      stages.push({ kind: 'pool', geo, argmax: alloc(positions * cp), out: alloc(positions * cp), grad: alloc(positions * cp), positions, channels: cp, real: below.real });
    } else if (layer.kind === 'activation' && layer.activation === 'relu') {
      const n = below.positions * below.channels;
      stages.push({ kind: 'relu', out: alloc(n), grad: alloc(n), positions: below.positions, channels: below.channels, real: below.real });
    } else if (layer.kind === 'flatten') {
      // Channels-last stays as it is: a dense layer after it reads its weights in that order.
      stages.push({ kind: 'flatten', out: below.out, grad: below.grad, positions: below.positions, channels: below.channels, real: below.real });
    } else if (layer.kind === 'dense') {
      const inputs = below.positions * below.channels;
      stages.push({
        kind: 'dense', param, inputs, inPositions: below.positions, inChannels: below.channels, inReal: below.real,
        wT: alloc(layer.units * inputs), bias: alloc(layer.units), gW: alloc(layer.units * inputs), gB: alloc(layer.units),
        out: alloc(layer.units), grad: alloc(layer.units), positions: 1, channels: layer.units, real: layer.units,
      });
      end++;
      break;
    } else break;
  }
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(top / 65536)) });
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ConvKernels;
  const f32 = new Float32Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  for (const [geo, fields] of geometries) i32.set(fields, geo >> 2);
  const last = stages[stages.length - 1];
  const withParams = stages.filter((s): s is Extract<Stage, { kind: 'conv' | 'dense' }> => s.kind === 'conv' || s.kind === 'dense');
  const rowLength = (s: Extract<Stage, { kind: 'conv' | 'dense' }>): number => (s.kind === 'conv' ? s.depth : s.inputs);

  /** Channels-last float32 (padded) to the engine's channel-major float64, or back. */
  const handOver = (toEngine: boolean): void => {
    const P = last.positions;
    const cp = last.channels;
    const base = (toEngine ? last.out : last.grad) >> 2;
    const values = toEngine ? e.acts[end] : e.grads[end];
    for (let c = 0; c < last.real; c++) {
      for (let p = 0; p < P; p++) {
        if (toEngine) values[c * P + p] = f32[base + p * cp + c];
        else f32[base + p * cp + c] = values[c * P + p];
      }
    }
  };

  /** The float32 layers' forward pass on the engine's sparse input, then the engine's; returns the input's non-zero count. */
  const forwardSample = (): number => {
    const count = e.nnz;
    for (let q = 0; q < count; q++) {
      i32[(nz >> 2) + q] = e.nz[e.nz0 + q];
      f32[(nzv >> 2) + q] = e.nzv[e.nz0 + q];
    }
    let input = 0;
    for (const s of stages) {
      switch (s.kind) {
        case 'conv':
          if (s.first) k.sparseForward(s.geo, nz, nzv, count, s.wT, s.bias, s.out);
          else {
            k.im2col(s.geo, input, s.patches);
            k.matmulBias(s.patches, s.wT, s.bias, s.out, s.positions, s.depth, s.channels);
          }
          break;
        case 'relu':
          k.reluForward(input, s.out, s.positions * s.channels);
          break;
        case 'pool':
          k.poolForward(s.geo, input, s.out, s.argmax);
          break;
        case 'dense':
          k.denseForward(s.wT, s.bias, input, s.out, s.channels, s.inputs);
          break;
        case 'flatten':
          break;
      }
      input = s.out;
    }
    handOver(true);
    forward(e, end);
    return count;
  };

  // Where each float64 weight f·n + i goes among the float32 ones (float indices), worked out once:
  // weights[k] → f32[weightAt[k]] (and f32[filterAt[k]], the [filter][tap] copy convBackward reads), and
  // its gradient comes back from f32[gradientAt[k]]. Padding stays zero: nothing maps there.
  const maps = withParams.map((s) => {
    const d = e.network.dense[s.param];
    const n = d.inputSize;
    const length = rowLength(s);
    const rows = s.channels;
    const weightAt = new Int32Array(d.units * n);
    const wF = s.kind === 'conv' && !s.first ? s.wF >> 2 : -1;
    const filterAt = wF >= 0 ? new Int32Array(d.units * n) : null;
    const gradientAt = new Int32Array(d.units * n);
    for (let f = 0; f < d.units; f++) {
      for (let i = 0; i < n; i++) {
        const t = tapOf(s, i);
        // The first conv keeps [tap][filter] for its weights and their gradient; a dense layer
        // [unit][input]; other convs [tap][filter] for matmulBias and [filter][tap] for the rest.
        const byUnit = f * length + t;
        const byTap = t * rows + f;
        weightAt[f * n + i] = (s.wT >> 2) + (s.kind === 'dense' ? byUnit : byTap);
        if (filterAt) filterAt[f * n + i] = wF + byUnit;
        gradientAt[f * n + i] = (s.gW >> 2) + (s.kind === 'conv' && s.first ? byTap : byUnit);
      }
    }
    return { s, weightAt, filterAt, gradientAt, gradientFloats: length * rows };
  });

  return {
    end,
    loadWeights() {
      for (const { s, weightAt, filterAt } of maps) {
        const { weights, biases } = e.network.dense[s.param];
        for (let k = 0; k < weights.length; k++) f32[weightAt[k]] = weights[k];
        if (filterAt) for (let k = 0; k < weights.length; k++) f32[filterAt[k]] = weights[k];
        f32.set(biases, s.bias >> 2);
      }
    },
    forwardSample,
    trainSample(label) {
      const count = forwardSample();
      const cost = loss(e, label, true);
      backward(e, undefined, 0, end);
      handOver(false);
      for (let j = stages.length - 1; j >= 0; j--) {
        const s = stages[j];
        const below = j > 0 ? stages[j - 1] : null;
        switch (s.kind) {
          case 'conv':
            if (s.first) {
              k.sparseBackward(s.geo, nz, nzv, count, s.grad, s.gW);
              k.biasGradient(s.grad, s.gB, s.positions, s.channels);
            } else k.convBackward(s.geo, s.patches, s.wF, s.grad, s.gW, s.gB, below ? below.grad : 0, s.scratch);
            break;
          case 'dense':
            k.denseBackward(s.wT, below ? below.out : 0, s.grad, s.gW, s.gB, below ? below.grad : 0, s.channels, s.inputs);
            break;
          case 'relu':
            if (below) k.reluBackward(below.out, s.grad, below.grad, s.positions * s.channels);
            break;
          case 'pool':
            if (below) k.poolBackward(s.grad, s.argmax, below.grad, s.positions * s.channels, below.positions * below.channels);
            break;
          case 'flatten':
            break;
        }
      }
      return cost;
    },
    addGradients() {
      for (const { s, gradientAt, gradientFloats } of maps) {
        const gW = e.gW[s.param];
        const gB = e.gB[s.param];
        for (let k = 0; k < gW.length; k++) gW[k] += f32[gradientAt[k]];
        const bias = s.gB >> 2;
        for (let f = 0; f < gB.length; f++) gB[f] += f32[bias + f];
        f32.fill(0, s.gW >> 2, (s.gW >> 2) + gradientFloats);
        f32.fill(0, bias, bias + gB.length);
      }
    },
  };
}
