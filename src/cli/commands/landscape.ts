import type { Command } from 'commander';
import type { LandscapeFlags } from '../actions/landscape';
import { collect } from '../flags';

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
    .action(async (file: string | undefined, flags: LandscapeFlags) => {
      await (await import('../actions/landscape')).runLandscape(file, flags);
    });
}
