import { describe, expect, it } from 'vitest';
import type { ClaimRun } from '../../../lambdas/core/claim-run.ts';
import { requestIdempotencyKey } from '../../../lambdas/core/idempotency.ts';
import { defaultSettings, resolveSettings } from '../../../lambdas/core/settings.ts';
import { validateRequest } from '../../../lambdas/validate/validate-request.ts';
import { INSTANCE_ID } from '../support/runs.ts';
import { createVirtualClock } from '../support/virtual-clock.ts';

const executionId = 'arn:aws:states:us-east-1:123456789012:execution:PhoneNumberClaimer:run-1';

function deps() {
  return {
    clock: createVirtualClock(),
    settings: resolveSettings({ ...defaultSettings, deadlineSeconds: 900 }),
  };
}

describe('Function: validateRequest', () => {
  it('starts a run with one pending slot per explicit number, looked up first for an earlier run', () => {
    // Prepare
    const dependencies = deps();
    const input = { InstanceId: INSTANCE_ID, PhoneNumbers: ['+18005550100', '+18005550101'] };

    // Act
    const run = validateRequest(input, dependencies, executionId) as ClaimRun;

    // Assess
    expect(run.Valid).toBe(true);
    expect(run.Slots).toEqual([
      { Status: 'PENDING', PhoneNumber: '+18005550100' },
      { Status: 'PENDING', PhoneNumber: '+18005550101' },
    ]);
    expect(run.Next).toEqual({ Action: 'SEARCH' });
    expect(run.DeadlineAt).toBe(dependencies.clock.now() + 900_000);
    expect(run.IdempotencyKey).toBe(requestIdempotencyKey(run.Request));
    expect(run.ClaimScope).toBe(executionId);
  });

  it('starts a search request with open slots, searched next, its claims scoped to the execution', () => {
    // Act
    const run = validateRequest(
      {
        InstanceId: INSTANCE_ID,
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: 3 },
      },
      deps(),
      executionId,
    ) as ClaimRun;

    // Assess
    expect(run.Slots).toEqual([{ Status: 'PENDING' }, { Status: 'PENDING' }, { Status: 'PENDING' }]);
    expect(run.Next).toEqual({ Action: 'SEARCH' });
    expect(run.ClaimScope).toBe(executionId);
  });

  it('refuses an invalid input with every problem named, and no run', () => {
    // Act
    const outcome = validateRequest({ PhoneNumber: '555', Colour: 'blue' }, deps(), executionId);

    // Assess
    expect(outcome.Valid).toBe(false);
    if (outcome.Valid) return;
    expect(outcome.Problems.map((p) => p.Field)).toEqual(expect.arrayContaining(['PhoneNumber', 'Colour']));
    expect(outcome.Message).toContain('PhoneNumber:');
  });
});
