import type { ClaimedNumber, ClaimResult, ClaimRun, FailedNumber, Slot } from '../core/claim-run.ts';

/**
 * The workflow result (SPEC section 4) of a finished run: `Claimed` holds exactly the numbers the run left
 * claimed, `Failed` every other slot, so `Requested = |Claimed| + |Failed|`.
 */
export function buildResult(run: ClaimRun): ClaimResult {
  const claimed: ClaimedNumber[] = [];
  const failed: FailedNumber[] = [];
  const stepError = run.StepError && describeStepError(run.StepError);
  const search = run.Request.Search;
  for (const slot of run.Slots) {
    if (slot.Status === 'CLAIMED' && slot.PhoneNumber !== undefined && slot.PhoneNumberId !== undefined) {
      claimed.push({
        PhoneNumber: slot.PhoneNumber,
        PhoneNumberId: slot.PhoneNumberId,
        PhoneNumberArn: slot.PhoneNumberArn ?? '',
        PhoneNumberCountryCode: slot.PhoneNumberCountryCode ?? search?.PhoneNumberCountryCode ?? '',
        PhoneNumberType: slot.PhoneNumberType ?? search?.PhoneNumberType ?? '',
        PhoneNumberStatus: { Status: 'CLAIMED' },
      });
    } else if (slot.Status === 'FAILED') {
      failed.push(failedNumber(slot, slot.Error ?? 'ClaimFailed', slot.Message ?? 'The claim failed'));
    } else {
      failed.push(unsettled(slot, stepError));
    }
  }
  const status =
    claimed.length === run.Slots.length ? 'SUCCEEDED' : claimed.length > 0 ? 'PARTIALLY_SUCCEEDED' : 'FAILED';
  return { Status: status, Requested: run.Slots.length, Claimed: claimed, Failed: failed };
}

/** A slot the run left unsettled: only a step that failed after its retries ends a run so. */
function unsettled(slot: Slot, stepError: string | undefined): FailedNumber {
  const reason = stepError ?? 'The workflow ended before this claim settled';
  const message =
    slot.Status === 'IN_PROGRESS' || slot.PhoneNumberId !== undefined
      ? `${reason}; the claim of PhoneNumberId ${slot.PhoneNumberId} may still complete: check it with DescribePhoneNumber`
      : reason;
  return failedNumber(slot, 'WorkflowError', message);
}

function failedNumber(slot: Slot, error: FailedNumber['Error'], message: string): FailedNumber {
  return {
    ...(slot.PhoneNumber !== undefined && { PhoneNumber: slot.PhoneNumber }),
    ...(slot.PhoneNumberId !== undefined && { PhoneNumberId: slot.PhoneNumberId }),
    Error: error,
    Message: message,
  };
}

/**
 * The text of a step error caught by the state machine. A Lambda's Cause is the JSON of its error
 * (`errorType`, `errorMessage`); other causes are plain text.
 */
function describeStepError(stepError: NonNullable<ClaimRun['StepError']>): string {
  let detail = stepError.Cause ?? '';
  try {
    const cause: unknown = JSON.parse(detail);
    if (typeof cause === 'object' && cause !== null && 'errorMessage' in cause) {
      detail = String((cause as { errorMessage: unknown }).errorMessage);
    }
  } catch (error: unknown) {
    if (!(error instanceof SyntaxError)) throw error;
    // Not JSON: the cause is already text.
  }
  return detail === ''
    ? `A workflow step failed: ${stepError.Error}`
    : `A workflow step failed: ${stepError.Error}: ${detail}`;
}
