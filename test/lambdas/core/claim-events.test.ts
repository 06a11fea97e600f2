import { describe, expect, it } from 'vitest';
import { matchClaimRequestedEvent } from '../../../lambdas/core/claim-events.ts';

const detail = { InstanceId: '11111111-2222-4333-8444-555555555555', PhoneNumber: '+18005550100' };

function requestedEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: 'c0e1b6a4-3f5a-4c3e-9d5e-2b1f7a9e8d01',
    source: 'phone-number-claimer',
    'detail-type': 'Claim Phone Numbers Requested',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}

describe('Function: matchClaimRequestedEvent', () => {
  it('matches a request event and hands on its detail as the workflow input', () => {
    // Act
    const match = matchClaimRequestedEvent(requestedEvent());

    // Assess
    expect(match).toEqual({ matched: true, input: detail });
  });

  it('names the source the rule expects when the source differs', () => {
    // Act
    const match = matchClaimRequestedEvent(requestedEvent({ source: 'billing' }));

    // Assess
    expect(match).toEqual({
      matched: false,
      reason: "source is 'billing', the rule matches 'phone-number-claimer'",
    });
  });

  it('names the detail-type the rule expects when the detail-type differs or is missing', () => {
    // Act
    const other = matchClaimRequestedEvent(requestedEvent({ 'detail-type': 'Phone Number Claimed' }));
    const missing = matchClaimRequestedEvent(requestedEvent({ 'detail-type': undefined }));

    // Assess
    expect(other).toEqual({
      matched: false,
      reason: "detail-type is 'Phone Number Claimed', the rule matches 'Claim Phone Numbers Requested'",
    });
    expect(missing).toMatchObject({
      matched: false,
      reason: expect.stringContaining('detail-type is missing'),
    });
  });

  it('matches values exactly, as EventBridge does (no case folding, no arrays)', () => {
    expect(matchClaimRequestedEvent(requestedEvent({ source: 'Phone-Number-Claimer' })).matched).toBe(false);
    expect(matchClaimRequestedEvent(requestedEvent({ source: ['phone-number-claimer'] })).matched).toBe(
      false,
    );
  });

  it('rejects an event without detail, and anything that is not an object', () => {
    // Act
    const withoutDetail = requestedEvent();
    delete withoutDetail.detail;

    // Assess
    expect(matchClaimRequestedEvent(withoutDetail)).toEqual({
      matched: false,
      reason: 'detail is missing: it carries the workflow input',
    });
    expect(matchClaimRequestedEvent([requestedEvent()])).toMatchObject({
      matched: false,
      reason: 'the event must be a JSON object, got an array',
    });
    expect(matchClaimRequestedEvent(null).matched).toBe(false);
  });
});
