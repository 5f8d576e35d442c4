import type { Command } from 'commander';
import type { TrainFlags } from '../actions/train';

/** `gradflow train`: compile a layered graph and train it by mini-batch SGD (or momentum, or Adam) on MNIST, IDX files, CSV or toy 2-D sets. */
export function register(program: Command): void {
  program
    .command('train')
    .description('Compile a layered graph (samples -> dense -> ... -> loss) and train it by mini-batch SGD, momentum or Adam, testing after each epoch.')
    .argument('<file>', 'a gradflow.graph JSON file with layer operators')
    .option('--epochs <n>', 'passes over the training set (default: the file\'s, else 30)')
    .option('--batch-size <b>', 'mini-batch size (default: the file\'s, else 10)')
    .option('--lr <eta>', 'learning rate η (default: the file\'s, else 3 for mse and 0.1 otherwise)')
    .option('--seed <s>', 'seed for initial weights and shuffles (default: the file\'s, else 1)')
    .option('--l2 <lambda>', 'L2 weight decay λ (default: the file\'s, else 0)')
    .option('--optimizer <name>', 'sgd, momentum or adam (default: the file\'s, else sgd)')
    .option('--momentum <mu>', 'momentum μ in [0, 1) for --optimizer momentum (default: the file\'s, else 0.9)')
    .option('--data <source>', '"mnist" (the embedded 8,000/2,000 split), a folder with the four IDX files (plain or .gz), a .csv file (features, then a "label" column or the last one) or toy:circle|xor|gaussians|spiral', 'mnist')
    .option('--test-fraction <f>', 'CSV and toy data: share of rows held out for testing (default 0.2)')
    .option('--standardize', 'CSV data: scale each feature to mean 0, standard deviation 1 over the training rows')
    .option('--noise <n>', 'toy data: noise from 0 to 1 (default 0)')
    .option('--data-seed <s>', 'CSV and toy data: seed of the split and the points (default: the training seed)')
    .option('--save <weights>', 'write the trained weights, with the graph, to this JSON file')
    .option('--json', 'print only {"epochs": [{epoch, trainLoss, testAccuracy, correct, total, seconds}], "samplesPerSecond"}')
    .addHelpText('after', '\nExample:\n  gradflow train public/examples/mnist-nielsen.json --epochs 3\n  gradflow train public/examples/mnist-cnn.json --epochs 3\n  gradflow train public/examples/toy-spiral.json --data toy:spiral --noise 0.1')
    .action(async (file: string, flags: TrainFlags) => {
      await (await import('../actions/train')).runTrain(file, flags);
    });
}
