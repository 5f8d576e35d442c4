import { GraphError, placeSuffix } from '../core';

/** An error as one line for the user, with the same words and place as the command line prints (core/graph/quote.ts). */
export function errorText(error: unknown): string {
  if (error instanceof GraphError) return error.message + placeSuffix(error.message, error.place);
  return error instanceof Error ? error.message : String(error);
}
