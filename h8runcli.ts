import { run } from '/work/main/bench/cli-startup';
await run();
