/**
 * The publish step: the run's result, and the result events of SPEC section 6 on the workflow's bus.
 * Events are best effort: a batch that still fails after a few tries is logged and counted, and the result is
 * returned anyway, because the execution's output is the record a caller relies on.
 */
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { fullJitterDelay } from '../core/backoff.ts';
import { DetailType, EVENT_SOURCE } from '../core/claim-events.ts';
import { type ClaimResult, type ClaimRun, targetOf } from '../core/claim-run.ts';
import type { StepDependencies, WorkflowDependencies } from '../core/dependencies.ts';
import { buildResult } from './claim-result.ts';

/** PutEvents takes at most 10 entries a call. */
const BATCH_SIZE = 10;
const ATTEMPTS = 3;
const RETRY_BACKOFF = { baseMs: 200, maxMs: 2_000 };

export type EventTally = { published: number; failed: number };

export type PublishDependencies = Pick<WorkflowDependencies, 'events'> &
  Pick<StepDependencies, 'clock' | 'settings' | 'logger' | 'random'> & {
    /** Filled in with how many events were put and how many were given up on. */
    readonly eventTally?: EventTally;
  };

/** The result events of a run, in the order they are put: one per number, then the completion. */
export function resultEvents(
  run: ClaimRun,
  result: ClaimResult,
  eventBusName: string,
): PutEventsRequestEntry[] {
  const context = { IdempotencyKey: run.IdempotencyKey, ...targetOf(run.Request) };
  const entry = (detailType: string, detail: object): PutEventsRequestEntry => ({
    EventBusName: eventBusName,
    Source: EVENT_SOURCE,
    DetailType: detailType,
    Detail: JSON.stringify(detail),
  });
  return [
    ...result.Claimed.map((claimed) => entry(DetailType.claimed, { ...claimed, ...context })),
    ...result.Failed.map((failed) => entry(DetailType.failed, { ...failed, ...context })),
    entry(DetailType.completed, { ...result, ...context }),
  ];
}

export async function publishResults(run: ClaimRun, deps: PublishDependencies): Promise<ClaimResult> {
  const result = buildResult(run);
  const entries = resultEvents(run, result, deps.settings.eventBusName);
  const tally = deps.eventTally ?? { published: 0, failed: 0 };
  for (let start = 0; start < entries.length; start += BATCH_SIZE) {
    await putBatch(entries.slice(start, start + BATCH_SIZE), deps, tally);
  }
  if (tally.failed > 0) {
    deps.logger?.error('Some result events could not be published', {
      ...tally,
      idempotencyKey: run.IdempotencyKey,
    });
  }
  return result;
}

async function putBatch(
  batch: PutEventsRequestEntry[],
  deps: PublishDependencies,
  tally: EventTally,
): Promise<void> {
  let pending = batch;
  let lastError = '';
  for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) await deps.clock.sleep(fullJitterDelay(RETRY_BACKOFF, attempt - 1, deps.random));
    try {
      const output = await deps.events.send(new PutEventsCommand({ Entries: pending }));
      const results = output.Entries ?? [];
      const failed = pending.filter((_entry, index) => results[index]?.ErrorCode !== undefined);
      for (const entry of results)
        if (entry.ErrorCode !== undefined) lastError = `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`;
      tally.published += pending.length - failed.length;
      pending = failed;
    } catch (error: unknown) {
      // Whatever went wrong, the entries were not accepted: try the whole batch again.
      lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  if (pending.length > 0) {
    tally.failed += pending.length;
    deps.logger?.warn('Result events given up after retries', { count: pending.length, lastError });
  }
}
