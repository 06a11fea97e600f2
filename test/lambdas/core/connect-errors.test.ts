import {
  AccessDeniedException,
  IdempotencyException,
  InternalServiceException,
  InvalidParameterException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import {
  classifyClaimFailure,
  classifyConnectError,
  isTargetFailure,
} from '../../../lambdas/core/connect-errors.ts';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** An error as the SDK builds one for an exception the service model does not know. */
function unknownServiceError(name: string, status: number, message = 'something'): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    ...metadata(status),
  });
}

function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('Function: classifyConnectError', () => {
  it.each([
    ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', ...metadata(429) })],
    ['InternalServiceException', new InternalServiceException({ message: 'oops', ...metadata(500) })],
    ['an unknown 503', unknownServiceError('Unknown', 503)],
    ['an unknown 429', unknownServiceError('TooManyRequests', 429)],
    [
      'a TimeoutError',
      Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }),
    ],
    ['ECONNRESET', networkError('ECONNRESET', 'read ECONNRESET')],
    ['EPIPE', networkError('EPIPE', 'write EPIPE')],
    ['socket hang up', new Error('socket hang up')],
    [
      'a wrapped socket error',
      new TypeError('fetch failed', { cause: networkError('ECONNREFUSED', 'refused') }),
    ],
    ['$retryable', Object.assign(unknownServiceError('Weird', 400), { $retryable: {} })],
  ])('retries %s', (_name, error) => {
    // Act
    const classified = classifyConnectError(error);

    // Assess
    expect(classified).toEqual({ retryable: true, message: expect.any(String) });
  });

  it.each([
    [
      'a number taken by someone else',
      new InvalidParameterException({
        message: 'Phone number not available: +18005550100',
        ...metadata(400),
      }),
      'NumberUnavailable',
    ],
    [
      'another bad parameter',
      new InvalidParameterException({ message: 'Bad prefix', ...metadata(400) }),
      'InvalidParameter',
    ],
    ['AccessDeniedException', new AccessDeniedException({ message: 'no', ...metadata(403) }), 'AccessDenied'],
    [
      'ResourceNotFoundException',
      new ResourceNotFoundException({ message: 'gone', ...metadata(404) }),
      'ResourceNotFound',
    ],
    [
      'IdempotencyException',
      new IdempotencyException({ message: 'same name', ...metadata(409) }),
      'InvalidParameter',
    ],
    [
      'the claim-and-release limit',
      new InvalidParameterException({
        message: 'The account has reached its claim and release limit (200% of 5).',
        ...metadata(400),
      }),
      'LimitExceeded',
    ],
    [
      'ServiceQuotaExceededException',
      unknownServiceError('ServiceQuotaExceededException', 402),
      'LimitExceeded',
    ],
    ['an unknown 400', unknownServiceError('ValidationException', 400), 'InvalidParameter'],
  ])('fails %s for good', (_name, error, failure) => {
    // Act
    const classified = classifyConnectError(error);

    // Assess
    expect(classified).toEqual({ retryable: false, failure, message: expect.any(String) });
  });

  it("keeps Connect's message and explains a reused ClientToken", () => {
    // Act
    const unavailable = classifyConnectError(
      new InvalidParameterException({
        message: 'Phone number not available: +18005550100',
        ...metadata(400),
      }),
    );
    const reused = classifyConnectError(new IdempotencyException({ message: 'same name', ...metadata(409) }));

    // Assess
    expect(unavailable?.message).toContain('Phone number not available: +18005550100');
    expect(reused?.message).toMatch(/already used with other parameters/);
  });

  it.each([
    ['a TypeError', new TypeError('x is not a function')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('leaves %s unclassified: a bug to rethrow', (_name, error) => {
    // Act & Assess
    expect(classifyConnectError(error)).toBeUndefined();
  });
});

describe('Function: classifyClaimFailure', () => {
  it.each([
    ['The target has reached its limit of claimed phone numbers (quota 5).', 'LimitExceeded'],
    ['The account has reached its claim and release limit (200% of 5).', 'LimitExceeded'],
    ['The phone number could not be provisioned by the carrier.', 'ClaimFailed'],
    [undefined, 'ClaimFailed'],
  ])('names a FAILED claim with message %j %s', (message, failure) => {
    // Act & Assess
    expect(classifyClaimFailure(message)).toBe(failure);
  });
});

describe('Function: isTargetFailure', () => {
  it('holds for failures of the whole target only', () => {
    // Act & Assess
    expect(
      ['ResourceNotFound', 'AccessDenied', 'LimitExceeded'].every((f) => isTargetFailure(f as never)),
    ).toBe(true);
    expect(
      ['NumberUnavailable', 'ClaimFailed', 'InvalidParameter'].some((f) => isTargetFailure(f as never)),
    ).toBe(false);
  });
});
