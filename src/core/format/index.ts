/** The gradflow.graph file format: read, write, migrate. */
export * from './version';
export * from './parse';
export * from './serialize';
export * from './migrate';
export * from './jsonText';
export * from './values';
export * from './limits';
