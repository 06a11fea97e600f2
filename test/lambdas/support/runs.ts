import type { ClaimRun, Slot } from '../../../lambdas/core/claim-run.ts';

export const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
export const KEY = '0b8e4e8c-5f0e-4a57-9f4d-3c2d1e0f9a8b';

export function claimedSlot(index: number): Slot {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    Status: 'CLAIMED',
    PhoneNumber: `+1800555${String(index).padStart(4, '0')}`,
    PhoneNumberId: id,
    PhoneNumberArn: `arn:aws:connect:us-east-1:123456789012:phone-number/${id}`,
    PhoneNumberCountryCode: 'US',
    PhoneNumberType: 'TOLL_FREE',
  };
}

/** A run of an explicit request with these slots, finished. */
export function finishedRun(slots: Slot[], changes: Partial<ClaimRun> = {}): ClaimRun {
  return {
    Valid: true,
    Request: {
      InstanceId: INSTANCE_ID,
      PhoneNumbers: slots.map((slot, i) => slot.PhoneNumber ?? `+1999${i}`),
    },
    IdempotencyKey: KEY,
    DeadlineAt: 0,
    Slots: slots,
    Next: { Action: 'DONE' },
    ...changes,
  };
}
