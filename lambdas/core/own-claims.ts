/**
 * Claims of this request made by another execution: an earlier run (found by the search step's recovery) or
 * one running at the same moment (found by the claim step when Connect says a number is not available). They
 * carry the request's tag; a slot takes such a claim over instead of claiming the number again.
 */
import type { DescribePhoneNumberCommandOutput } from '@aws-sdk/client-connect';
import { type ClaimRun, type Slot, targetOf } from './claim-run.ts';
import type { ConnectCalls } from './connect-calls.ts';
import { classifyConnectError } from './connect-errors.ts';
import { REQUEST_TAG_KEY } from './idempotency.ts';

export type ClaimSummary = NonNullable<DescribePhoneNumberCommandOutput['ClaimedPhoneNumberSummary']>;

/** The number's summary when its claim carries the request's tag; undefined when not, or when it is gone. */
export async function describeIfOwn(
  calls: ConnectCalls,
  phoneNumberId: string,
  idempotencyKey: string,
): Promise<ClaimSummary | undefined> {
  let summary: ClaimSummary | undefined;
  try {
    summary = (await calls.describe(phoneNumberId)).ClaimedPhoneNumberSummary;
  } catch (error: unknown) {
    // Released since it was listed: nothing to take over.
    if (classifyConnectError(error)?.retryable === false) return undefined;
    throw error;
  }
  return summary?.Tags?.[REQUEST_TAG_KEY] === idempotencyKey && summary.PhoneNumber !== undefined
    ? summary
    : undefined;
}

/** The request's own claim of `phoneNumber` on its target, if another execution made one. */
export async function findOwnClaim(
  calls: ConnectCalls,
  run: ClaimRun,
  phoneNumber: string,
): Promise<ClaimSummary | undefined> {
  const listed = await calls.list({
    ...targetOf(run.Request),
    PhoneNumberPrefix: phoneNumber,
    MaxResults: 10,
  });
  const match = listed.ListPhoneNumbersSummaryList?.find((summary) => summary.PhoneNumber === phoneNumber);
  return match?.PhoneNumberId === undefined
    ? undefined
    : describeIfOwn(calls, match.PhoneNumberId, run.IdempotencyKey);
}

/**
 * A slot takes over its request's claim: CLAIMED counts as claimed, IN_PROGRESS is checked by the claim step
 * from `now`. Returns false for a FAILED claim, which is not taken over.
 */
export function takeOverClaim(slot: Slot, summary: ClaimSummary, now: number): boolean {
  const status = summary.PhoneNumberStatus?.Status;
  if (status === 'FAILED' || summary.PhoneNumber === undefined) return false;
  slot.PhoneNumber = summary.PhoneNumber;
  if (summary.PhoneNumberId !== undefined) slot.PhoneNumberId = summary.PhoneNumberId;
  if (summary.PhoneNumberArn !== undefined) slot.PhoneNumberArn = summary.PhoneNumberArn;
  delete slot.Message;
  delete slot.Attempts;
  if (status === 'CLAIMED') {
    slot.Status = 'CLAIMED';
    if (summary.PhoneNumberCountryCode !== undefined)
      slot.PhoneNumberCountryCode = summary.PhoneNumberCountryCode;
    if (summary.PhoneNumberType !== undefined) slot.PhoneNumberType = summary.PhoneNumberType;
    delete slot.DueAt;
  } else {
    slot.Status = 'IN_PROGRESS';
    slot.Checks = 0;
    slot.DueAt = now;
  }
  return true;
}
