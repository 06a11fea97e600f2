/**
 * The workflow's typed errors. A Lambda throws only for systemic trouble; the state machine's Retry and Catch
 * match the `name` of what it throws, so the names here are part of the workflow's contract.
 */

export type Problem = { readonly Field: string; readonly Rule: string };

/** The workflow input breaks a rule of the input schema; nothing was called on Connect. */
export class InvalidInputError extends Error {
  readonly problems: readonly Problem[];

  constructor(message: string, problems: readonly Problem[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidInputError';
    this.problems = problems;
  }
}

/**
 * Every Connect call of a step failed with a retryable error, after the SDK's own retries. The state machine
 * retries the step on this name with exponential backoff: the name must stay `ConnectUnavailable`.
 */
export class ConnectUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectUnavailable';
  }
}

/** A step received an event or a claim run that the workflow cannot have produced: a bug, never retried. */
export class InvalidRunError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidRunError';
  }
}

/** A setting or environment variable is missing or invalid: the Lambda cannot start. */
export class ConfigurationError extends Error {
  /** The environment variable or setting at fault. */
  readonly variable: string;
  /** What the value must be. */
  readonly rule: string;

  constructor(variable: string, rule: string, options?: ErrorOptions) {
    super(`${variable}: ${rule}`, options);
    this.name = 'ConfigurationError';
    this.variable = variable;
    this.rule = rule;
  }
}
