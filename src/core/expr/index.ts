/** Expressions (mathjs syntax) to graphs and back, and graphs to LaTeX. */
export * from './toGraph';
export * from './toText';
export * from './number';
