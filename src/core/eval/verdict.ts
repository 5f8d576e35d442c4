import type { GradCheck } from './gradcheck';

/** CS231n's reading of a gradient check's relative error. */
export type GradVerdict = 'good' | 'acceptable' | 'suspicious' | 'wrong';

/** Upper bounds of CS231n's reading of a relative error (see gradCheckVerdict). */
export const GRAD_VERDICT_LIMITS = { good: 1e-7, acceptable: 1e-4, suspicious: 1e-2 } as const;

/**
 * CS231n's reading of a gradient check's relative error: below 1e-7 good; up to 1e-4 acceptable
 * (expected near kinks such as relu, max or abs at 0); above 1e-2 wrong. Between 1e-4 and 1e-2
 * the notes call it "uncomfortable": we say suspicious, a gradient to look at but not a clear bug.
 * NaN (a non-finite gradient on either side) is wrong.
 */
export function gradCheckVerdict(relativeError: number): GradVerdict {
  if (Number.isNaN(relativeError)) return 'wrong';
  if (relativeError < GRAD_VERDICT_LIMITS.good) return 'good';
  if (relativeError <= GRAD_VERDICT_LIMITS.acceptable) return 'acceptable';
  if (relativeError <= GRAD_VERDICT_LIMITS.suspicious) return 'suspicious';
  return 'wrong';
}

/** Each input of a gradient check with its verdict, for badges: node id, relative error, verdict. */
export function gradCheckVerdicts(check: GradCheck): { nodeId: string; relativeError: number; verdict: GradVerdict }[] {
  return check.inputs.map((c) => ({ nodeId: c.nodeId, relativeError: c.relativeError, verdict: gradCheckVerdict(c.relativeError) }));
}
