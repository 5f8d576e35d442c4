import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRng, evaluate, graphProblem, gradCheckVerdict, gradCheckVerdicts, gradientCheck, parseGraph, problemFromGraph, projectPath, slice1d, slice2d,
  SVM_LECTURE_DATA, svmLectureGraph, svmProblem, valueOf,
} from '../src/core';

const svmFile = parseGraph(readFileSync('public/examples/svm-lecture.json', 'utf8'));
const xyz = parseGraph(readFileSync('public/examples/xyz.json', 'utf8'));

describe('the SVM example', () => {
  it('ships as a graph of scalar gates whose output is the lecture loss, with its data inline', () => {
    const ev = evaluate(svmFile);
    // The loss written out directly from the lecture's formula.
    const x = SVM_LECTURE_DATA.x;
    const w = SVM_LECTURE_DATA.weights;
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const s = [0, 1, 2].map((j) => w[2 * j] * x[i] + w[2 * j + 1]);
      for (let j = 0; j < 3; j++) if (j !== SVM_LECTURE_DATA.labels[i]) total += Math.max(0, s[j] - s[SVM_LECTURE_DATA.labels[i]] + 1);
    }
    expect(valueOf(ev, 'L')).toBeCloseTo(total / 3, 14);
    expect(valueOf(ev, 'L')).toBeCloseTo(1.5833333333333333, 14);
    expect(problemFromGraph(svmFile).kind).toBe('svm');
    // The shipped file is exactly what svmLectureGraph() builds (plus its title and description).
    const built = svmLectureGraph();
    expect(svmFile.nodes).toEqual(built.nodes);
    expect(svmFile.edges).toEqual(built.edges);
    expect(svmFile.extra?.svmData).toEqual(built.extra?.svmData);
  });

  it('graph backprop equals the analytic SVM gradient (topic 13) at random W', () => {
    const graph = graphProblem(svmFile);
    const analytic = svmProblem();
    const rng = createRng(3);
    const g1 = new Float64Array(6);
    const g2 = new Float64Array(6);
    for (let t = 0; t < 200; t++) {
      const w = Float64Array.from({ length: 6 }, () => 2 * rng.normal());
      const l1 = graph.lossAndGrad(w, g1);
      const l2 = analytic.lossAndGrad(w, g2);
      expect(Math.abs(l1 - l2)).toBeLessThan(1e-12);
      for (let k = 0; k < 6; k++) expect(Math.abs(g1[k] - g2[k])).toBeLessThan(1e-12);
    }
  });
});

describe('slices', () => {
  it('the value at the centre equals the graph\'s loss, in 1-D and 2-D', () => {
    for (const graph of [svmFile, xyz]) {
      const loss = valueOf(evaluate(graph), evaluate(graph).outputId!);
      const problem = graphProblem(graph);
      const s1 = slice1d(problem, { steps: 21, range: 2, seed: 5 });
      expect(s1.centerLoss).toBe(loss);
      expect(s1.losses[10]).toBe(loss);
      expect(s1.alphas[10]).toBe(0);
      const s2 = slice2d(problem, { steps: 11, range: 2, seed: 5 });
      expect(s2.grid[5 * 11 + 5]).toBe(loss);
      expect(s2.grid.length).toBe(121);
      expect(s2.min).toBeLessThanOrEqual(loss);
      expect(s2.max).toBeGreaterThanOrEqual(loss);
    }
  });

  it('the SVM slice is convex and piecewise linear: second differences >= 0, zero except at a few kinks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { losses, alphas } = slice1d(svmProblem(), { steps: 401, range: 5, seed });
      const h = alphas[1] - alphas[0];
      let kinks = 0;
      for (let i = 1; i < losses.length - 1; i++) {
        const second = (losses[i + 1] - 2 * losses[i] + losses[i - 1]) / (h * h);
        expect(second).toBeGreaterThanOrEqual(-1e-6);
        if (second > 1e-6) kinks++;
      }
      // Six hinge terms: each bends at most once along a line, each bend seen by at most 2 stencils.
      expect(kinks).toBeGreaterThan(0);
      expect(kinks).toBeLessThanOrEqual(12);
    }
  });

  it('a non-convex graph (sin(x·y)) shows negative curvature along a slice, unlike the SVM', () => {
    const sinGraph = parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'input', value: 0.3 }, { id: 'y', op: 'input', value: -0.2 }, { id: 'p', op: 'mul' }, { id: 's', op: 'sin', output: true }],
      edges: [{ source: 'x', target: 'p', targetPort: 0 }, { source: 'y', target: 'p', targetPort: 1 }, { source: 'p', target: 's', targetPort: 0 }],
    }));
    const { losses } = slice1d(graphProblem(sinGraph), { steps: 201, range: 4, seed: 1 });
    let negative = 0;
    for (let i = 1; i < losses.length - 1; i++) if (losses[i + 1] - 2 * losses[i] + losses[i - 1] < -1e-9) negative++;
    expect(negative).toBeGreaterThan(10);
  });

  it('same seed, same picture; another seed, another picture; directions are unit and orthogonal', () => {
    const problem = svmProblem();
    const a = slice2d(problem, { steps: 9, seed: 11 });
    const b = slice2d(problem, { steps: 9, seed: 11 });
    const c = slice2d(problem, { steps: 9, seed: 12 });
    expect(Array.from(a.grid)).toEqual(Array.from(b.grid));
    expect(Array.from(a.grid)).not.toEqual(Array.from(c.grid));
    const [d1, d2] = a.directions;
    const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, k) => s + x * v[k], 0);
    expect(dot(d1, d1)).toBeCloseTo(1, 12);
    expect(dot(d2, d2)).toBeCloseTo(1, 12);
    expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-12);
    // The grid is row-major: grid[j * steps + i] is L(W + alphas[i]·d1 + betas[j]·d2).
    const w = problem.initial.map((x, k) => x + a.alphas[2] * d1[k] + a.betas[7] * d2[k]);
    expect(a.grid[7 * 9 + 2]).toBe(problem.loss(w));
  });

  it('refuses bad steps and ranges with a clear message', () => {
    expect(() => slice1d(svmProblem(), { steps: 1 })).toThrow('steps must be an integer >= 2, got 1');
    expect(() => slice2d(svmProblem(), { range: -1 })).toThrow('range must be a positive number, got -1');
    // One input has no second direction to draw a plane with; its 1-D slice is x² along ±1: 4, 1, 0 around x = 1.
    const square = graphProblem(parseGraph(JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'x', op: 'input', value: 1 }, { id: 'sq', op: 'mul', output: true }],
      edges: [{ id: 'e1', source: 'x', target: 'sq', targetPort: 0 }, { id: 'e2', source: 'x', target: 'sq', targetPort: 1 }],
    })));
    expect(() => slice2d(square)).toThrow('a 2-D map needs at least 2 parameters to vary, this problem has 1: use a 1-D slice');
    expect(Array.from(slice1d(square, { steps: 3 }).losses).sort()).toEqual([0, 1, 4]);
  });
});

describe('projectPath', () => {
  it('recovers (a, b) of points on the plane exactly and reports the distance of points off it', () => {
    const rng = createRng(9);
    const n = 7;
    const vec = () => Float64Array.from({ length: n }, () => rng.normal());
    const center = vec();
    const d1 = vec();
    const d2 = vec();
    const off = vec();
    const path = [[0.5, -1.25], [2, 3], [-0.1, 0]].map(([a, b]) => center.map((c, k) => c + a * d1[k] + b * d2[k]));
    const projected = projectPath(path, center, d1, d2);
    expect(projected.alphas[1]).toBeCloseTo(2, 12);
    expect(projected.betas[0]).toBeCloseTo(-1.25, 12);
    expect(projected.residuals[2]).toBeLessThan(1e-12);
    // Orthogonalise `off` against the plane: its projection is the plane point, its residual its norm.
    const [q] = projectPath([center.map((c, k) => c + off[k])], center, d1, d2).residuals;
    const p = projectPath([center.map((c, k) => c + off[k])], center, d1, d2);
    const onPlane = center.map((c, k) => c + p.alphas[0] * d1[k] + p.betas[0] * d2[k]);
    const r = onPlane.map((x, k) => center[k] + off[k] - x);
    expect(r.reduce((s, x, k) => s + x * d1[k], 0)).toBeCloseTo(0, 10);
    expect(r.reduce((s, x, k) => s + x * d2[k], 0)).toBeCloseTo(0, 10);
    expect(q).toBeCloseTo(Math.sqrt(r.reduce((s, x) => s + x * x, 0)), 12);
  });
});

describe('gradCheckVerdict', () => {
  it('reads relative errors as CS231n does', () => {
    expect(gradCheckVerdict(0)).toBe('good');
    expect(gradCheckVerdict(9.9e-8)).toBe('good');
    expect(gradCheckVerdict(1e-7)).toBe('acceptable');
    expect(gradCheckVerdict(1e-4)).toBe('acceptable');
    expect(gradCheckVerdict(1.1e-4)).toBe('suspicious');
    expect(gradCheckVerdict(1e-2)).toBe('suspicious');
    expect(gradCheckVerdict(0.5)).toBe('wrong');
    expect(gradCheckVerdict(NaN)).toBe('wrong');
  });

  it('gives every input of the sigmoid example a good badge, and a kink a worse one', () => {
    const sigmoid = parseGraph(readFileSync('public/examples/sigmoid-neuron-gates.json', 'utf8'));
    const badges = gradCheckVerdicts(gradientCheck(sigmoid));
    expect(badges.map((b) => b.nodeId).sort()).toEqual(['w0', 'w1', 'w2', 'x0', 'x1']);
    expect(badges.every((b) => b.verdict === 'good')).toBe(true);
    // relu at exactly 0: analytic 0 (the kink rule), numerical 0.5: wrong.
    const kink = parseGraph(JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'x', op: 'input', value: 0 }, { id: 'r', op: 'relu' }], edges: [{ source: 'x', target: 'r', targetPort: 0 }] }));
    expect(gradCheckVerdicts(gradientCheck(kink))[0].verdict).toBe('wrong');
  });
});
