import { run } from '/work/main/bench/evaluator.ts';
await run();
