import { t } from '../../i18n';
import type { Command } from 'commander';
import type { EvalOptions } from '../actions/eval';
import { collect } from '../flags';

/** `gradflow eval`: forward and backward, every node's value and gradient, every edge's numbers. */
export function register(program: Command): void {
  program
    .command('eval')
    .description(t('cli.eval.description'))
    .argument('[file]', t('cli.eval.args.file'))
    .option('--expr <expression>', t('cli.eval.options.expr'))
    .option('--set <name=value>', t('cli.eval.options.set'), collect, [])
    .option('--json', t('cli.eval.options.json'))
    .addHelpText('after', `\n${t('cli.example')}\n  gradflow eval --expr "(x+y)*z" --set x=-2 --set y=5 --set z=-4`)
    .action(async (file: string | undefined, options: EvalOptions) => {
      await (await import('../actions/eval')).runEval(file, options);
    });
}
