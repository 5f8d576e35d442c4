// `npm run bench`: runs each benchmark module in turn; each prints its own figures and ratios.
import * as evaluator from './evaluator';
import * as training from './training';
import * as landscape from './landscape';
import * as editor from './editor';
import * as lectureWorker from './lecture-worker';

const modules: { run(): Promise<void> }[] = [evaluator, training, landscape, editor, lectureWorker];

for (const module of modules) await module.run();
