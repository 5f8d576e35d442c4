import { CommanderError } from 'commander';
import { createProgram } from './program';
import { UsageError } from './usage';

const program = createProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`gradflow: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`gradflow: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
