/**
 * The invariants every fault run must hold, checked against the emulator's own state and not only against
 * what the workflow says it did. Each check returns the violations it found, worded so that a failing run
 * explains itself; `assertInvariants` reports them with the run's seed.
 */
import { expect } from 'vitest';
import type { PhoneNumberView, RecordedEvent } from '../../../emulator/index.ts';
import { DetailType, EVENT_SOURCE } from '../../../lambdas/core/claim-events.ts';
import { REQUEST_TAG_KEY } from '../../../lambdas/core/claim-request.ts';
import type { ClaimResult, FailedNumber, FailureName } from '../../../lambdas/core/claim-run.ts';
import type { FaultRun } from './fault-run.ts';

/** Every stable failure name of SPEC section 4; typed so that a name added to the workflow must be added here. */
const STABLE_FAILURE_NAMES: Readonly<Record<FailureName, true>> = {
  NumberUnavailable: true,
  NoNumbersAvailable: true,
  ClaimFailed: true,
  LimitExceeded: true,
  StillInProgress: true,
  DeadlineExceeded: true,
  InvalidParameter: true,
  AccessDenied: true,
  ResourceNotFound: true,
  WorkflowError: true,
};

/**
 * Failures that leave a claim unsettled and say so with its PhoneNumberId: the number may end up claimed
 * after the run, which the user was told to check.
 */
const UNSETTLED_FAILURES: ReadonlySet<string> = new Set(['StillInProgress', 'WorkflowError']);

/** Simulated seconds of tolerance between the workflow's clock and the emulator's (both follow the wall). */
const CLOCK_SLACK_SECONDS = 15;

/** Every invariant; an empty list means the run held them all. */
export function invariantViolations(run: FaultRun): string[] {
  const { execution, result } = run;
  if (!result) {
    return [
      `the execution ended ${execution.status} with ${execution.error ?? 'no error'} and no result ` +
        `(SPEC 4: it must succeed with the result or fail ClaimFailed carrying it): ${execution.cause ?? ''}`,
    ];
  }
  return [
    ...resultShapeViolations(run, result),
    ...failureNameViolations(result),
    ...uniquenessViolations(run, result),
    ...claimedMatchesEmulator(run, result),
    ...failedMatchesEmulator(run, result),
    ...eventViolations(run, result),
    ...unjustifiedFailures(run, result),
  ];
}

/** Throws, with the seed and a way to replay it, when the run breaks an invariant or an expectation. */
export function assertInvariants(run: FaultRun, extra: readonly string[] = []): void {
  const violations = [...invariantViolations(run), ...extra];
  expect(violations, describeFailure(run, violations)).toEqual([]);
}

export function describeFailure(run: FaultRun, violations: readonly string[]): string {
  return [
    `fault run with seed ${run.scenario.seed} broke ${violations.length} invariant(s); replay with FAULT_SEED=${run.scenario.seed}`,
    `faults: ${JSON.stringify(run.scenario.faults)}, settings: ${JSON.stringify(run.scenario.settings ?? {})}`,
    `input: ${JSON.stringify(run.input)}`,
    `result: ${summarize(run)}`,
    `emulator: ${run.state.phoneNumbers.map((n) => `${n.PhoneNumber} ${n.Status}`).join(', ') || 'no claims'}`,
  ].join('\n');
}

function resultShapeViolations(run: FaultRun, result: ClaimResult): string[] {
  const violations: string[] = [];
  if (result.Requested !== run.requested) {
    violations.push(`Requested is ${result.Requested}, the request asked for ${run.requested}`);
  }
  if (result.Requested !== result.Claimed.length + result.Failed.length) {
    violations.push(
      `Requested (${result.Requested}) != |Claimed| (${result.Claimed.length}) + |Failed| (${result.Failed.length})`,
    );
  }
  const expectedStatus =
    result.Failed.length === 0 ? 'SUCCEEDED' : result.Claimed.length === 0 ? 'FAILED' : 'PARTIALLY_SUCCEEDED';
  if (result.Status !== expectedStatus) {
    violations.push(
      `Status is ${result.Status} for ${result.Claimed.length} claimed and ${result.Failed.length} failed`,
    );
  }
  const executionShouldFail = result.Claimed.length === 0;
  if (executionShouldFail !== (run.execution.status === 'FAILED')) {
    violations.push(
      `the execution ${run.execution.status} with ${result.Claimed.length} numbers claimed (SPEC 4: it fails ClaimFailed exactly when nothing was claimed)`,
    );
  }
  return violations;
}

function failureNameViolations(result: ClaimResult): string[] {
  return result.Failed.flatMap((failure, index) => {
    const violations: string[] = [];
    if (!Object.hasOwn(STABLE_FAILURE_NAMES, failure.Error)) {
      violations.push(`Failed[${index}].Error '${String(failure.Error)}' is not a stable failure name`);
    }
    if (typeof failure.Message !== 'string' || failure.Message.trim() === '') {
      violations.push(`Failed[${index}] (${failure.Error}) has no Message`);
    }
    return violations;
  });
}

function uniquenessViolations(run: FaultRun, result: ClaimResult): string[] {
  const violations: string[] = [];
  const duplicates = (values: readonly (string | undefined)[]) =>
    values.filter((value, index) => value !== undefined && values.indexOf(value) !== index);
  for (const number of duplicates(result.Claimed.map((c) => c.PhoneNumber))) {
    violations.push(`${number} is in Claimed twice`);
  }
  for (const id of duplicates(result.Claimed.map((c) => c.PhoneNumberId))) {
    violations.push(`PhoneNumberId ${id} is in Claimed twice`);
  }
  const claimedNumbers = new Set(result.Claimed.map((c) => c.PhoneNumber));
  for (const failure of result.Failed) {
    if (failure.PhoneNumber !== undefined && claimedNumbers.has(failure.PhoneNumber)) {
      violations.push(`${failure.PhoneNumber} is both in Claimed and in Failed (${failure.Error})`);
    }
  }

  // Each accepted claim is a record in the emulator. A number may be claimed again after its claim FAILED (a
  // re-run may retry it), but it is never held twice, and one run never has two claims of it accepted.
  const byNumber = new Map<string, PhoneNumberView[]>();
  for (const view of run.state.phoneNumbers) {
    byNumber.set(view.PhoneNumber, [...(byNumber.get(view.PhoneNumber) ?? []), view]);
  }
  const describeViews = (views: readonly PhoneNumberView[]) =>
    views.map((v) => `${v.PhoneNumberId} ${v.history.map((h) => h.Status).join('>')}`).join(', ');
  for (const [number, views] of byNumber) {
    const succeeded = views.filter((view) => view.Status === 'CLAIMED' || view.Status === 'IN_PROGRESS');
    if (succeeded.length > 1)
      violations.push(`${number} is held by ${succeeded.length} claims (${describeViews(views)})`);
    const inThisRun = views.filter((view) => Date.parse(view.history[0]?.At ?? '') >= run.startedAt);
    if (inThisRun.length > 1) {
      violations.push(
        `${number} had ${inThisRun.length} claims accepted in one run (${describeViews(inThisRun)})`,
      );
    }
  }
  for (const view of run.state.phoneNumbers) {
    if (view.TargetArn !== run.targetArn) {
      violations.push(
        `${view.PhoneNumber} was claimed to ${view.TargetArn}, not to the request's ${run.targetArn}`,
      );
    }
    if (view.Tags[REQUEST_TAG_KEY] !== run.idempotencyKey) {
      violations.push(
        `${view.PhoneNumber} does not carry the request's tag ${REQUEST_TAG_KEY}=${run.idempotencyKey}`,
      );
    }
  }
  return violations;
}

/** `Claimed` is exactly what the emulator shows claimed to the target, but for claims reported unsettled. */
function claimedMatchesEmulator(run: FaultRun, result: ClaimResult): string[] {
  const violations: string[] = [];
  const byId = new Map(run.state.phoneNumbers.map((view) => [view.PhoneNumberId, view]));
  for (const claimed of result.Claimed) {
    const view = byId.get(claimed.PhoneNumberId);
    if (!view) {
      violations.push(`Claimed ${claimed.PhoneNumber} (${claimed.PhoneNumberId}) is unknown to the emulator`);
      continue;
    }
    if (view.Status !== 'CLAIMED' || view.TargetArn !== run.targetArn) {
      violations.push(
        `Claimed ${claimed.PhoneNumber} is ${view.Status} to ${view.TargetArn} in the emulator, not CLAIMED to ${run.targetArn}`,
      );
    }
    if (view.PhoneNumber !== claimed.PhoneNumber || view.PhoneNumberArn !== claimed.PhoneNumberArn) {
      violations.push(
        `Claimed ${claimed.PhoneNumber} ${claimed.PhoneNumberArn} is ${view.PhoneNumber} ${view.PhoneNumberArn} in the emulator`,
      );
    }
  }

  const claimedIds = new Set(result.Claimed.map((claimed) => claimed.PhoneNumberId));
  const reportedUnsettled = new Set(
    result.Failed.filter((failure) => UNSETTLED_FAILURES.has(failure.Error)).map(
      (failure) => failure.PhoneNumberId,
    ),
  );
  for (const view of run.state.phoneNumbers) {
    const held =
      (view.Status === 'CLAIMED' || view.Status === 'IN_PROGRESS') && view.TargetArn === run.targetArn;
    if (!held || claimedIds.has(view.PhoneNumberId) || reportedUnsettled.has(view.PhoneNumberId)) continue;
    violations.push(
      `the emulator shows ${view.PhoneNumber} (${view.PhoneNumberId}) ${view.Status} to the target, but the result ` +
        `neither lists it in Claimed nor reports it unsettled with its PhoneNumberId (${describeFailed(result.Failed, view.PhoneNumber)})`,
    );
  }
  return violations;
}

/** A failure that names a claim names the one the emulator holds, in the state the failure claims. */
function failedMatchesEmulator(run: FaultRun, result: ClaimResult): string[] {
  const violations: string[] = [];
  const byId = new Map(run.state.phoneNumbers.map((view) => [view.PhoneNumberId, view]));
  for (const failure of result.Failed) {
    if (failure.PhoneNumberId === undefined) continue;
    const view = byId.get(failure.PhoneNumberId);
    if (!view) {
      violations.push(
        `Failed ${failure.PhoneNumber} names PhoneNumberId ${failure.PhoneNumberId}, unknown to the emulator`,
      );
      continue;
    }
    if (failure.PhoneNumber !== undefined && view.PhoneNumber !== failure.PhoneNumber) {
      violations.push(
        `Failed ${failure.PhoneNumber} names the claim of ${view.PhoneNumber} (${view.PhoneNumberId})`,
      );
    }
    if ((failure.Error === 'ClaimFailed' || failure.Error === 'LimitExceeded') && view.Status !== 'FAILED') {
      violations.push(
        `Failed ${failure.PhoneNumber} says ${failure.Error} but the emulator shows it ${view.Status}`,
      );
    }
  }
  return violations;
}

/** SPEC 6: one event per claimed number, one per failure, and the completion carrying the result. */
function eventViolations(run: FaultRun, result: ClaimResult): string[] {
  const violations: string[] = [];
  const ours = run.state.events.slice(run.priorEvents).filter((event) => event.Source === EVENT_SOURCE);
  const ofType = (type: string) => ours.filter((event: RecordedEvent) => event.DetailType === type);
  const detail = (event: RecordedEvent) => event.Detail as Record<string, unknown>;

  const claimedEvents = ofType(DetailType.claimed).map((event) => detail(event).PhoneNumber);
  const claimedNumbers = result.Claimed.map((claimed) => claimed.PhoneNumber);
  if (JSON.stringify([...claimedEvents].sort()) !== JSON.stringify([...claimedNumbers].sort())) {
    violations.push(
      `'${DetailType.claimed}' events name ${JSON.stringify(claimedEvents)}, Claimed ${JSON.stringify(claimedNumbers)}`,
    );
  }
  const failedEvents = ofType(DetailType.failed);
  if (failedEvents.length !== result.Failed.length) {
    violations.push(
      `${failedEvents.length} '${DetailType.failed}' events for ${result.Failed.length} failures`,
    );
  }
  const completed = ofType(DetailType.completed);
  if (completed.length !== 1) {
    violations.push(`${completed.length} '${DetailType.completed}' events, expected 1`);
  } else {
    const carried = detail(completed[0] as RecordedEvent);
    const { Status, Requested, Claimed, Failed } = carried;
    if (JSON.stringify({ Status, Requested, Claimed, Failed }) !== JSON.stringify(result)) {
      violations.push(`the '${DetailType.completed}' event carries another result than the execution's`);
    }
  }
  return violations;
}

/**
 * Where spares and time allow, every slot is filled: each failure must be explained by the faults of the run
 * (the emulator's state or config), by the deadline, or by the bounds of spare refill, never by giving up early.
 */
function unjustifiedFailures(run: FaultRun, result: ClaimResult): string[] {
  const isSearch = 'Search' in run.input;
  const { settings, config } = run;
  const deadlineAt = run.startedAt + settings.deadlineSeconds * 1000;
  const longestCheck = Math.max(...settings.checkScheduleSeconds, settings.checkRetrySeconds);
  const transportFaults = config.internalErrorRate > 0 || config.dropResponseRate > 0;
  const byNumber = new Map(run.state.phoneNumbers.map((view) => [view.PhoneNumber, view]));
  // The target was at its limit during this run: a claim this run sent FAILED for a limit, or the target
  // holds its quota now. A limit failure replayed from an earlier run does not count.
  const onTarget = run.state.phoneNumbers.filter((view) => view.TargetArn === run.targetArn);
  const limitReached =
    onTarget.some(
      (view) =>
        view.Status === 'FAILED' &&
        /limit/i.test(view.Message ?? '') &&
        Date.parse(view.history[0]?.At ?? '') >= run.startedAt,
    ) ||
    onTarget.filter((view) => view.Status === 'CLAIMED' || view.Status === 'IN_PROGRESS').length >=
      config.phoneNumberQuota;
  const exhaustedSlot = (failure: FailedNumber) =>
    settings.maxReplacementsPerSlot === 0 ||
    failure.Message.includes(`(after ${settings.maxReplacementsPerSlot} other numbers in this slot)`);

  const why = (failure: FailedNumber): string | undefined => {
    const view = failure.PhoneNumber === undefined ? undefined : byNumber.get(failure.PhoneNumber);
    switch (failure.Error) {
      case 'StillInProgress': {
        if (!view) return 'no claim of this number is known to the emulator';
        const settledAt = settledTime(view);
        const lookedUntil = deadlineAt - (longestCheck + CLOCK_SLACK_SECONDS) * 1000;
        return settledAt !== undefined && settledAt < lookedUntil
          ? `the claim had settled ${view.history.at(-1)?.Status} at ${new Date(settledAt).toISOString()}, well before the deadline ${new Date(deadlineAt).toISOString()}`
          : undefined;
      }
      case 'DeadlineExceeded':
        return run.endedAt - run.startedAt < (settings.deadlineSeconds - CLOCK_SLACK_SECONDS) * 1000
          ? `the run ended after ${(run.endedAt - run.startedAt) / 1000} s, before its ${settings.deadlineSeconds} s deadline`
          : undefined;
      case 'LimitExceeded':
        return limitReached
          ? undefined
          : `the target holds fewer than its quota of ${config.phoneNumberQuota} and no claim of this run FAILED for a limit`;
      case 'ClaimFailed':
        if (view?.Status !== 'FAILED')
          return `the emulator shows the claim ${view?.Status ?? 'absent'}, not FAILED`;
        return isSearch && !exhaustedSlot(failure)
          ? 'the slot gave up before using its replacements'
          : undefined;
      case 'NumberUnavailable':
        if (view && view.Status !== 'FAILED')
          return `the emulator shows it ${view.Status} to ${view.TargetArn}`;
        return isSearch && !exhaustedSlot(failure)
          ? 'the slot gave up before using its replacements'
          : undefined;
      case 'NoNumbersAvailable':
        return isSearch &&
          (failure.Message.includes(`in ${settings.maxSearchRounds} search rounds`) ||
            /no more available numbers/i.test(failure.Message))
          ? undefined
          : 'the search gave up before its rounds were spent or the inventory ran out';
      case 'WorkflowError':
        return transportFaults ? undefined : 'a step failed although Connect answered every call';
      default:
        return 'a valid request on an existing target cannot fail so';
    }
  };

  return result.Failed.flatMap((failure) => {
    const reason = why(failure);
    return reason === undefined
      ? []
      : [
          `unjustified failure ${failure.Error} of ${failure.PhoneNumber ?? 'a search slot'}: ${reason} (${failure.Message})`,
        ];
  });
}

/** When the claim left IN_PROGRESS, in simulated epoch ms; undefined while it is still in progress. */
function settledTime(view: PhoneNumberView): number | undefined {
  const settled = view.history.find((entry) => entry.Status !== 'IN_PROGRESS');
  return settled === undefined ? undefined : Date.parse(settled.At);
}

function describeFailed(failed: readonly FailedNumber[], phoneNumber: string): string {
  const entry = failed.find((failure) => failure.PhoneNumber === phoneNumber);
  return entry ? `Failed says ${entry.Error}: ${entry.Message}` : 'it is not in Failed either';
}

/** The result in brief: claimed numbers, and each failure with its reason. */
function summarize(run: FaultRun): string {
  const { result, execution } = run;
  if (!result) return `none (${execution.error}: ${execution.cause})`;
  const failed = result.Failed.map((f) => `${f.PhoneNumber ?? 'slot'} ${f.Error}: ${f.Message}`);
  return [
    `${result.Status}, ${result.Requested} requested`,
    `claimed ${result.Claimed.map((c) => c.PhoneNumber).join(', ') || 'nothing'}`,
    ...failed.map((line) => `failed ${line}`),
  ].join('; ');
}
