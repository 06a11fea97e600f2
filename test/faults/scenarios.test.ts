/**
 * Fault scenarios: the whole workflow, run locally against the emulator with the fault knobs of SPEC section 5
 * turned up, one fault at a time and then all at once. Every run is held to the invariants of
 * `support/invariants.ts` against the emulator's own state; each scenario adds what its fault must (and must
 * not) do. A failing run prints its seed; `FAULT_SEED=<seed>` replays it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taskRetry } from '../../lib/claim-workflow.ts';
import {
  closeFaultRuns,
  type FaultRun,
  type FaultScenario,
  runAgain,
  runFaultScenario,
  seedFor,
  warmUpLocalRunner,
} from './support/fault-run.ts';
import { assertInvariants, describeFailure } from './support/invariants.ts';

/** The SDK's standard retry mode: three attempts per Connect call (lambdas/core/connect-client.ts). */
const SDK_ATTEMPTS = 3;

beforeAll(warmUpLocalRunner);
afterEach(closeFaultRuns);

function scenario(defaultSeed: number, rest: Omit<FaultScenario, 'seed'>): FaultScenario {
  return { seed: seedFor(defaultSeed), ...rest };
}

function calls(run: FaultRun, operation: string, status?: number): number {
  const stats = run.state.calls[operation];
  if (!stats) return 0;
  return status === undefined ? stats.total : (stats.byStatus[String(status)] ?? 0);
}

function records(run: FaultRun, status: string): number {
  return run.state.phoneNumbers.filter((view) => view.Status === status).length;
}

/** Expectations of one scenario, reported with the run's seed like the invariants. */
function expectOf(run: FaultRun, checks: Record<string, boolean>): void {
  const broken = Object.entries(checks)
    .filter(([, holds]) => !holds)
    .map(([expectation]) => `expected: ${expectation}`);
  expect(broken, describeFailure(run, broken)).toEqual([]);
}

describe('Fault scenarios: the claim workflow against a faulty Connect', () => {
  describe('claims FAILED at a high rate', () => {
    it('fills every search slot from spares and reports nothing the emulator did not do', async () => {
      // Prepare
      const faults = scenario(101, {
        faults: { claimFailureRate: 0.5 },
        request: { kind: 'search', quantity: 10 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'the fault struck: some claims FAILED in the emulator': records(run, 'FAILED') > 0,
        'spares replaced failed numbers: more claims FAILED than slots failed':
          records(run, 'FAILED') > (run.result?.Failed.length ?? 0),
      });
    });

    it('reports each explicit number whose claim FAILED as ClaimFailed, without claiming it again', async () => {
      // Prepare
      const faults = scenario(102, {
        faults: { claimFailureRate: 0.5 },
        request: { kind: 'explicit', count: 8 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      const failedInEmulator = run.state.phoneNumbers
        .filter((view) => view.Status === 'FAILED')
        .map((v) => v.PhoneNumber);
      const reportedFailed = (run.result?.Failed ?? [])
        .filter((f) => f.Error === 'ClaimFailed')
        .map((f) => f.PhoneNumber);
      expectOf(run, {
        'the fault struck': failedInEmulator.length > 0,
        'ClaimFailed names exactly the numbers the emulator FAILED': sameSet(
          failedInEmulator,
          reportedFailed,
        ),
        'one claim per number': calls(run, 'ClaimPhoneNumber') === 8,
      });
    });

    it('gives a slot up only after its replacements when every claim fails', async () => {
      // Prepare
      const faults = scenario(103, {
        faults: { claimFailureRate: 1 },
        request: { kind: 'search', quantity: 3 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      const perSlot = run.settings.maxReplacementsPerSlot + 1;
      expectOf(run, {
        'the execution fails ClaimFailed': run.execution.error === 'ClaimFailed',
        'every slot ClaimFailed': run.result?.Failed.every((f) => f.Error === 'ClaimFailed') === true,
        [`each slot tried ${perSlot} numbers, no more`]: records(run, 'FAILED') === 3 * perSlot,
      });
    });
  });

  describe('contention: numbers taken since the search', () => {
    it('replaces taken numbers with spares and claims nothing it was refused', async () => {
      // Prepare
      const faults = scenario(201, {
        faults: { contentionRate: 0.5 },
        request: { kind: 'search', quantity: 10 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'the fault struck: claims answered 400': calls(run, 'ClaimPhoneNumber', 400) > 0,
        'spares replaced taken numbers: more refusals than slots failed':
          calls(run, 'ClaimPhoneNumber', 400) > (run.result?.Failed.length ?? 0),
        'only accepted claims are in the emulator':
          run.state.phoneNumbers.length === calls(run, 'ClaimPhoneNumber', 200),
      });
    });

    it('reports taken and unknown explicit numbers as NumberUnavailable', async () => {
      // Prepare
      const faults = scenario(202, {
        faults: { contentionRate: 0.5 },
        request: { kind: 'explicit', count: 6, unknown: 2 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      const unavailable = (run.result?.Failed ?? []).filter((f) => f.Error === 'NumberUnavailable');
      expectOf(run, {
        'at least the two unknown numbers are unavailable': unavailable.length >= 2,
        'the rest claimed': (run.result?.Claimed.length ?? 0) + unavailable.length === 8,
      });
    });
  });

  describe('internal errors on every operation', () => {
    it('rides out 500s on every operation with SDK and Step Functions retries', async () => {
      // Prepare
      const faults = scenario(301, {
        faults: { internalErrorRate: 0.3 },
        request: { kind: 'search', quantity: 10 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'the fault struck claims and status checks':
          calls(run, 'ClaimPhoneNumber', 500) > 0 && calls(run, 'DescribePhoneNumber', 500) > 0,
        'every slot filled': run.result?.Claimed.length === 10,
      });
    });

    it('stops after the bounded retries when Connect answers nothing but 500', async () => {
      // Prepare
      const faults = scenario(302, {
        faults: { internalErrorRate: 1 },
        request: { kind: 'search', quantity: 3 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      const stepAttempts = 1 + taskRetry.maxAttempts;
      expectOf(run, {
        'the execution fails ClaimFailed': run.execution.error === 'ClaimFailed',
        'every slot is a WorkflowError':
          run.result?.Failed.every((f) => f.Error === 'WorkflowError') === true,
        [`the first call was tried ${stepAttempts} step attempts x ${SDK_ATTEMPTS} SDK attempts`]:
          calls(run, 'ListPhoneNumbersV2') === stepAttempts * SDK_ATTEMPTS,
        'nothing else was called':
          calls(run, 'SearchAvailablePhoneNumbers') + calls(run, 'ClaimPhoneNumber') === 0,
      });
    });
  });

  describe('dropped responses: the action done, the answer lost', () => {
    it('never claims a number twice when a claim is retried after its answer was lost', async () => {
      // Prepare
      const faults = scenario(401, {
        faults: { dropResponseRate: 0.3 },
        request: { kind: 'search', quantity: 10 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'the fault struck claims': (run.state.calls.ClaimPhoneNumber?.dropped ?? 0) > 0,
        'every slot filled': run.result?.Claimed.length === 10,
        'one emulator record per slot': run.state.phoneNumbers.length === 10,
      });
    });

    it('claims explicit numbers exactly once through lost answers', async () => {
      // Prepare
      const faults = scenario(402, {
        faults: { dropResponseRate: 0.4 },
        request: { kind: 'explicit', count: 6 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'every number claimed': run.result?.Claimed.length === 6,
        'one emulator record per number': run.state.phoneNumbers.length === 6,
      });
    });
  });

  describe("Connect's default throttle with a large batch", () => {
    it('claims 100 numbers under 2 requests per second, burst 5, pacing itself instead of being throttled', async () => {
      // Prepare
      const faults = scenario(501, {
        faults: { throttle: { ratePerSecond: 2, burst: 5 } },
        request: { kind: 'search', quantity: 100 },
        timeScale: 300,
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      const throttled = Object.values(run.state.calls).reduce(
        (sum, stats) => sum + (stats.byStatus['429'] ?? 0),
        0,
      );
      expectOf(run, {
        'all 100 claimed': run.result?.Claimed.length === 100,
        'at most a handful of 429 answers': throttled <= 5,
      });
    });
  });

  describe('a quota smaller than the request', () => {
    it('claims up to the quota and reports the rest LimitExceeded', async () => {
      // Prepare
      const faults = scenario(601, {
        faults: { phoneNumberQuota: 3 },
        request: { kind: 'search', quantity: 6 },
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'exactly the quota claimed': run.result?.Claimed.length === 3 && records(run, 'CLAIMED') === 3,
        'the rest LimitExceeded': run.result?.Failed.every((f) => f.Error === 'LimitExceeded') === true,
        PARTIALLY_SUCCEEDED: run.result?.Status === 'PARTIALLY_SUCCEEDED',
      });
    });

    it('fills the remaining slots when the same request is run again after the quota was raised', async () => {
      // Prepare
      const faults = scenario(603, {
        faults: { phoneNumberQuota: 3 },
        request: { kind: 'search', quantity: 6 },
        clientToken: '3c9a1f6e-2b4d-4e8f-9a1c-5d6e7f8a9b0c',
      });
      const first = await runFaultScenario(faults);
      // Raising a quota takes a support case: days, after which the numbers whose claims FAILED are back on offer.
      first.emulator.advanceClock(2 * 86_400);

      // Act
      const second = await runAgain(first, { faults: { phoneNumberQuota: 6 } });

      // Assess
      assertInvariants(first);
      assertInvariants(second);
      expectOf(second, {
        'the re-run keeps the 3 numbers of the first run and claims 3 more':
          second.result?.Claimed.length === 6,
        'no number is held twice': records(second, 'CLAIMED') === 6,
      });
    });

    it('stops claiming on a traffic distribution group once its quota is reached', async () => {
      // Prepare
      const faults = scenario(602, {
        faults: { phoneNumberQuota: 2 },
        request: { kind: 'explicit', count: 5 },
        target: 'GroupArn',
      });

      // Act
      const run = await runFaultScenario(faults);

      // Assess
      assertInvariants(run);
      expectOf(run, {
        'exactly the quota claimed': run.result?.Claimed.length === 2,
        'no claim beyond the first refused one': calls(run, 'ClaimPhoneNumber') <= 5,
      });
    });
  });

  describe('claims IN_PROGRESS longer than the deadline', () => {
    it('reports them StillInProgress with their ids, and a re-run picks them up without claiming again', async () => {
      // Prepare
      const faults = scenario(701, {
        faults: { claimLatencySeconds: { min: 300, max: 600 } },
        request: { kind: 'search', quantity: 4 },
        settings: { deadlineSeconds: 120 },
        clientToken: '7d1e5f0a-3b2c-4d5e-8f90-a1b2c3d4e5f6',
      });

      // Act
      const first = await runFaultScenario(faults);
      first.emulator.advanceClock(600);
      const second = await runAgain(first);

      // Assess
      assertInvariants(first);
      expectOf(first, {
        'every slot StillInProgress with its PhoneNumberId':
          first.result?.Failed.every(
            (f) => f.Error === 'StillInProgress' && f.PhoneNumberId !== undefined,
          ) === true,
        'the execution fails ClaimFailed': first.execution.error === 'ClaimFailed',
      });
      assertInvariants(second);
      expectOf(second, {
        'the re-run reports the same numbers claimed': sameSet(
          second.result?.Claimed.map((c) => c.PhoneNumberId) ?? [],
          first.result?.Failed.map((f) => f.PhoneNumberId) ?? [],
        ),
        'the re-run claimed nothing new': second.state.phoneNumbers.length === 4,
      });
    });
  });

  describe('all faults at once', () => {
    it('holds every invariant under failures, contention, 500s, lost answers, throttle, quota and a tight deadline', async () => {
      // Prepare
      const faults = scenario(801, {
        faults: {
          claimFailureRate: 0.2,
          contentionRate: 0.2,
          internalErrorRate: 0.15,
          dropResponseRate: 0.15,
          throttle: { ratePerSecond: 2, burst: 5 },
          phoneNumberQuota: 8,
          claimLatencySeconds: { min: 2, max: 200 },
        },
        request: { kind: 'search', quantity: 10 },
        settings: { deadlineSeconds: 180 },
      });

      // Act
      const run = await runFaultScenario(faults);
      run.emulator.advanceClock(3600);
      const rerun = await runAgain(run, {
        faults: { claimFailureRate: 0, contentionRate: 0, internalErrorRate: 0, dropResponseRate: 0 },
        settings: { deadlineSeconds: 900 },
      });

      // Assess
      assertInvariants(run);
      assertInvariants(rerun);
      expectOf(rerun, {
        'the quiet re-run fills the target up to its quota': records(rerun, 'CLAIMED') === 8,
      });
    });
  });
});

function sameSet(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  return a.length === b.length && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}
