/** The core's public surface: pure TypeScript, no React, DOM or UI. */
export * from './ops/types';
export * from './ops/table';
export * from './graph/types';
export * from './graph/errors';
export * from './graph/program';
export * from './eval/evaluate';
export * from './eval/stepper';
export * from './eval/gradcheck';
