/** The CLI's exit statuses (SPEC section 2). */
export const ExitStatus = {
  Succeeded: 0,
  NotAllClaimed: 1,
  InvalidInput: 2,
  Error: 3,
} as const;
export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];

/** Bad command-line usage or workflow input: nothing was called on Connect. */
export class UsageError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'UsageError';
    this.problems = problems;
  }
}
