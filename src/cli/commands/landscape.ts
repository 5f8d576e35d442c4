import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  compileNetwork, createNetwork, createRng, isLayeredGraph, networkProblem, parseWeights, problemFromGraph, slice1d, slice2d,
  type Graph, type Problem, type Slice1d, type Slice2d,
} from '../../core';
import { loadData } from '../data';
import { asUsage, collect, readGraphSource, type GraphSourceOptions } from '../graphSource';
import { formatNumber, jsonNumber, table } from '../output';
import { UsageError } from '../usage';

/** Flags that say which problem a file stands for (shared with `optimize`). */
export interface ProblemFlags extends GraphSourceOptions {
  data: string;
  samples: string;
  weights?: string;
}

/** A whole number >= min from a flag, or a UsageError naming the flag. */
export function wholeFlag(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v) || v < min) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number >= ${min}`);
  return v;
}

/** A positive finite number from a flag, or a UsageError naming the flag. */
export function positiveFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a positive number`);
  return v;
}

/**
 * The problem a file stands for: a layered graph is compiled into a network (weights from --weights,
 * else initialised from the file's seed) with L on the first --samples training samples of --data;
 * the SVM example uses its inline data; any other graph is a scalar problem over its inputs.
 */
export function problemFromFlags(file: string | undefined, flags: ProblemFlags): Problem {
  return problemOfGraph(readGraphSource(file, flags), flags);
}

/** As problemFromFlags, for a graph already read. */
export function problemOfGraph(graph: Graph, flags: ProblemFlags): Problem {
  if (!isLayeredGraph(graph)) {
    if (flags.weights !== undefined) throw new UsageError('--weights applies to layered graphs only');
    return asUsage(() => problemFromGraph(graph));
  }
  const samples = wholeFlag('--samples', flags.samples, 1);
  const spec = asUsage(() => compileNetwork(graph));
  let network;
  if (flags.weights !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.weights, 'utf8');
    } catch {
      throw new UsageError(`--weights ${flags.weights}: cannot read the file`);
    }
    try {
      network = parseWeights(text, spec);
    } catch (error) {
      throw new UsageError(`--weights ${flags.weights}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    network = createNetwork(spec, createRng(graph.training?.seed ?? 1));
  }
  let split;
  try {
    split = loadData(flags.data);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--data ${flags.data}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (split.train.inputSize !== spec.inputSize) {
    throw new UsageError(`samples node '${spec.samplesNodeId}' has size ${spec.inputSize} but ${split.name} images have ${split.train.inputSize} pixels`);
  }
  try {
    return networkProblem(network, split.train, { samples });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Adds the problem flags to a command. */
export function problemOptions(command: Command): Command {
  return command
    .argument('[file]', 'a gradflow.graph JSON file: a scalar graph, the SVM example, or a layered graph')
    .option('--expr <expression>', 'an expression instead of a file')
    .option('--set <name=value>', 'set an input\'s value (repeatable)', collect, [])
    .option('--data <source>', 'layered graphs: "mnist" (embedded split) or a folder of IDX files', 'mnist')
    .option('--samples <n>', 'layered graphs: the loss is the mean over this many training samples', '500')
    .option('--weights <file>', 'layered graphs: trained weights (from train --save) instead of fresh ones');
}

const SHADES = ' .:-=+*#%@';

/** A 2-D slice as an ASCII heat map: darker is higher, 'O' marks the current W, β up and α across. */
export function heatMap(s: Slice2d): string {
  const steps = s.alphas.length;
  const lines: string[] = [];
  const span = s.max - s.min;
  for (let j = steps - 1; j >= 0; j--) {
    let line = '';
    for (let i = 0; i < steps; i++) {
      const v = s.grid[j * steps + i];
      if (s.alphas[i] === 0 && s.betas[j] === 0) line += 'O';
      else if (!Number.isFinite(v)) line += '!';
      else line += SHADES[span > 0 ? Math.min(SHADES.length - 1, Math.floor(((v - s.min) / span) * SHADES.length)) : 0];
    }
    lines.push(`${formatNumber(s.betas[j]).padStart(7)} |${line}|`);
  }
  lines.push(`${' '.repeat(8)}α from ${formatNumber(s.alphas[0])} to ${formatNumber(s.alphas[steps - 1])}; β up the side`);
  lines.push(`${' '.repeat(8)}shades '${SHADES}' from ${formatNumber(s.min)} to ${formatNumber(s.max)}; O = the current W (L = ${formatNumber(s.centerLoss)}); ! = non-finite`);
  return lines.join('\n');
}

/** A 1-D slice as a table with a bar per row. */
function sliceTable(s: Slice1d): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of s.losses) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  const bar = (v: number): string => (Number.isFinite(v) && max > min ? '#'.repeat(1 + Math.round(((v - min) / (max - min)) * 39)) : Number.isFinite(v) ? '#' : '!');
  return table(['α', 'loss', ''], Array.from(s.alphas, (a, i) => [formatNumber(a), formatNumber(s.losses[i]), bar(s.losses[i])]));
}

interface LandscapeFlags extends ProblemFlags {
  dims: string;
  steps?: string;
  range: string;
  seed: string;
  json?: boolean;
}

function landscape(file: string | undefined, flags: LandscapeFlags): void {
  if (flags.dims !== '1' && flags.dims !== '2') throw new UsageError(`--dims ${JSON.stringify(flags.dims)}: expected 1 or 2`);
  const dims = Number(flags.dims);
  const steps = flags.steps === undefined ? 41 : wholeFlag('--steps', flags.steps, 2);
  if (steps > (dims === 1 ? 100_000 : 1001)) throw new UsageError(`--steps ${steps}: at most ${dims === 1 ? '100000' : '1001'} for ${dims}-D`);
  const range = positiveFlag('--range', flags.range);
  const seed = wholeFlag('--seed', flags.seed, 0);
  const problem = problemFromFlags(file, flags);
  const head = { kind: problem.kind, parameters: problem.size, dims, steps, range, seed };
  if (dims === 1) {
    const s = slice1d(problem, { steps, range, seed });
    if (flags.json === true) {
      process.stdout.write(JSON.stringify({ ...head, centerLoss: jsonNumber(s.centerLoss), alphas: Array.from(s.alphas), losses: Array.from(s.losses, jsonNumber) }) + '\n');
      return;
    }
    process.stdout.write(`L(W + α·d) along one seeded direction d (${problem.kind}, ${problem.size} parameters); L(W) = ${formatNumber(s.centerLoss)}\n\n${sliceTable(s)}\n`);
    return;
  }
  const s = slice2d(problem, { steps, range, seed });
  if (flags.json === true) {
    const rows = Array.from(s.betas, (_b, j) => Array.from(s.grid.subarray(j * steps, (j + 1) * steps), jsonNumber));
    process.stdout.write(JSON.stringify({ ...head, centerLoss: jsonNumber(s.centerLoss), min: jsonNumber(s.min), max: jsonNumber(s.max), alphas: Array.from(s.alphas), betas: Array.from(s.betas), grid: rows }) + '\n');
    return;
  }
  process.stdout.write(`L(W + α·d1 + β·d2) on a ${steps}×${steps} grid (${problem.kind}, ${problem.size} parameters)\n\n${heatMap(s)}\n`);
}

/** `gradflow landscape`: a 1-D slice or 2-D map of a graph's or network's loss around its current W. */
export function register(program: Command): void {
  problemOptions(
    program
      .command('landscape')
      .description('Loss landscape around the current W: L(W + α·d1) or L(W + α·d1 + β·d2) along seeded random directions (filter-normalised for networks).'),
  )
    .option('--dims <1|2>', '1 for a slice, 2 for a map', '2')
    .option('--steps <n>', 'points per axis (default 41)')
    .option('--range <r>', 'the axes run from -r to r', '1')
    .option('--seed <s>', 'seed of the random directions', '1')
    .option('--json', 'print JSON: {kind, parameters, dims, steps, range, seed, centerLoss, alphas, losses} or, in 2-D, {…, min, max, betas, grid: rows by β}')
    .addHelpText('after', '\nExamples:\n  gradflow landscape public/examples/svm-lecture.json --dims 1 --range 3\n  gradflow landscape public/examples/mnist-nielsen.json --dims 2 --samples 500')
    .action((file: string | undefined, flags: LandscapeFlags) => {
      landscape(file, flags);
    });
}
