/** Bad input from the user (file, flag, expression): printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
