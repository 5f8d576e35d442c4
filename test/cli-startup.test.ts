import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/program';

/** Every option each command documents in its --help. */
const OPTIONS: Record<string, string[]> = {
  eval: ['--expr', '--set', '--json'],
  check: ['--expr', '--set', '--tol', '--json'],
  export: ['--expr', '--set', '--format', '--weights', '--output'],
  train: ['--epochs', '--batch-size', '--lr', '--seed', '--l2', '--data', '--save', '--json'],
  landscape: ['--expr', '--set', '--data', '--samples', '--weights', '--dims', '--steps', '--range', '--seed', '--json'],
  optimize: ['--expr', '--set', '--data', '--samples', '--weights', '--method', '--budget', '--lr', '--step', '--scale', '--batch-size', '--seed', '--json'],
  import: ['--output', '--weights-out'],
};

/** Modules reached from `file` through static value imports (type-only imports and dynamic import() do not load anything at start). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) {
    const [, typeOnly, spec] = match;
    if (typeOnly !== undefined) continue;
    if (!spec.startsWith('.')) {
      seen.add(spec);
      continue;
    }
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, `${base}/index.ts`, base].find((f) => existsSync(f) && f.endsWith('.ts'));
    if (target !== undefined) staticImports(target, seen);
  }
  return seen;
}

describe('CLI start-up', () => {
  it('registers every command with complete help', () => {
    const program = createProgram();
    expect(program.commands.map((c) => c.name())).toEqual(Object.keys(OPTIONS));
    for (const command of program.commands) {
      const help = command.helpInformation();
      expect(help, command.name()).toMatch(new RegExp(`^Usage: gradflow ${command.name()} `));
      expect(command.description().length, command.name()).toBeGreaterThan(20);
      for (const flag of OPTIONS[command.name()]) expect(help, `${command.name()} ${flag}`).toContain(flag);
      // Every option carries a description.
      for (const option of command.options) expect(option.description.length, `${command.name()} ${option.flags}`).toBeGreaterThan(5);
    }
  });

  it('loads no command implementation, expression parser, layout engine or the core index to register the commands', () => {
    const reached = [...staticImports(resolve('src/cli/main.ts'))];
    const heavy = reached.filter((m) => /^(mathjs|elkjs|cli-progress|onnx-proto)|[\\/]cli[\\/]actions[\\/]|[\\/]core[\\/]index\.ts$|[\\/]core[\\/](expr|net|landscape[\\/](?!strategies))/.test(m));
    expect(heavy).toEqual([]);
    // The walk itself sees real imports: main reaches commander and every command module.
    expect(reached).toContain('commander');
    expect(reached.filter((m) => /[\\/]cli[\\/]commands[\\/]/.test(m))).toHaveLength(7);
  });

  it('loads a command\'s implementation when it runs', async () => {
    const reached = [...staticImports(resolve('src/cli/actions/eval.ts'))];
    expect(reached.some((m) => m.endsWith('core/eval/evaluate.ts'))).toBe(true);
    for (const name of Object.keys(OPTIONS)) expect(readFileSync(`src/cli/commands/${name}.ts`, 'utf8')).toContain(`import('../actions/${name}')`);
  });
});
