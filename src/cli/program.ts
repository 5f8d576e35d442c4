import { t } from '../i18n';
import { Command } from 'commander';
import { register as registerEval } from './commands/eval';
import { register as registerCheck } from './commands/check';
import { register as registerExport } from './commands/export';
import { register as registerTrain } from './commands/train';
import { register as registerLandscape } from './commands/landscape';
import { register as registerOptimize } from './commands/optimize';
import { register as registerImport } from './commands/import';

// Each command lives in its own module under ./commands and registers itself here. Registration
// only describes the command; its implementation (./actions) loads when it runs, so start-up stays cheap.
const commands: ((program: Command) => void)[] = [registerEval, registerCheck, registerExport, registerTrain, registerLandscape, registerOptimize, registerImport];

/** The gradflow command line with every command registered. */
export function createProgram(): Command {
  const program = new Command('gradflow')
    .description(t('cli.program.description'))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0].trim() + '\n') })
    // Commander's own headings and the help flag in the terminal's language; subcommands inherit both.
    .configureHelp({ styleTitle: (title: string) => t(`cli.titles.${title.replace(/[^A-Za-z]/g, '')}`, { defaultValue: title }) })
    .helpOption('-h, --help', t('cli.help'));
  for (const register of commands) register(program);
  return program;
}
