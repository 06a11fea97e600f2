import { formatProblems, parseClaimRequest } from '../core/claim-request.ts';
import type { ClaimRun, InvalidRequest, Slot } from '../core/claim-run.ts';
import type { StepDependencies } from '../core/dependencies.ts';
import { requestIdempotencyKey } from '../core/idempotency.ts';

/**
 * Checks a workflow input and starts its run: one slot per requested number, or per number to search for.
 * An invalid input becomes an `InvalidRequest` naming every problem; nothing is called on Connect.
 */
export function validateRequest(
  input: unknown,
  deps: Pick<StepDependencies, 'clock' | 'settings'>,
  executionId?: string,
): ClaimRun | InvalidRequest {
  const parsed = parseClaimRequest(input);
  if (!parsed.ok) {
    return {
      Valid: false,
      Message: `The claim request is invalid:\n${formatProblems(parsed.problems)}`,
      Problems: parsed.problems,
    };
  }
  const { request } = parsed;
  const slots: Slot[] = request.Search
    ? Array.from({ length: request.Search.Quantity }, () => ({ Status: 'PENDING' }))
    : (request.PhoneNumbers ?? []).map((PhoneNumber) => ({ Status: 'PENDING', PhoneNumber }));
  return {
    Valid: true,
    Request: request,
    IdempotencyKey: requestIdempotencyKey(request),
    DeadlineAt: deps.clock.now() + deps.settings.deadlineSeconds * 1000,
    ...(executionId !== undefined && { ClaimScope: executionId }),
    Slots: slots,
    // Searched first either way: the search step also finds what an earlier run of the request claimed.
    Next: { Action: 'SEARCH' },
  };
}
