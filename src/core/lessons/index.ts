/** Lessons and the quiz: the lesson format, its validation, and task checks by the engine. */
export * from './types';
export * from './validate';
export * from './answer';
export * from './check';
export * from './quiz';
