/**
 * WebAssembly SIMD kernels for the first dense layer over sparse input, where training spends its time.
 * The module is assembled here from bytes (no build step, no fetch) and works on an engine's memory:
 *   fwd(w, nz, nzv, nnz, z, units):  z[j]   += w[nz[k]*units + j] * nzv[k]   for every k < nnz, j < units
 *   bwd(gw, nz, nzv, nnz, g, units): gw[nz[k]*units + j] += g[j] * nzv[k]
 * Pointers are byte offsets; weights are float64, two per f64x2 lane pair, with a scalar tail for odd units.
 */

/** Which kernels run: plain JavaScript in float64, WebAssembly SIMD (float32 for a CNN's training), or SIMD when the platform has it. */
export type Kernel = 'auto' | 'js' | 'simd';

/** The two kernels, bound to one memory. */
export interface SimdKernels {
  memory: WebAssembly.Memory;
  fwd(w: number, nz: number, nzv: number, nnz: number, z: number, units: number): void;
  bwd(gw: number, nz: number, nzv: number, nnz: number, g: number, units: number): void;
}

const leb = (value: number): number[] => {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], end: [0x0b],
  br: (depth: number) => [0x0c, depth], brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, i], set: (i: number) => [0x21, i], tee: (i: number) => [0x22, i],
  i32: (n: number) => [0x41, ...sleb(n)], add: [0x6a], mul: [0x6c], and: [0x71], geS: [0x4e], shl: [0x74],
  i32load: [0x28, 2, 0], f64load: [0x2b, 3, 0], f64store: [0x39, 3, 0], f64add: [0xa0], f64mul: [0xa2],
  vload: [0xfd, 0x00, 3, 0], vstore: [0xfd, 0x0b, 3, 0], splat: [0xfd, 0x14], vadd: [0xfd, ...leb(0xf0)], vmul: [0xfd, ...leb(0xf2)],
};

/**
 * One kernel body. Params: 0 matrix base, 1 nz, 2 nzv, 3 nnz, 4 vector, 5 units. `fwd` accumulates into
 * the vector (vector += column · x), `bwd` into the column (column += vector · x).
 */
function kernel(mode: 'fwd' | 'bwd'): number[] {
  // Locals: 6 k, 7 column address, 8 j (bytes), 9 even end (bytes), 10 column stride (bytes), 11 x, 12 x in both lanes.
  const locals = vec([[5, I32], [1, F64], [1, V128]]);
  const acc = mode === 'fwd' ? 4 : 7;
  const other = mode === 'fwd' ? 7 : 4;
  const code = [
    ...op.get(5), ...op.i32(3), ...op.shl, ...op.set(10),
    ...op.get(5), ...op.i32(-2), ...op.and, ...op.i32(3), ...op.shl, ...op.set(9),
    ...op.i32(0), ...op.set(6),
    ...op.block, ...op.loop,
    ...op.get(6), ...op.get(3), ...op.geS, ...op.brIf(1),
    ...op.get(0), ...op.get(1), ...op.get(6), ...op.i32(2), ...op.shl, ...op.add, ...op.i32load, ...op.get(10), ...op.mul, ...op.add, ...op.set(7),
    ...op.get(2), ...op.get(6), ...op.i32(3), ...op.shl, ...op.add, ...op.f64load, ...op.tee(11), ...op.splat, ...op.set(12),
    ...op.i32(0), ...op.set(8),
    ...op.block, ...op.loop,
    ...op.get(8), ...op.get(9), ...op.geS, ...op.brIf(1),
    ...op.get(acc), ...op.get(8), ...op.add,
    ...op.get(acc), ...op.get(8), ...op.add, ...op.vload,
    ...op.get(other), ...op.get(8), ...op.add, ...op.vload, ...op.get(12), ...op.vmul, ...op.vadd,
    ...op.vstore,
    ...op.get(8), ...op.i32(16), ...op.add, ...op.set(8),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.get(5), ...op.i32(1), ...op.and, ...op.if,
    ...op.get(acc), ...op.get(9), ...op.add,
    ...op.get(acc), ...op.get(9), ...op.add, ...op.f64load,
    ...op.get(other), ...op.get(9), ...op.add, ...op.f64load, ...op.get(11), ...op.f64mul, ...op.f64add,
    ...op.f64store,
    ...op.end,
    ...op.get(6), ...op.i32(1), ...op.add, ...op.set(6),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.end,
  ];
  const body = [...locals, ...code];
  return [...leb(body.length), ...body];
}

/** The module's bytes: imports env.memory, exports fwd and bwd. */
export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = [I32, I32, I32, I32, I32, I32].map((t) => [t]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...vec(params), 0]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0], [0]])),
    ...section(7, vec([[...name('fwd'), 0x00, 0], [...name('bwd'), 0x00, 1]])),
    ...section(10, vec([kernel('fwd'), kernel('bwd')])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly or its SIMD extension is missing. */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = simdModuleBytes();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** True when the SIMD kernels can run here. */
export function simdAvailable(): boolean {
  return simdModule() !== null;
}

/** Instantiates the kernels over a fresh memory of at least `bytes` bytes, or null without SIMD. */
export function createSimdKernels(bytes: number): SimdKernels | null {
  const module = simdModule();
  if (module === null) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as unknown as Pick<SimdKernels, 'fwd' | 'bwd'>;
  return { memory, fwd: exports.fwd, bwd: exports.bwd };
}
