/**
 * The events the state machine's Task Parameters send the Lambdas. They come from our own definition, so a
 * malformed one is a bug: it fails the step loudly instead of being guessed at.
 */
import type { ClaimRun } from './claim-run.ts';
import { InvalidRunError } from './errors.ts';

/** validate: `{ Input: <the execution input>, ExecutionId: $$.Execution.Id }`. */
export type ValidateEvent = { readonly Input: unknown; readonly ExecutionId: string };

/** search, claim and publish: `{ Run: $, ExecutionId: $$.Execution.Id }`. */
export type RunEvent = { readonly Run: ClaimRun; readonly ExecutionId: string };

export function readValidateEvent(event: unknown): ValidateEvent {
  if (!isRecord(event) || !('Input' in event)) {
    throw new InvalidRunError('The validate step expects an event { Input, ExecutionId }');
  }
  return { Input: event.Input, ExecutionId: executionIdOf(event) };
}

export function readRunEvent(event: unknown, step: string): RunEvent {
  if (!isRecord(event) || !isRecord(event.Run)) {
    throw new InvalidRunError(`The ${step} step expects an event { Run, ExecutionId }`);
  }
  const run = event.Run;
  if (
    run.Valid !== true ||
    !isRecord(run.Request) ||
    typeof run.IdempotencyKey !== 'string' ||
    typeof run.DeadlineAt !== 'number' ||
    !Array.isArray(run.Slots) ||
    !run.Slots.every((slot) => isRecord(slot) && typeof slot.Status === 'string')
  ) {
    throw new InvalidRunError(
      `The ${step} step was given something that is not a claim run (Valid, Request, IdempotencyKey, DeadlineAt, Slots)`,
    );
  }
  return { Run: run as unknown as ClaimRun, ExecutionId: executionIdOf(event) };
}

function executionIdOf(event: Record<string, unknown>): string {
  // Tests and ad-hoc invocations may leave it out; it only serves log correlation.
  return typeof event.ExecutionId === 'string' ? event.ExecutionId : 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
