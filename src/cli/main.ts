import { CommanderError } from 'commander';
import { oneLine } from '../core/graph/quote';
import { startI18n } from '../i18n';
import { errorLine } from '../i18n/refusals';
import { cliLanguage } from './language';
import { createProgram } from './program';

// Help and messages in the terminal's language (LANG=zh_CN.UTF-8 gives Chinese), English otherwise.
startI18n([], { lng: cliLanguage(process.env) });

const program = createProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // Whatever the message quotes (file names, expressions), it prints as one bounded line, in the terminal's language.
    process.stderr.write(`gradflow: ${oneLine(errorLine(error))}\n`);
    process.exitCode = 2;
  }
}
