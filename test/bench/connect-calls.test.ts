import { describe, expect, it } from 'vitest';
import { tallyConnectCalls } from '../../bench/connect-calls.ts';

describe('Function: tallyConnectCalls', () => {
  it('counts Connect requests by operation and the 429 answers, leaving out EventBridge', () => {
    // Prepare
    const calls = {
      ClaimPhoneNumber: { total: 12, byStatus: { '200': 10, '429': 2 }, dropped: 0 },
      DescribePhoneNumber: { total: 15, byStatus: { '200': 14, '429': 1 }, dropped: 0 },
      PutEvents: { total: 3, byStatus: { '200': 3 }, dropped: 0 },
    };

    // Act
    const tally = tallyConnectCalls(calls);

    // Assess
    expect(tally).toEqual({
      total: 27,
      byOperation: { ClaimPhoneNumber: 12, DescribePhoneNumber: 15 },
      throttled: 3,
      throttledByOperation: { ClaimPhoneNumber: 2, DescribePhoneNumber: 1 },
    });
  });
});
