import { Command, CommanderError } from 'commander';
import { UsageError } from './usage';
import { register as registerEval } from './commands/eval';
import { register as registerCheck } from './commands/check';
import { register as registerExport } from './commands/export';
import { register as registerTrain } from './commands/train';
import { register as registerLandscape } from './commands/landscape';
import { register as registerOptimize } from './commands/optimize';

// Each command lives in its own module under ./commands and registers itself here.
const commands: ((program: Command) => void)[] = [registerEval, registerCheck, registerExport, registerTrain, registerLandscape, registerOptimize];

const program = new Command('gradflow')
  .description('Evaluate, check, train and explore computational graphs from the command line.')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text.split('\n')[0].trim() + '\n') });

for (const register of commands) register(program);

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
