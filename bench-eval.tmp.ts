import { run } from './bench/evaluator.ts';
await run();
