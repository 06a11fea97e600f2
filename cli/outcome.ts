import type { ClaimResult } from '../lambdas/core/claim-run.ts';
import { ExitStatus } from './exit-status.ts';
import { parseJsonOrUndefined } from './json-values.ts';

/** How an execution ended, offline or on AWS, in the terms the state machine uses. */
export type ExecutionEnd = {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
};

export type Outcome =
  | { readonly kind: 'result'; readonly result: ClaimResult }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Reads an execution's end: its output is the result; a ClaimFailed failure carries the result as its
 * cause (nothing was claimed); InvalidInput means the workflow refused the input; anything else is an error.
 */
export function outcomeOf(end: ExecutionEnd): Outcome {
  if (end.status === 'SUCCEEDED') {
    const result = asResult(typeof end.output === 'string' ? parseJsonOrUndefined(end.output) : end.output);
    return result
      ? { kind: 'result', result }
      : { kind: 'error', message: 'The execution succeeded without a result' };
  }
  if (end.error === 'ClaimFailed') {
    const result = asResult(parseJsonOrUndefined(end.cause));
    if (result) return { kind: 'result', result };
  }
  if (end.error === 'InvalidInput') return { kind: 'invalid', message: end.cause ?? 'invalid input' };
  const reason = [end.error, end.cause].filter(Boolean).join(': ');
  return { kind: 'error', message: `The execution ended ${end.status}${reason ? ` (${reason})` : ''}` };
}

export function exitStatusOf(outcome: Outcome): ExitStatus {
  switch (outcome.kind) {
    case 'result':
      return outcome.result.Status === 'SUCCEEDED' ? ExitStatus.Succeeded : ExitStatus.NotAllClaimed;
    case 'invalid':
      return ExitStatus.InvalidInput;
    case 'error':
      return ExitStatus.Error;
  }
}

function asResult(value: unknown): ClaimResult | undefined {
  const candidate = value as Partial<ClaimResult> | undefined;
  return candidate &&
    typeof candidate.Status === 'string' &&
    Array.isArray(candidate.Claimed) &&
    Array.isArray(candidate.Failed)
    ? (candidate as ClaimResult)
    : undefined;
}
