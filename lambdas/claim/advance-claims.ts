/**
 * The claim step: one reconcile pass over a time slice. Two workers run side by side, each paced by its own
 * operation's token bucket: the claimer sends ClaimPhoneNumber for PENDING slots that are due, the checker
 * polls DescribePhoneNumber for IN_PROGRESS claims that are due. The pass then tells the state machine
 * whether to wait, go on, search for more numbers, or publish.
 *
 * A number is claimed at most once: a slot is claimed only while PENDING, every claim carries a ClientToken
 * derived from the request and the number (a retry is the same claim to Connect), and a number that failed in
 * a slot goes to `Tried`, which the search never offers again.
 */

import { fullJitterDelay } from '../core/backoff.ts';
import { type ClaimRun, type FailureName, type NextAction, type Slot, targetOf } from '../core/claim-run.ts';
import { connectCalls } from '../core/connect-calls.ts';
import { classifyClaimFailure, classifyConnectError, isTargetFailure } from '../core/connect-errors.ts';
import type { StepDependencies } from '../core/dependencies.ts';
import { ConnectUnavailableError } from '../core/errors.ts';
import { claimClientToken, REQUEST_TAG_KEY } from '../core/idempotency.ts';
import { findOwnClaim, takeOverClaim } from '../core/own-claims.ts';
import { type ResolvedSettings, resolveSettings } from '../core/settings.ts';
import { assignCandidates, claimedSlot, failSlot, isOpen, isSettled, replaceNumber } from '../core/slots.ts';

/** A pass waits in-process for work due this soon; anything later is left to the state machine's Wait. */
export const MAX_IN_PASS_IDLE_MS = 2_000;
/** Bounds of a Wait state's seconds. */
export const MIN_WAIT_SECONDS = 1;
export const MAX_WAIT_SECONDS = 60;

type Worker = 'claim' | 'check';

/** Delay before the next status check, once `checksDone` checks were made since the claim. */
export function checkDelayMs(settings: ResolvedSettings, checksDone: number): number {
  const schedule = settings.checkScheduleSeconds;
  return (schedule[Math.min(checksDone, schedule.length - 1)] ?? 60) * 1000;
}

/** Seconds of a Wait until `dueAt`: whole, within bounds, and never far past the run's deadline. */
export function waitSecondsUntil(now: number, dueAt: number, deadlineAt: number): number {
  const untilDue = Math.ceil((dueAt - now) / 1000);
  const untilDeadline = Math.ceil((deadlineAt - now) / 1000) + 1;
  return Math.max(MIN_WAIT_SECONDS, Math.min(untilDue, MAX_WAIT_SECONDS, untilDeadline));
}

export async function advanceClaims(input: ClaimRun, deps: StepDependencies): Promise<ClaimRun> {
  const run = structuredClone(input);
  const settings = resolveSettings(deps.settings);
  const { clock } = deps;
  const calls = connectCalls(deps);
  const random = deps.random ?? Math.random;
  const key = run.IdempotencyKey;
  const target = targetOf(run.Request);
  const tags = { ...run.Request.Tags, [REQUEST_TAG_KEY]: key };
  const isSearch = run.Request.Search !== undefined;
  const sliceEnd = clock.now() + settings.sliceSeconds * 1000;

  const busy = new Set<Slot>();
  const inFlight = new Map<Worker, Promise<void>>();
  const tally = { calls: 0, retryable: 0, lastRetryable: '' };
  /** A failure of the whole target (gone, denied, full): no further claim can succeed. */
  let stopClaims: { failure: FailureName; message: string } | undefined;

  const dueClaim = (now: number) =>
    stopClaims
      ? undefined
      : run.Slots.find(
          (slot) =>
            slot.Status === 'PENDING' && !isOpen(slot) && !busy.has(slot) && (slot.DueAt ?? now) <= now,
        );
  const dueCheck = (now: number) =>
    run.Slots.filter((slot) => slot.Status === 'IN_PROGRESS' && !busy.has(slot) && (slot.DueAt ?? now) <= now)
      .sort((a, b) => (a.DueAt ?? 0) - (b.DueAt ?? 0))
      .at(0);
  /** The earliest time a worker not now busy has something to do. */
  const earliestDue = (workers: readonly Worker[]) => {
    let earliest: number | undefined;
    for (const slot of run.Slots) {
      if (busy.has(slot)) continue;
      const claimable =
        slot.Status === 'PENDING' && !isOpen(slot) && !stopClaims && workers.includes('claim');
      const checkable = slot.Status === 'IN_PROGRESS' && workers.includes('check');
      if (!claimable && !checkable) continue;
      const due = slot.DueAt ?? clock.now();
      if (earliest === undefined || due < earliest) earliest = due;
    }
    return earliest;
  };

  const retryableFailure = (message: string) => {
    tally.retryable++;
    tally.lastRetryable = message;
  };

  const failPendingSlots = () => {
    if (!stopClaims) return;
    for (const slot of run.Slots) {
      if (slot.Status === 'PENDING' && !busy.has(slot))
        failSlot(slot, stopClaims.failure, stopClaims.message);
    }
  };

  /** An unavailable or FAILED number: a search slot moves on to a spare, an explicit number fails. */
  const numberFailed = (slot: Slot, failure: FailureName, message: string) => {
    if (isSearch) replaceNumber(run, slot, failure, message, settings.maxReplacementsPerSlot);
    else failSlot(slot, failure, message);
  };

  /** Best effort: when the look-up itself fails, the number is reported unavailable as Connect said. */
  const tookOverOwnClaim = async (slot: Slot, phoneNumber: string): Promise<boolean> => {
    try {
      const own = await findOwnClaim(calls, run, phoneNumber);
      return own !== undefined && takeOverClaim(slot, own, clock.now());
    } catch (error: unknown) {
      if (classifyConnectError(error)) return false;
      throw error;
    }
  };

  const claim = async (slot: Slot, phoneNumber: string) => {
    try {
      const claimed = await calls.claim(
        {
          ...target,
          PhoneNumber: phoneNumber,
          ...(run.Request.PhoneNumberDescription !== undefined && {
            PhoneNumberDescription: run.Request.PhoneNumberDescription,
          }),
          Tags: tags,
          ClientToken: claimClientToken(key, phoneNumber, run.ClaimScope),
        },
        { paced: true },
      );
      const now = clock.now();
      slot.Status = 'IN_PROGRESS';
      if (claimed.PhoneNumberId !== undefined) slot.PhoneNumberId = claimed.PhoneNumberId;
      if (claimed.PhoneNumberArn !== undefined) slot.PhoneNumberArn = claimed.PhoneNumberArn;
      slot.ClaimedAt = now;
      slot.DueAt = now + checkDelayMs(settings, 0);
      slot.Checks = 0;
      delete slot.Attempts;
      // A replaced slot keeps why its last number was dropped, for whoever follows the run; others start clean.
      if (slot.Replaced === undefined) delete slot.Message;
    } catch (error: unknown) {
      const classified = classifyConnectError(error);
      if (!classified) throw error;
      if (classified.retryable) {
        retryableFailure(classified.message);
        slot.Attempts = (slot.Attempts ?? 0) + 1;
        slot.DueAt =
          clock.now() +
          fullJitterDelay(
            { baseMs: settings.claimRetry.baseSeconds * 1000, maxMs: settings.claimRetry.maxSeconds * 1000 },
            slot.Attempts,
            random,
          );
        slot.Message = classified.message;
      } else if (classified.failure === 'NumberUnavailable') {
        // Another execution of this request running at the same moment (a duplicate delivery) may hold it.
        if (await tookOverOwnClaim(slot, phoneNumber)) return;
        numberFailed(slot, 'NumberUnavailable', classified.message);
      } else if (isTargetFailure(classified.failure)) {
        failSlot(slot, classified.failure, classified.message);
        stopClaims ??= { failure: classified.failure, message: classified.message };
      } else {
        failSlot(slot, classified.failure, classified.message);
      }
    }
  };

  const check = async (slot: Slot, phoneNumberId: string) => {
    try {
      const summary = (await calls.describe(phoneNumberId, { paced: true })).ClaimedPhoneNumberSummary;
      const status = summary?.PhoneNumberStatus?.Status;
      if (status === 'CLAIMED') {
        if (slot.PhoneNumberArn === undefined && summary?.PhoneNumberArn !== undefined) {
          slot.PhoneNumberArn = summary.PhoneNumberArn;
        }
        claimedSlot(slot, {
          ...(summary?.PhoneNumberCountryCode !== undefined && {
            PhoneNumberCountryCode: summary.PhoneNumberCountryCode,
          }),
          ...(summary?.PhoneNumberType !== undefined && { PhoneNumberType: summary.PhoneNumberType }),
        });
      } else if (status === 'FAILED') {
        const reason = summary?.PhoneNumberStatus?.Message;
        const message = reason ? reason : 'Connect reported the claim FAILED without a reason';
        const failure = classifyClaimFailure(reason);
        if (failure === 'LimitExceeded') {
          failSlot(slot, failure, message);
          stopClaims ??= { failure, message };
        } else {
          numberFailed(slot, failure, message);
        }
      } else {
        slot.Checks = (slot.Checks ?? 0) + 1;
        slot.DueAt = clock.now() + checkDelayMs(settings, slot.Checks);
      }
    } catch (error: unknown) {
      const classified = classifyConnectError(error);
      if (!classified) throw error;
      if (classified.retryable) {
        retryableFailure(classified.message);
        slot.DueAt = clock.now() + settings.checkRetrySeconds * 1000;
        slot.Message = classified.message;
      } else if (classified.failure === 'ResourceNotFound') {
        // The claim's number no longer exists: the claim did not stick.
        numberFailed(
          slot,
          'ClaimFailed',
          `The claimed number disappeared from Connect (${classified.message})`,
        );
      } else {
        failSlot(
          slot,
          classified.failure,
          `${classified.message} (PhoneNumberId ${phoneNumberId} may be claimed)`,
        );
      }
    }
  };

  /**
   * A worker's turn: wait for its operation's token first, then pick what is due at that moment, so nothing
   * is sent on a slot that settled or failed (say, on a full target) during the wait.
   */
  const startWorker = (worker: Worker) => {
    const work = async () => {
      await calls.turn(worker === 'claim' ? 'claim' : 'describe');
      const now = clock.now();
      if (now >= run.DeadlineAt) return;
      const slot = worker === 'claim' ? dueClaim(now) : dueCheck(now);
      if (!slot) return;
      busy.add(slot);
      tally.calls++;
      try {
        if (worker === 'claim' && slot.PhoneNumber !== undefined) await claim(slot, slot.PhoneNumber);
        else if (worker === 'check' && slot.PhoneNumberId !== undefined)
          await check(slot, slot.PhoneNumberId);
      } finally {
        busy.delete(slot);
      }
    };
    inFlight.set(
      worker,
      work().finally(() => inFlight.delete(worker)),
    );
  };

  const finish = (next: NextAction): ClaimRun => {
    if (next.Action !== 'DONE' && tally.calls > 0 && tally.retryable === tally.calls) {
      throw new ConnectUnavailableError(
        `All ${tally.calls} Connect calls of this claim pass failed after retries; the last: ${tally.lastRetryable}`,
      );
    }
    run.Next = next;
    deps.logger?.info('Claim pass done', {
      next: next.Action,
      calls: tally.calls,
      retryableFailures: tally.retryable,
      settled: run.Slots.filter(isSettled).length,
      slots: run.Slots.length,
    });
    return run;
  };

  assignCandidates(run);
  for (;;) {
    failPendingSlots();
    const now = clock.now();
    if (inFlight.size === 0) {
      if (run.Slots.every(isSettled)) return finish({ Action: 'DONE' });
      if (now >= run.DeadlineAt) {
        expireUnsettledSlots(run);
        return finish({ Action: 'DONE' });
      }
    }

    if (now < sliceEnd && now < run.DeadlineAt) {
      if (!inFlight.has('claim') && dueClaim(now)) startWorker('claim');
      if (!inFlight.has('check') && dueCheck(now)) startWorker('check');
    }

    if (inFlight.size > 0) {
      // Wake when a call returns, or when the idle worker has something due.
      const idle = (['claim', 'check'] as const).filter((worker) => !inFlight.has(worker));
      const wakeAt = earliestDue(idle);
      const wakers: Promise<void>[] = [...inFlight.values()];
      if (wakeAt !== undefined && wakeAt > now && wakeAt < sliceEnd) wakers.push(clock.sleep(wakeAt - now));
      await Promise.race(wakers);
      continue;
    }

    const earliest = earliestDue(['claim', 'check']);
    const needsSearch = run.Slots.some(isOpen);
    if (needsSearch && (earliest === undefined || earliest > now)) return finish({ Action: 'SEARCH' });
    if (earliest === undefined) {
      // Only slots without a number of an explicit request could get here: none exist.
      expireUnsettledSlots(run);
      return finish({ Action: 'DONE' });
    }
    if (earliest - now > MAX_IN_PASS_IDLE_MS) {
      return finish({ Action: 'WAIT', WaitSeconds: waitSecondsUntil(now, earliest, run.DeadlineAt) });
    }
    if (now >= sliceEnd) return finish({ Action: 'CLAIM' });
    await clock.sleep(Math.max(1, Math.min(earliest, sliceEnd, run.DeadlineAt) - now));
  }
}

/** At the deadline nothing new is sent: PENDING slots fail, IN_PROGRESS claims are reported for a later look. */
function expireUnsettledSlots(run: ClaimRun): void {
  for (const slot of run.Slots) {
    if (slot.Status === 'IN_PROGRESS') {
      failSlot(
        slot,
        'StillInProgress',
        `Connect was still processing the claim of ${slot.PhoneNumber ?? 'the number'} (PhoneNumberId ${slot.PhoneNumberId ?? 'unknown'}) at the deadline: check it later with DescribePhoneNumber`,
      );
    } else if (slot.Status === 'PENDING') {
      const reason =
        slot.PhoneNumber === undefined
          ? 'The deadline passed before a number was found for this slot'
          : 'The deadline passed before the claim was accepted';
      const lastError = slot.Message ? `; the last error: ${slot.Message}` : '';
      // A claim whose answer was lost may still have been carried out: a re-run of the request finds it.
      const maybeClaimed =
        (slot.Attempts ?? 0) > 0
          ? '; Connect may have accepted a claim whose answer was lost: run the request again to find out'
          : '';
      failSlot(slot, 'DeadlineExceeded', `${reason}${lastError}${maybeClaimed}`);
    }
  }
}
