/**
 * What an error from a Connect call means for the workflow: retry later, or a stable failure name (SPEC
 * section 4). The JS SDK names a service error from the `x-amzn-ErrorType` header and puts the HTTP status in
 * `$metadata`; network trouble arrives as plain Node errors with a `code`.
 */
import type { FailureName } from './claim-run.ts';

export type ConnectErrorClass =
  | { readonly retryable: true; readonly message: string }
  | { readonly retryable: false; readonly failure: FailureName; readonly message: string };

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalServiceException',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
]);

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

// Connect documents no error for a full target or the claim-and-release limit; the emulator and the
// AWS-wide wording both speak of a limit or quota reached or exceeded.
const LIMIT_REACHED = /reached .*limit|limit (?:was |has been )?(?:reached|exceeded)|quota/i;

/** Failures that concern the whole target, not one number: once seen, no further claim can succeed. */
const TARGET_FAILURES: ReadonlySet<FailureName> = new Set([
  'ResourceNotFound',
  'AccessDenied',
  'LimitExceeded',
]);

export function isTargetFailure(failure: FailureName): boolean {
  return TARGET_FAILURES.has(failure);
}

/**
 * Classifies an error thrown by a Connect call. `undefined` when it is neither a service answer nor network
 * trouble (a TypeError, say): that is a bug, and the caller rethrows it.
 */
export function classifyConnectError(error: unknown): ConnectErrorClass | undefined {
  if (!(error instanceof Error)) return undefined;
  const { name, message } = error;
  const status = httpStatusOf(error);
  const serviceError = status !== undefined || hasOwn(error, '$fault');

  if (
    RETRYABLE_NAMES.has(name) ||
    (status !== undefined && (status === 429 || status >= 500)) ||
    (hasOwn(error, '$retryable') && Boolean((error as { $retryable?: unknown }).$retryable)) ||
    (hasOwn(error, '$fault') && (error as { $fault?: unknown }).$fault === 'server') ||
    RETRYABLE_CODES.has(codeOf(error) ?? '') ||
    /socket hang up|ECONNRESET|EPIPE/i.test(message)
  ) {
    return { retryable: true, message: describe(name, message) };
  }
  if (!serviceError) return undefined;

  if (name === 'AccessDeniedException' || status === 403) {
    return { retryable: false, failure: 'AccessDenied', message: describe(name, message) };
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    return { retryable: false, failure: 'ResourceNotFound', message: describe(name, message) };
  }
  if (name === 'IdempotencyException') {
    return {
      retryable: false,
      failure: 'InvalidParameter',
      message: `Connect refused the claim's ClientToken: it was already used with other parameters (${describe(name, message)})`,
    };
  }
  if (
    name === 'ServiceQuotaExceededException' ||
    name === 'LimitExceededException' ||
    LIMIT_REACHED.test(message)
  ) {
    return { retryable: false, failure: 'LimitExceeded', message: describe(name, message) };
  }
  if (/not available/i.test(message)) {
    return { retryable: false, failure: 'NumberUnavailable', message: describe(name, message) };
  }
  return { retryable: false, failure: 'InvalidParameter', message: describe(name, message) };
}

/** The failure name of a claim that Connect reported FAILED, from its `PhoneNumberStatus.Message`. */
export function classifyClaimFailure(message: string | undefined): 'LimitExceeded' | 'ClaimFailed' {
  return message !== undefined && /limit/i.test(message) ? 'LimitExceeded' : 'ClaimFailed';
}

function describe(name: string, message: string): string {
  if (message === '') return name;
  return name === 'Error' || name === 'Unknown' || message.includes(name) ? message : `${name}: ${message}`;
}

function httpStatusOf(error: Error): number | undefined {
  const metadata = (error as { $metadata?: unknown }).$metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const status = (metadata as { httpStatusCode?: unknown }).httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // undici and fetch wrap the socket error in `cause`.
  return error.cause instanceof Error ? codeOf(error.cause) : undefined;
}

function hasOwn(error: Error, key: string): boolean {
  return key in error;
}
