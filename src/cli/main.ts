import { CommanderError } from 'commander';
import { oneLine } from '../core/graph/quote';
import { createProgram } from './program';

const program = createProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // Whatever the message quotes (file names, expressions), it prints as one bounded line.
    process.stderr.write(`gradflow: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 2;
  }
}
