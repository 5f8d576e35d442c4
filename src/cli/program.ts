import { t } from '../i18n';
import { Command, Help, type Option } from 'commander';
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

/** Commander's own refusals (it words them in English only), recognised by their sentence and worded from the catalogs. */
const COMMANDER_ERRORS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^error: unknown option '(.+)'$/, (m) => t('cli.commander.unknownOption', { option: m[1] })],
  [/^error: unknown command '(.+)'$/, (m) => t('cli.commander.unknownCommand', { command: m[1] })],
  [/^error: missing required argument '(.+)'$/, (m) => t('cli.commander.missingArgument', { argument: m[1] })],
  [/^error: option '(.+)' argument missing$/, (m) => t('cli.commander.optionMissingArgument', { option: m[1] })],
  [/^error: required option '(.+)' not specified$/, (m) => t('cli.commander.requiredOption', { option: m[1] })],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => t('cli.commander.excessArgumentsFor', { command: m[1], count: Number(m[2]), got: Number(m[3]) })],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => t('cli.commander.excessArguments', { count: Number(m[1]), got: Number(m[2]) })],
];

/** A line commander printed, in the user's language when it is one of its usual refusals. */
export function commanderError(line: string): string {
  for (const [pattern, word] of COMMANDER_ERRORS) {
    const match = pattern.exec(line);
    if (match !== null) return word(match);
  }
  return line;
}

/** The gradflow command line with every command registered. */
export function createProgram(): Command {
  const program = new Command('gradflow')
    .description(t('cli.program.description'))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(commanderError(text.split('\n')[0].trim()) + '\n') })
    // Commander's own headings and the help flag in the terminal's language; subcommands inherit both.
    .configureHelp({
      styleTitle: (title: string) => t(`cli.titles.${title.replace(/[^A-Za-z]/g, '')}`, { defaultValue: title }),
      // Commander appends "(default: …)" in English; the value stays, the words follow the language.
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription.call(this, option).replace(/ \(default: (.*)\)$/, (_all, value: string) => t('cli.defaultValue', { value }));
      },
    })
    .helpOption('-h, --help', t('cli.help'))
    .helpCommand('help [command]', t('cli.help'));
  for (const register of commands) register(program);
  return program;
}
