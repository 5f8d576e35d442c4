import type { Program } from '../graph/program';

// The two passes over a compiled program, apart from evaluate.ts so that kernel hooks (fused
// gates) can run a subprogram without importing the compiler.

/** Working memory for repeated evaluations of one program (gradient checks, benchmarks). */
export interface Scratch {
  values: Float64Array;
  grads: Float64Array;
  slotValue: Float64Array;
  slotLocalGrad: Float64Array;
  slotGrad: Float64Array;
  /** 1 for the output and every node it depends on. */
  feedsOutput: Uint8Array;
}

/** Allocates working memory for `program`. */
export function createScratch(program: Program): Scratch {
  const n = program.ids.length;
  const slots = program.slotSrc.length;
  const feedsOutput = new Uint8Array(n);
  if (program.output >= 0) {
    feedsOutput[program.output] = 1;
    for (let k = program.rank[program.output]; k >= 0; k--) {
      const i = program.order[k];
      if (!feedsOutput[i]) continue;
      for (let s = program.slotStart[i]; s < program.slotStart[i + 1]; s++) {
        if (program.slotSrc[s] >= 0) feedsOutput[program.slotSrc[s]] = 1;
      }
    }
  }
  return {
    values: new Float64Array(n),
    grads: new Float64Array(n),
    slotValue: new Float64Array(slots),
    slotLocalGrad: new Float64Array(slots),
    slotGrad: new Float64Array(slots),
    feedsOutput,
  };
}

/** Forward pass: every node's value, from `leafValue` (the program's own by default). */
export function runForward(program: Program, scratch: Scratch, leafValue: Float64Array = program.leafValue): void {
  const { order, slotStart, slotSrc, forward, params } = program;
  const { values, slotValue } = scratch;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const f = forward[i];
    if (f === undefined) {
      values[i] = leafValue[i];
      continue;
    }
    const start = slotStart[i];
    const end = slotStart[i + 1];
    const src = slotSrc[start];
    // A one-input node reads its input where it lies; the others get their inputs side by side.
    if (end - start === 1 && src >= 0) {
      values[i] = f(values, src, 1, params[i]);
      continue;
    }
    for (let s = start; s < end; s++) {
      const from = slotSrc[s];
      slotValue[s] = from >= 0 ? values[from] : NaN;
    }
    values[i] = f(slotValue, start, end - start, params[i]);
  }
}

/**
 * Backward pass, reverse mode: seeds the output with 1 and walks the order backwards,
 * each edge carrying localGrad × its target's gradient to its source, summed at fan-out.
 * Nodes the output does not depend on keep gradient 0; their edges carry 0.
 */
export function runBackward(program: Program, scratch: Scratch): void {
  const { order, slotStart, slotSrc, localGrad, params, output } = program;
  const { values, grads, slotValue, slotLocalGrad, slotGrad, feedsOutput } = scratch;
  grads.fill(0);
  slotGrad.fill(0);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const d = localGrad[i];
    if (d === undefined) continue;
    const start = slotStart[i];
    const end = slotStart[i + 1];
    const out = values[i];
    const p = params[i];
    if (i === output) grads[i] = 1;
    const g = grads[i];
    const live = feedsOutput[i] === 1;
    const first = slotSrc[start];
    if (end - start === 1 && first >= 0) {
      // As in the forward pass, a one-input node's input is read in place.
      const local = d(values, first, 1, out, 0, p);
      slotLocalGrad[start] = local;
      if (!live) continue;
      const carried = local * g;
      slotGrad[start] = carried;
      grads[first] += carried;
      continue;
    }
    for (let s = start; s < end; s++) {
      const local = d(slotValue, start, end - start, out, s - start, p);
      slotLocalGrad[s] = local;
      if (!live) continue;
      const carried = local * g;
      slotGrad[s] = carried;
      const src = slotSrc[s];
      if (src >= 0) grads[src] += carried;
    }
  }
  if (output >= 0) grads[output] = 1;
}
