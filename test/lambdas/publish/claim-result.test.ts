import { describe, expect, it } from 'vitest';
import { buildResult } from '../../../lambdas/publish/claim-result.ts';
import { claimedSlot, finishedRun } from '../support/runs.ts';

describe('Function: buildResult', () => {
  it('reports every claimed number with all its fields as SUCCEEDED', () => {
    // Act
    const result = buildResult(finishedRun([claimedSlot(1), claimedSlot(2)]));

    // Assess
    expect(result).toEqual({
      Status: 'SUCCEEDED',
      Requested: 2,
      Claimed: [
        {
          PhoneNumber: '+18005550001',
          PhoneNumberId: '00000000-0000-4000-8000-000000000001',
          PhoneNumberArn:
            'arn:aws:connect:us-east-1:123456789012:phone-number/00000000-0000-4000-8000-000000000001',
          PhoneNumberCountryCode: 'US',
          PhoneNumberType: 'TOLL_FREE',
          PhoneNumberStatus: { Status: 'CLAIMED' },
        },
        expect.objectContaining({ PhoneNumber: '+18005550002' }),
      ],
      Failed: [],
    });
  });

  it('reports failures with their number and id when known, as PARTIALLY_SUCCEEDED', () => {
    // Act
    const result = buildResult(
      finishedRun([
        claimedSlot(1),
        {
          Status: 'FAILED',
          PhoneNumber: '+18005550002',
          PhoneNumberId: 'id-2',
          Error: 'StillInProgress',
          Message: 'later',
        },
        { Status: 'FAILED', Error: 'NoNumbersAvailable', Message: 'none' },
      ]),
    );

    // Assess
    expect(result.Status).toBe('PARTIALLY_SUCCEEDED');
    expect(result.Failed).toEqual([
      { PhoneNumber: '+18005550002', PhoneNumberId: 'id-2', Error: 'StillInProgress', Message: 'later' },
      { Error: 'NoNumbersAvailable', Message: 'none' },
    ]);
    expect(result.Requested).toBe(result.Claimed.length + result.Failed.length);
  });

  it('is FAILED when nothing was claimed', () => {
    // Act
    const result = buildResult(
      finishedRun([
        { Status: 'FAILED', PhoneNumber: '+18005550001', Error: 'NumberUnavailable', Message: 'taken' },
      ]),
    );

    // Assess
    expect(result).toMatchObject({ Status: 'FAILED', Requested: 1, Claimed: [] });
  });

  it("fails unsettled slots as WorkflowError with the step error's message", () => {
    // Prepare
    const run = finishedRun(
      [
        claimedSlot(1),
        { Status: 'IN_PROGRESS', PhoneNumber: '+18005550002', PhoneNumberId: 'id-2', DueAt: 5 },
        { Status: 'PENDING', PhoneNumber: '+18005550003' },
      ],
      {
        StepError: {
          Error: 'ConnectUnavailable',
          Cause: JSON.stringify({
            errorType: 'ConnectUnavailable',
            errorMessage: 'All 4 Connect calls failed',
          }),
        },
      },
    );

    // Act
    const result = buildResult(run);

    // Assess
    expect(result.Status).toBe('PARTIALLY_SUCCEEDED');
    expect(result.Failed).toEqual([
      {
        PhoneNumber: '+18005550002',
        PhoneNumberId: 'id-2',
        Error: 'WorkflowError',
        Message: expect.stringMatching(
          /ConnectUnavailable: All 4 Connect calls failed.*id-2 may still complete/,
        ),
      },
      {
        PhoneNumber: '+18005550003',
        Error: 'WorkflowError',
        Message: 'A workflow step failed: ConnectUnavailable: All 4 Connect calls failed',
      },
    ]);
  });

  it('keeps a step error cause that is plain text', () => {
    // Act
    const result = buildResult(
      finishedRun([{ Status: 'PENDING', PhoneNumber: '+18005550001' }], {
        StepError: { Error: 'States.Timeout', Cause: 'Task timed out' },
      }),
    );

    // Assess
    expect(result.Failed[0]?.Message).toBe('A workflow step failed: States.Timeout: Task timed out');
  });
});
