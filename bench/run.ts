// `npm run bench`: runs each benchmark module in turn; each prints its own figures and ratios.
import * as evaluator from './evaluator';
import * as training from './training';
import * as cnn from './cnn';
import * as embeddedLoad from './embedded-load';
import * as landscape from './landscape';
import * as editor from './editor';
import * as lectureWorker from './lecture-worker';
import * as cliStartup from './cli-startup';

const modules: { run(): Promise<void> }[] = [evaluator, training, cnn, embeddedLoad, landscape, editor, lectureWorker, cliStartup];

for (const module of modules) await module.run();
