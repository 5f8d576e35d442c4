import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerCheck } from '../src/cli/commands/check';
import { register as registerEval } from '../src/cli/commands/eval';
import { register as registerExport } from '../src/cli/commands/export';
import { UsageError } from '../src/cli/usage';
import { evaluate, gradOf, parseGraph } from '../src/core';
import { gradflow, type Run } from './helpers/cli';

/**
 * The same commands in this process (each child process costs seconds): a program built as
 * main.ts builds it, with stdout, stderr and the exit code captured.
 */
function inProcess(...args: string[]): Promise<Run> {
  // Commands load their implementation with a dynamic import, so runs that overlapped would share the stdout spy: one at a time.
  const run = queue.then(() => inProcessNow(...args));
  queue = run.catch(() => undefined);
  return run;
}
let queue: Promise<unknown> = Promise.resolve();

async function inProcessNow(...args: string[]): Promise<Run> {
  const program = new Command('gradflow').exitOverride()
    .configureOutput({ writeOut: (t) => { out += t; }, writeErr: (t) => { err += t; } });
  for (const register of [registerEval, registerCheck, registerExport]) register(program);
  let out = '';
  let err = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  const before = process.exitCode;
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(['node', 'gradflow', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err += `gradflow: ${error.message}\n`;
    code = 2;
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
  return { code, stdout: out, stderr: err };
}

const dir = mkdtempSync(join(tmpdir(), 'gradflow-cli-'));
const broken = join(dir, 'broken.json');
writeFileSync(broken, '{\n  "format": "gradflow.graph",\n  "version": 1,\n  "nodes": [\n    {"id": "x", "op": "input", "value": 1},\n  ]\n}\n');

// Each child process costs seconds, so the runs start together and the tests read their results.
const runs: Record<string, Promise<Run>> = {};
beforeAll(() => {
  runs.lecture = gradflow('eval', '--expr', '(x+y)*z', '--set', 'x=-2', '--set', 'y=5', '--set', 'z=-4');
  runs.checkKink = gradflow('check', '--expr', 'relu(x) + y*y', '--set', 'x=0', '--set', 'y=2', '--json');
  runs.checkFails = inProcess('check', '--expr', 'exp(x)', '--set', 'x=1', '--tol', '1e-15', '--json');
  runs.checkKinkText = inProcess('check', '--expr', 'relu(a-1) + max(b, 1) + abs(c-1) + sqrt(d-1) + u*u');
  runs.badJson = gradflow('eval', broken);
  runs.export = gradflow('export', '--expr', 'x*x + x', '--set', 'x=3');
  runs.help = gradflow('eval', '--help');
  runs.helpCheck = gradflow('check', '--help');
  runs.unknownOption = gradflow('eval', '--expr', 'x', '--bogus');
  runs.unknownInput = inProcess('eval', '--expr', 'x*y', '--set', 'x=2', '--set', 'q=3');
  runs.notANumber = inProcess('export', '--expr', 'x*y', '--set', 'x=abc');
  runs.json = inProcess('eval', 'public/examples/sigmoid-neuron-gates.json', '--json', '--set', 'x0=-1');
  runs.nonFinite = inProcess('eval', '--expr', 'log(x) + 1/y', '--set', 'x=-1', '--set', 'y=0', '--json');
  runs.checkPasses = inProcess('check', 'public/examples/staged.json', '--tol', '1e-7');
  runs.badExpr = inProcess('check', '--expr', 'x +* y');
});

describe('gradflow eval', () => {
  it('shows the lecture\'s numbers: f = -12, gradients -4, -4, 3', async () => {
    const { code, stdout, stderr } = await runs.lecture;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('f = -12');
    expect(stdout).toMatch(/^x\s+input\s+-2\s+-4$/m);
    expect(stdout).toMatch(/^y\s+input\s+5\s+-4$/m);
    expect(stdout).toMatch(/^z\s+input\s+-4\s+3$/m);
    expect(stdout).toMatch(/^e3\s+n1\s+f\[0\]\s+3\s+-4\s+-4$/m);
  });

  it('--json has exactly the documented shape, edges in file order', async () => {
    const { code, stdout } = await runs.json;
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { output: string; value: number; nodes: Record<string, { op: string; value: number; grad: number }>; edges: Record<string, unknown>[]; warnings: string[] };
    expect(Object.keys(out)).toEqual(['output', 'value', 'nodes', 'edges', 'warnings']);
    expect(out.output).toBe('f');
    expect(out.value).toBeCloseTo(0.73106, 5);
    expect(out.nodes.x0).toEqual({ op: 'input', value: -1, grad: expect.closeTo(0.39322, 5) as unknown as number });
    expect(out.nodes.w2.grad).toBeCloseTo(0.19661, 5);
    const file = parseGraph(await import('node:fs').then((fs) => fs.readFileSync('public/examples/sigmoid-neuron-gates.json', 'utf8')));
    expect(out.edges.map((e) => e.id)).toEqual(file.edges.map((e) => e.id));
    expect(Object.keys(out.edges[0])).toEqual(['id', 'source', 'target', 'targetPort', 'value', 'localGrad', 'grad']);
    const ev = evaluate(file);
    out.edges.forEach((e, i) => expect(e.grad).toBe(ev.edgeGrad[i]));
    expect(out.warnings).toEqual([]);
  });

  it('writes non-finite numbers as strings and warns naming the nodes', async () => {
    const { code, stdout } = await runs.nonFinite;
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { value: unknown; nodes: Record<string, { value: unknown }>; warnings: string[] };
    expect(out.value).toBe('NaN');
    expect(Object.values(out.nodes).map((n) => n.value)).toEqual(expect.arrayContaining(['NaN', 'Infinity']));
    expect(out.warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/\(log\) has value NaN/), expect.stringMatching(/\(div\) has value Infinity/), "node 'y' (input) has gradient -Infinity",
    ]));
  });

  it('bad input: exit 2, one line naming the problem, no stack trace', async () => {
    for (const [run, message] of [
      [await runs.badJson, `gradflow: ${broken}: invalid JSON at line 6, column 3: unexpected character "]"\n`],
      [await runs.badExpr, 'gradflow: expression: Value expected at column 4\n'],
    ] as const) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(message);
    }
  });

  it('--help exits 0', async () => {
    const { code, stdout } = await runs.help;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: gradflow eval \[options\] \[file\]/);
    expect(stdout).toMatch(/--set <name=value>/);
    const check = await runs.helpCheck;
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Usage: gradflow check \[options\] \[file\]/);
    expect(check.stdout).toMatch(/--tol/);
  });

  it('an unknown option, a --set for no input, or a value that is no number: exit 2 and one line', async () => {
    const option = await runs.unknownOption;
    expect(option.code).toBe(2);
    expect(option.stdout).toBe('');
    expect(option.stderr.trim().split('\n')).toEqual(["error: unknown option '--bogus'"]);
    for (const [run, message] of [
      [await runs.unknownInput, "gradflow: --set q: there is no input 'q' (inputs: x, y)\n"],
      [await runs.notANumber, 'gradflow: --set x: "abc" is not a finite number\n'],
    ] as const) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(message);
    }
  });
});

describe('gradflow check', () => {
  it('exits 1 when an error exceeds the tolerance', async () => {
    const { code, stdout } = await runs.checkFails;
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { pass: boolean; inputs: { id: string; analytic: number; relativeError: number; verdict: string; pass: boolean }[] };
    expect(out.pass).toBe(false);
    // d e^x / dx = e at x = 1; float64's centred difference is off by about 2e-11, more than 1e-15.
    expect(out.inputs[0]).toMatchObject({ id: 'x', analytic: Math.E, verdict: 'good', pass: false });
    expect(out.inputs[0].relativeError).toBeGreaterThan(1e-15);
  });

  it('relu at its kink is not differentiable there, not a failure: exit 0', async () => {
    const { code, stdout } = await runs.checkKink;
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { pass: boolean; maxRelativeError: number; inputs: { id: string; analytic: number; numerical: number; verdict: string; kink?: object; pass: boolean }[] };
    expect(out.pass).toBe(true);
    expect(out.inputs.find((i) => i.id === 'x')).toEqual(expect.objectContaining({
      analytic: 0, numerical: expect.closeTo(0.5, 9) as unknown as number, verdict: 'not-differentiable', pass: true,
      kink: { node: 'n1', op: 'relu', where: 'at', rule: 'At x = 0 the local gradient is 0.' },
    }));
    expect(out.inputs.find((i) => i.id === 'y')).toMatchObject({ analytic: 4, verdict: 'good', pass: true });
    expect(out.maxRelativeError).toBeLessThan(1e-10);
  });

  it('prints the four kinks of the issue, each with the table\'s rule', async () => {
    const { code, stdout } = await runs.checkKinkText;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^a +1 +0 +0\.5 +1\.00e\+0 +not differentiable$/m);
    expect(stdout).toMatch(/^b +1 +1 +0\.5 +5\.00e-1 +not differentiable$/m);
    expect(stdout).toMatch(/^c +1 +0 +0 +0\.00e\+0 +not differentiable$/m);
    expect(stdout).toMatch(/^d +1 +Infinity +NaN +NaN +not differentiable$/m);
    expect(stdout).toMatch(/^u +1 +2 +2 +\S+ +ok$/m);
    expect(stdout).toContain("'a': not differentiable here: relu 'n3' (At x = 0 the local gradient is 0.); the table's subgradient is used\n");
    expect(stdout).toContain("'b': not differentiable here: max 'n5' (At a tie the whole gradient goes to the first input.); the table's subgradient is used\n");
    expect(stdout).toContain("'c': not differentiable here: abs 'n8' (At x = 0 the local gradient is 0 (a subgradient).); the table's subgradient is used\n");
    expect(stdout).toContain("'d': not differentiable here: sqrt 'n11' (Differentiable for x > 0 only; at x = 0 the local gradient is +Infinity.); the table's subgradient is used\n");
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 of 5 inputs agree: max relative error \S+ <= 0\.000001; 4 at or near a kink, not judged$/);
  });

  it('passes the staged example and prints a table', async () => {
    const { code, stdout } = await runs.checkPasses;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^x\s+3\s+2\.05957\s+2\.05957\s+\S+\s+ok$/m);
    expect(stdout).toMatch(/all 2 inputs agree/);
  });
});

describe('gradflow export', () => {
  it('prints a laid-out graph file for the expression', async () => {
    const { code, stdout } = await runs.export;
    expect(code).toBe(0);
    const graph = parseGraph(stdout);
    expect(graph.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(gradOf(evaluate(graph), 'x')).toBe(7);
  });
});
