import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseGraph, serializeGraph, type Graph } from '../src/core';
import { alignCurves, clippedRange } from '../src/ui/lecture/align';
import { colourScale, contourLevels, contourSegments, viridis } from '../src/ui/lecture/contours';
import { expandedGraph, whyNotExpandable } from '../src/ui/lecture/expand';
import { fuseSelection, gateLabel } from '../src/ui/lecture/fuse';
import { unfuseGate } from '../src/core/graph/fuse';
import { leftPaddingPx, sidePaddingPx } from '../src/ui/lecture/badgeFit';
import { checkGraph } from '../src/ui/lecture/gradCheck';
import { parseRates, problemSource, wholeIn } from '../src/ui/lecture/source';
import { graphFingerprint } from '../src/core/graph/fingerprint';
import { strategySeries, sweepSeries } from '../src/ui/lecture/strategyCurves';
import { compileLayered } from '../src/worker/lectureData';
import { chain } from './helpers/graphs';

const example = (name: string): Graph => parseGraph(readFileSync(`public/examples/${name}.json`, 'utf8'));

describe('contour lines (marching squares)', () => {
  it('the level set of a cone is a ring at the right radius', () => {
    const n = 41;
    const grid = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grid[j * n + i] = Math.hypot(i - 20, j - 20);
    const s = contourSegments(grid, n, n, 10);
    expect(s.length).toBeGreaterThan(4 * 40);
    // The cone is linear along rays, so linear interpolation along cell edges lands close to the circle.
    for (let k = 0; k < s.length; k += 2) expect(Math.abs(Math.hypot(s[k] - 20, s[k + 1] - 20) - 10)).toBeLessThan(0.08);
  });

  it('every segment end lies on a cell edge where the bilinear plane crosses the level exactly (fast-check)', () => {
    fc.assert(fc.property(
      fc.float({ min: -3, max: 3, noNaN: true }), fc.float({ min: -3, max: 3, noNaN: true }), fc.float({ min: -2, max: 2, noNaN: true }),
      (a, b, level) => {
        // A plane: linear interpolation along edges is exact.
        const n = 9;
        const f = (i: number, j: number): number => a * (i - 4) / 4 + b * (j - 4) / 4;
        const grid = new Float64Array(n * n);
        for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grid[j * n + i] = f(i, j);
        const s = contourSegments(grid, n, n, level);
        for (let k = 0; k < s.length; k += 2) expect(f(s[k], s[k + 1])).toBeCloseTo(level, 9);
      },
    ), { numRuns: 200 });
  });

  it('skips cells with non-finite corners and draws nothing for a flat grid', () => {
    const grid = Float64Array.from([0, 1, 2, NaN, 0, 1, 2, 3, 0, 1, 2, 3], (v) => v);
    const s = contourSegments(grid, 4, 3, 2.5);
    // Only the cell (2..3, 1..2) has finite corners that straddle 2.5.
    expect(s).toEqual([2.5, 1, 2.5, 2]);
    expect(contourSegments(new Float64Array(16).fill(1), 4, 4, 1)).toEqual([]);
  });

  it('the colour scale is linear unless the losses span orders of magnitude, and levels lie strictly inside it', () => {
    const lin = colourScale(1, 3);
    expect(lin.kind).toBe('linear');
    expect(lin.at(2)).toBe(0.5);
    expect(lin.at(Infinity)).toBeNaN();
    const log = colourScale(0.01, 100);
    expect(log.kind).toBe('log');
    expect(log.at(1)).toBeCloseTo(0.5, 12);
    expect(log.value(0.5)).toBeCloseTo(1, 12);
    const levels = contourLevels(lin, 3);
    expect(levels).toEqual([1.5, 2, 2.5]);
    expect(contourLevels(colourScale(2, 2), 5)).toEqual([]);
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
  });
});

describe('chart series', () => {
  it('aligns curves with different x onto one axis, null where a curve has no point', () => {
    const { x, ys } = alignCurves([{ x: [1, 3, 5], y: [9, 7, 5] }, { x: [0, 2, 4, 4], y: [8, 6, 4, 3] }]);
    expect(x).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ys[0]).toEqual([null, 9, null, 7, null, 5]);
    expect(ys[1]).toEqual([8, null, 6, null, 3, null]);
  });

  it("a sweep's diverged rate is labelled with its step, stops there and is clipped by the others' range", () => {
    const curves = [
      { learningRate: 0.1, losses: Float64Array.from([2, 1.5, 1.2, 1]), diverged: false, finalLoss: 1 },
      { learningRate: 10, losses: Float64Array.from([2, 50, Infinity]), diverged: true, atStep: 2, finalLoss: Infinity },
    ];
    const { x, series, yRange } = sweepSeries(curves);
    expect(x).toEqual([0, 1, 2, 3]);
    expect(series[1].label).toBe('η = 10: diverged at step 2');
    // Clipped at the top of the range (set by the rate that converged), where it left the chart.
    expect(series[1].values).toEqual([2, 2 * 1.08, 2 * 1.08, null]);
    expect(series[1].dash).toBeDefined();
    expect(series[1].points).toBe(true);
    expect(series[0].label).toBe('η = 0.1: 1');
    expect(yRange[0]).toBe(0);
    expect(yRange[1]).toBeCloseTo(2 * 1.08, 12);
    // All diverged: the range still covers their finite points rather than being empty.
    expect(clippedRange([{ y: [3, 40, NaN], diverged: true }])).toEqual([0, 40 * 1.08]);
  });

  it('strategy curves keep their method names and final losses in the legend', () => {
    const { x, series } = strategySeries([
      { method: 'random', evaluations: Float64Array.from([1, 2, 3]), losses: Float64Array.from([3, 2, 2]), finalLoss: 2, steps: 2 },
      { method: 'gd', evaluations: Float64Array.from([2, 3]), losses: Float64Array.from([3, 1]), finalLoss: 1, steps: 1 },
    ]);
    expect(x).toEqual([1, 2, 3]);
    expect(series.map((s) => s.label)).toEqual(['random search: 2', 'gradient descent (full batch): 1']);
    expect(series[1].values).toEqual([null, 3, 1]);
  });
});

describe('problem choice and fields', () => {
  it('the editor graph is a network when layered, else a scalar graph over its selected inputs (all when none is selected)', () => {
    const xyz = example('xyz');
    expect(problemSource('svm', xyz, [], 500, 'u')).toEqual({ kind: 'svm' });
    expect(problemSource('editor', xyz, [], 500, 'u')).toEqual({ kind: 'graph', graph: xyz });
    expect(problemSource('editor', xyz, ['z', 'q', 'x'], 500, 'u')).toEqual({ kind: 'graph', graph: xyz, inputs: ['x', 'z'] });
    const net = example('mnist-nielsen');
    expect(problemSource('editor', net, [], 300, 'u')).toEqual({ kind: 'network', graph: net, samples: 300, dataUrl: 'u' });
  });

  it('a result goes stale when values, wiring or the seed change, not when nodes move or are relabelled', () => {
    const xyz = example('xyz');
    const moved: Graph = { ...xyz, nodes: xyz.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 }, label: 'renamed' })) };
    expect(graphFingerprint(moved)).toBe(graphFingerprint(xyz));
    const revalued: Graph = { ...xyz, nodes: xyz.nodes.map((n) => (n.id === 'x' ? { ...n, value: 7 } : n)) };
    expect(graphFingerprint(revalued)).not.toBe(graphFingerprint(xyz));
    const rewired: Graph = { ...xyz, edges: xyz.edges.map((e, k) => (k === 0 ? { ...e, targetPort: 1 - e.targetPort } : e)) };
    expect(graphFingerprint(rewired)).not.toBe(graphFingerprint(xyz));
    expect(graphFingerprint({ ...xyz, training: { seed: 2 } } as Graph)).not.toBe(graphFingerprint(xyz));
  });

  it('parses learning rates and whole numbers, naming the first bad entry', () => {
    expect(parseRates('0.025, 0.25 2.5;25')).toEqual([0.025, 0.25, 2.5, 25]);
    expect(parseRates('0.1, -1')).toBe('"-1" is not a positive number');
    expect(parseRates(' ')).toMatch(/one or more/);
    expect(wholeIn('41', 3, 201)).toBe(41);
    expect(wholeIn('4.5', 3, 201)).toBeUndefined();
    expect(wholeIn('2', 3, 201)).toBeUndefined();
  });
});

describe('fuse and unfuse from the editor', () => {
  const chainIds = ['neg', 'ex', 'den', 'f'];

  it('fusing the sigmoid chain makes one σ gate and keeps every gradient to 1e-12; unfuse restores the file exactly', () => {
    const graph = example('sigmoid-neuron-gates');
    const before = evaluate(graph);
    const { graph: fused, gateId } = fuseSelection(graph, chainIds);
    const gate = fused.nodes.find((n) => n.id === gateId)!;
    expect(gate.op).toBe('gate');
    expect(gate.label).toBe('σ');
    expect(gate.gate!.label).toBe('σ');
    const after = evaluate(fused);
    for (const edge of fused.edges) {
      const old = graph.edges.findIndex((e) => e.id === edge.id);
      if (old < 0) continue;
      expect(Math.abs(after.edgeGrad[fused.edges.indexOf(edge)] - before.edgeGrad[old])).toBeLessThan(1e-12);
    }
    for (const id of ['w0', 'x0', 'w1', 'x1', 'w2']) {
      expect(Math.abs(after.grads[after.program.index.get(id)!] - before.grads[before.program.index.get(id)!])).toBeLessThan(1e-12);
    }
    expect(serializeGraph(unfuseGate(fused, gateId))).toBe(serializeGraph(graph));
  });

  it('a fused chain that is not the sigmoid stays a plain gate; refusals come from the core with a reason', () => {
    const graph = example('sigmoid-neuron-gates');
    const { graph: fused, gateId } = fuseSelection(graph, ['neg', 'ex']);
    expect(gateLabel(fused, gateId)).toBe('gate');
    expect(() => fuseSelection(graph, ['m0', 'den'])).toThrow(/not connected/);
    expect(() => fuseSelection(graph, ['w0', 'm0'])).toThrow(/input/);
  });
});

describe('expand to scalar graph', () => {
  it('a small network opens as its scalar graph with positions; the MNIST network is refused with the reason', async () => {
    const small = chain([['x', 'samples', { size: 3 }], ['d1', 'dense', { units: 2 }], ['s1', 'sigmoid'], ['d2', 'dense', { units: 2 }], ['c', 'mse']]);
    const result = await expandedGraph(small, 10, 1);
    expect(result.graph.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(result.graph.nodes.filter((n) => n.op === 'input')).toHaveLength(3 * 2 + 2 + 2 * 2 + 2);
    expect(evaluate(result.graph).outputId).toBe('c');
    expect(whyNotExpandable(compileLayered(example('mnist-nielsen')))).toMatch(/824 neurons/);
    await expect(expandedGraph(example('mnist-nielsen'), 10, 1)).rejects.toThrow(/824 neurons/);
  });
});

describe('gradient-check badges', () => {
  it('the refit leaves room for badges hanging left: their left edge lands on the side margin when the width sets the zoom', () => {
    // React Flow's numeric padding 0.08 on an 843-pixel pane: (843 − 843/1.08)/2 = 31.2 → 31 pixels.
    expect(sidePaddingPx(843)).toBe(31);
    expect(leftPaddingPx(800, 0, 843)).toBe(31);
    for (const [width, overhang, pane] of [[800, 100, 1000], [760, 98, 843], [2000, 20, 1200]]) {
      const left = leftPaddingPx(width, overhang, pane);
      const right = sidePaddingPx(pane);
      const zoom = (pane - left - right) / width;
      const badgeLeft = left - overhang * zoom;
      // Rounded up to a whole pixel, which also lowers the zoom a little: under (1 + overhang/width) pixels more margin.
      expect(badgeLeft).toBeGreaterThanOrEqual(right);
      expect(badgeLeft).toBeLessThan(right + 1 + overhang / width);
    }
  });

  it("the sigmoid neuron's inputs all check good with the lecture's gradients; a graph that cannot be checked says why", () => {
    const graph = example('sigmoid-neuron-gates');
    const check = checkGraph(graph);
    if (!check.ok) throw new Error(check.message);
    expect([...check.byNode.keys()].sort()).toEqual(['w0', 'w1', 'w2', 'x0', 'x1']);
    for (const c of check.byNode.values()) {
      expect(c.verdict).toBe('good');
      expect(c.relativeError).toBeLessThan(1e-7);
    }
    expect(check.byNode.get('x0')!.analytic).toBeCloseTo(0.3932, 4);
    expect(check.byNode.get('w2')!.numerical).toBeCloseTo(0.1966, 4);
    // Cached per graph object: the same answer object for the same graph.
    expect(checkGraph(graph)).toBe(check);
    const broken = checkGraph({ nodes: [{ id: 'a', op: 'input', value: 1 }, { id: 'b', op: 'exp', output: true }], edges: [] });
    expect(broken.ok).toBe(false);
  });

  it('a kink within h of the point is "kink-crossed": |x| at x = 1e-6 with h = 1e-5; exactly at 0 it is not differentiable', () => {
    const absAt = (value: number): Graph => ({ nodes: [{ id: 'x', op: 'input', value }, { id: 'a', op: 'abs', output: true }], edges: [{ id: 'e1', source: 'x', target: 'a', targetPort: 0 }] });
    const near = checkGraph(absAt(1e-6));
    const at = checkGraph(absAt(0));
    if (!near.ok || !at.ok) throw new Error('not checked');
    const c = near.byNode.get('x')!;
    // (|x + h| − |x − h|) / 2h = 2x / 2h = 0.1, against the analytic 1.
    expect(c.numerical).toBeCloseTo(0.1, 9);
    expect(c.analytic).toBe(1);
    expect(c.relativeError).toBeCloseTo(0.9, 9);
    expect(c.verdict).toBe('kink-crossed');
    expect(c.kink).toMatchObject({ where: 'crossed', nodeId: 'a', op: 'abs' });
    // At 0 both sides say 0 and agree, yet |x| has no derivative there.
    expect(at.byNode.get('x')!.relativeError).toBe(0);
    expect(at.byNode.get('x')!.verdict).toBe('not-differentiable');
  });
});
