import { t } from '../../i18n';
import type { Command } from 'commander';
import type { CheckOptions } from '../actions/check';
import { collect } from '../flags';

/** Relative error above which an input fails (CS231n: below 1e-7 is good, above 1e-2 is wrong). */
export const DEFAULT_TOLERANCE = 1e-6;

/** `gradflow check`: analytic against numerical gradient for every input; exit 1 above --tol. */
export function register(program: Command): void {
  program
    .command('check')
    .description(t('cli.check.description'))
    .argument('[file]', t('cli.check.args.file'))
    .option('--expr <expression>', t('cli.check.options.expr'))
    .option('--set <name=value>', t('cli.check.options.set'), collect, [])
    .option('--tol <tolerance>', t('cli.check.options.tol'), String(DEFAULT_TOLERANCE))
    .option('--json', t('cli.check.options.json'))
    .action(async (file: string | undefined, options: CheckOptions) => {
      await (await import('../actions/check')).runCheck(file, options);
    });
}
