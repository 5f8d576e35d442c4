// `npm run bench`: runs each benchmark module in turn; each prints its own figures and ratios.
import * as training from './training';

const modules: { run(): Promise<void> }[] = [training];

for (const module of modules) await module.run();
