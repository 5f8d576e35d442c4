import type { Command } from 'commander';
import type { TrainFlags } from '../actions/train';

/** `gradflow train`: compile a layered graph and train it by mini-batch SGD on MNIST or IDX files. */
export function register(program: Command): void {
  program
    .command('train')
    .description('Compile a layered graph (samples -> dense -> ... -> loss) and train it by mini-batch SGD, testing after each epoch.')
    .argument('<file>', 'a gradflow.graph JSON file with layer operators')
    .option('--epochs <n>', 'passes over the training set (default: the file\'s, else 30)')
    .option('--batch-size <b>', 'mini-batch size (default: the file\'s, else 10)')
    .option('--lr <eta>', 'learning rate η (default: the file\'s, else 3 for mse and 0.1 otherwise)')
    .option('--seed <s>', 'seed for initial weights and shuffles (default: the file\'s, else 1)')
    .option('--l2 <lambda>', 'L2 weight decay λ (default: the file\'s, else 0)')
    .option('--data <source>', '"mnist" (the embedded 8,000/2,000 split) or a folder with the four IDX files (plain or .gz)', 'mnist')
    .option('--save <weights>', 'write the trained weights, with the graph, to this JSON file')
    .option('--json', 'print only {"epochs": [{epoch, trainLoss, testAccuracy, correct, total, seconds}], "samplesPerSecond"}')
    .addHelpText('after', '\nExample:\n  gradflow train public/examples/mnist-nielsen.json --epochs 3')
    .action(async (file: string, flags: TrainFlags) => {
      await (await import('../actions/train')).runTrain(file, flags);
    });
}
