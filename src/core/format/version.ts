/** The `format` field every gradflow graph file carries. */
export const FORMAT_NAME = 'gradflow.graph';

/** The file format version this gradflow writes and reads up to. */
export const FORMAT_VERSION = 1;
