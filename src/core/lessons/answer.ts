/** Reading and judging a number a learner typed. */

/** A typed answer is right when it is within this fraction of the exact value (1%: 0.197 for 0.19661 is right). */
export const RELATIVE_TOLERANCE = 0.01;
/** Near zero a relative test is meaningless: answers this close to an exact 0 are right. */
export const ABSOLUTE_TOLERANCE = 1e-6;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number in what a learner typed: a decimal (1e-3 notation allowed), the typographic minus, or a
 * fraction of two such numbers (−1/9). Anything else is not an answer; nothing typed is evaluated as code.
 */
export function parseAnswer(text: string): number | undefined {
  const clean = text.trim().replace(/[−–]/g, '-').replace(/\s+/g, '');
  if (clean === '') return undefined;
  const parts = clean.split('/');
  if (parts.length > 2 || !parts.every((p) => NUMBER.test(p))) return undefined;
  const value = parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(parts[0]);
  return Number.isFinite(value) ? value : undefined;
}

/** True when `answer` is within the relative tolerance of `exact` (or within the absolute one near zero). */
export function answerMatches(answer: number, exact: number, relative = RELATIVE_TOLERANCE): boolean {
  if (!Number.isFinite(exact)) return false;
  return Math.abs(answer - exact) <= Math.max(relative * Math.abs(exact), ABSOLUTE_TOLERANCE);
}
