import {
  ClaimPhoneNumberCommand,
  InternalServiceException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-connect';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClaims, checkDelayMs, waitSecondsUntil } from '../../../lambdas/claim/advance-claims.ts';
import { REQUEST_TAG_KEY } from '../../../lambdas/core/claim-request.ts';
import type { ClaimRun } from '../../../lambdas/core/claim-run.ts';
import type { StepDependencies } from '../../../lambdas/core/dependencies.ts';
import { claimClientToken } from '../../../lambdas/core/idempotency.ts';
import { defaultSettings, type ResolvedSettings } from '../../../lambdas/core/settings.ts';
import { validateRequest } from '../../../lambdas/validate/validate-request.ts';
import {
  CARRIER_FAILURE,
  createFakeConnect,
  type FakeConnect,
  type FakeConnectOptions,
  LIMIT_MESSAGE,
  seededRandom,
  tollFreeNumbers,
} from '../support/fake-connect.ts';
import { createVirtualClock, VIRTUAL_EPOCH, type VirtualClock } from '../support/virtual-clock.ts';
import { runWorkflow, testSettings } from '../support/workflow.ts';

const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';

let fake: FakeConnect | undefined;
afterEach(() => fake?.mock.restore());

function setUp(options: Omit<FakeConnectOptions, 'clock'> = {}, settings: Partial<ResolvedSettings> = {}) {
  const clock = createVirtualClock();
  fake = createFakeConnect({ clock, inventory: tollFreeNumbers(300), ...options });
  const deps: StepDependencies & { clock: VirtualClock } = {
    connect: fake.client,
    clock,
    settings: testSettings(settings),
    random: seededRandom(7),
  };
  return { clock, fake, deps };
}

function startRun(input: object, deps: StepDependencies): ClaimRun {
  const run = validateRequest({ InstanceId: INSTANCE_ID, ...input }, deps);
  if (!run.Valid) throw new Error(run.Message);
  return run;
}

describe('Function: advanceClaims', () => {
  it('takes over the claim a concurrent execution of the same request made, instead of failing the number', async () => {
    // Prepare: two executions of one request start together; the first claims before the second does
    const { clock, fake, deps } = setUp({ latencyMs: () => 4_000 });
    const numbers = tollFreeNumbers(2);
    const input = { InstanceId: INSTANCE_ID, PhoneNumbers: numbers };
    const first = validateRequest(input, deps, 'execution-1') as ClaimRun;
    const second = validateRequest(input, deps, 'execution-2') as ClaimRun;
    const firstPass = await clock.run(advanceClaims({ ...first, Next: { Action: 'CLAIM' } }, deps));

    // Act
    const secondPass = await clock.run(advanceClaims({ ...second, Next: { Action: 'CLAIM' } }, deps));

    // Assess
    expect(secondPass.Slots.map((slot) => [slot.PhoneNumber, slot.PhoneNumberId])).toEqual(
      firstPass.Slots.map((slot) => [slot.PhoneNumber, slot.PhoneNumberId]),
    );
    expect(secondPass.Slots.every((slot) => slot.Status === 'IN_PROGRESS')).toBe(true);
    expect(fake.claims.filter((claim) => numbers.includes(claim.PhoneNumber))).toHaveLength(2);
  });

  it('still reports a number another request holds as unavailable', async () => {
    // Prepare
    const { clock, deps } = setUp({ latencyMs: () => 4_000 });
    const [number = ''] = tollFreeNumbers(1);
    const other = validateRequest(
      { InstanceId: INSTANCE_ID, PhoneNumber: number, Tags: { by: 'someone' } },
      deps,
      'x',
    );
    await clock.run(advanceClaims({ ...(other as ClaimRun), Next: { Action: 'CLAIM' } }, deps));
    const ours = validateRequest({ InstanceId: INSTANCE_ID, PhoneNumber: number }, deps, 'y') as ClaimRun;

    // Act
    const pass = await clock.run(advanceClaims({ ...ours, Next: { Action: 'CLAIM' } }, deps));

    // Assess
    expect(pass.Slots[0]).toMatchObject({ Status: 'FAILED', Error: 'NumberUnavailable' });
  });

  it('claims every PENDING number with the request tag and a derived ClientToken, then waits for the first check', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const numbers = tollFreeNumbers(3);
    const run = startRun(
      { PhoneNumbers: numbers, PhoneNumberDescription: 'desk', Tags: { team: 'a' } },
      deps,
    );

    // Act
    const next = await clock.run(advanceClaims(run, deps));

    // Assess
    expect(fake.mock).toHaveReceivedCommandTimes(ClaimPhoneNumberCommand, 3);
    expect(fake.mock).toHaveReceivedCommandWith(ClaimPhoneNumberCommand, {
      InstanceId: INSTANCE_ID,
      PhoneNumber: numbers[1],
      PhoneNumberDescription: 'desk',
      Tags: { team: 'a', [REQUEST_TAG_KEY]: run.IdempotencyKey },
      ClientToken: claimClientToken(run.IdempotencyKey, numbers[1] ?? ''),
    });
    expect(next.Slots.map((slot) => slot.Status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS']);
    expect(next.Slots[0]).toMatchObject({
      PhoneNumberId: expect.any(String),
      Checks: 0,
      DueAt: VIRTUAL_EPOCH + 15_000,
    });
    expect(next.Next).toEqual({ Action: 'WAIT', WaitSeconds: 15 });
    expect(run.Slots[0]?.Status).toBe('PENDING');
  });

  it('settles claims once Connect reports them CLAIMED, copying country and type', async () => {
    // Prepare
    const { clock, deps } = setUp({ latencyMs: () => 5_000 });
    const first = await clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(2) }, deps), deps));
    clock.advance(15_000);

    // Act
    const next = await clock.run(advanceClaims(first, deps));

    // Assess
    expect(next.Next).toEqual({ Action: 'DONE' });
    expect(next.Slots).toEqual([
      expect.objectContaining({
        Status: 'CLAIMED',
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: 'TOLL_FREE',
      }),
      expect.objectContaining({
        Status: 'CLAIMED',
        PhoneNumberArn: expect.stringContaining(':phone-number/'),
      }),
    ]);
    expect(next.Slots[0]).not.toHaveProperty('DueAt');
    expect(next.Slots[0]).not.toHaveProperty('Checks');
  });

  it('follows the check schedule while a claim stays IN_PROGRESS', async () => {
    // Prepare
    const { clock, fake, deps } = setUp({ latencyMs: () => 40_000 });
    let run = await clock.run(advanceClaims(startRun({ PhoneNumber: '+18005550000' }, deps), deps));
    const waits: number[] = [];

    // Act
    while (run.Next.Action === 'WAIT') {
      waits.push(run.Next.WaitSeconds);
      clock.advance(run.Next.WaitSeconds * 1000);
      run = await clock.run(advanceClaims(run, deps));
    }

    // Assess
    expect(waits).toEqual([15, 10, 10, 20]);
    expect(run.Slots[0]?.Status).toBe('CLAIMED');
    expect(fake.requests.DescribePhoneNumber).toBe(4);
  });

  it('fails an explicit number someone else took as NumberUnavailable, and claims the others', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const numbers = tollFreeNumbers(2);
    fake.takeAway(numbers[0] ?? '');

    // Act
    const next = await clock.run(advanceClaims(startRun({ PhoneNumbers: numbers }, deps), deps));

    // Assess
    expect(next.Slots[0]).toMatchObject({
      Status: 'FAILED',
      Error: 'NumberUnavailable',
      Message: expect.stringContaining('Phone number not available'),
    });
    expect(next.Slots[1]?.Status).toBe('IN_PROGRESS');
  });

  it('replaces an unavailable number of a search slot with the next spare', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const run: ClaimRun = {
      ...startRun(
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 1 } },
        deps,
      ),
      Slots: [{ Status: 'PENDING', PhoneNumber: '+18005550000' }],
      Candidates: ['+18005550001', '+18005550002'],
      SearchRounds: 1,
    };
    fake.takeAway('+18005550000');

    // Act
    const next = await clock.run(advanceClaims(run, deps));

    // Assess
    expect(next.Slots[0]).toMatchObject({ Status: 'IN_PROGRESS', PhoneNumber: '+18005550001', Replaced: 1 });
    expect(next.Tried).toEqual(['+18005550000']);
    expect(next.Candidates).toEqual(['+18005550002']);
  });

  it('replaces a FAILED claim of a search slot, and asks for a search when the spares run out', async () => {
    // Prepare
    const { clock, deps } = setUp({
      failure: (number) => (number <= '+18005550001' ? CARRIER_FAILURE : undefined),
    });
    let run: ClaimRun = {
      ...startRun(
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 1 } },
        deps,
      ),
      Slots: [{ Status: 'PENDING', PhoneNumber: '+18005550000' }],
      Candidates: ['+18005550001'],
      SearchRounds: 1,
      Next: { Action: 'CLAIM' },
    };

    // Act
    const actions: string[] = [];
    for (let pass = 0; pass < 10 && run.Next.Action !== 'SEARCH'; pass++) {
      run = await clock.run(advanceClaims(run, deps));
      actions.push(run.Next.Action);
      if (run.Next.Action === 'WAIT') clock.advance(run.Next.WaitSeconds * 1000);
    }

    // Assess
    expect(actions.at(-1)).toBe('SEARCH');
    expect(run.Slots[0]).toEqual({ Status: 'PENDING', Replaced: 2, Message: CARRIER_FAILURE });
    expect(run.Tried).toEqual(['+18005550000', '+18005550001']);
  });

  it('fails an explicit number whose claim Connect reports FAILED as ClaimFailed with its message', async () => {
    // Prepare
    const { clock, deps } = setUp({ failure: () => CARRIER_FAILURE, latencyMs: () => 3_000 });
    const first = await clock.run(advanceClaims(startRun({ PhoneNumber: '+18005550000' }, deps), deps));
    clock.advance(15_000);

    // Act
    const next = await clock.run(advanceClaims(first, deps));

    // Assess
    expect(next.Slots[0]).toMatchObject({
      Status: 'FAILED',
      Error: 'ClaimFailed',
      Message: CARRIER_FAILURE,
      PhoneNumberId: expect.any(String),
    });
    expect(next.Next).toEqual({ Action: 'DONE' });
  });

  it('stops claiming once a claim FAILED on the limit, and still settles the claims in flight', async () => {
    // Prepare: one claim every 10 s, checks every second, room for 2 numbers.
    const { fake, deps } = setUp(
      { quota: 2, latencyMs: () => 1_000 },
      {
        rates: { ...defaultSettings.rates, claim: { ratePerSecond: 0.1, burst: 1 } },
        checkScheduleSeconds: [1],
        sliceSeconds: 120,
      },
    );

    // Act
    const outcome = await runWorkflow({ InstanceId: INSTANCE_ID, PhoneNumbers: tollFreeNumbers(8) }, deps);

    // Assess
    const statuses = outcome.run.Slots.map((slot) => slot.Error ?? slot.Status);
    expect(statuses.slice(0, 2)).toEqual(['CLAIMED', 'CLAIMED']);
    expect(statuses.slice(2)).toEqual(Array(6).fill('LimitExceeded'));
    expect(outcome.run.Slots[2]).toMatchObject({ Message: LIMIT_MESSAGE, PhoneNumberId: expect.any(String) });
    expect(fake.requests.ClaimPhoneNumber).toBe(3);
  });

  it('fails every PENDING slot without further calls when the target does not exist', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    fake.failNext(
      'ClaimPhoneNumber',
      () =>
        new ResourceNotFoundException({ message: 'Instance not found', $metadata: { httpStatusCode: 404 } }),
    );

    // Act
    const next = await clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(4) }, deps), deps));

    // Assess
    expect(fake.requests.ClaimPhoneNumber).toBe(1);
    expect(next.Slots.every((slot) => slot.Status === 'FAILED' && slot.Error === 'ResourceNotFound')).toBe(
      true,
    );
    expect(next.Next).toEqual({ Action: 'DONE' });
  });

  it('keeps a slot PENDING through a retryable error and retries it after a backoff', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    fake.failNext(
      'ClaimPhoneNumber',
      () => new InternalServiceException({ message: 'try later', $metadata: { httpStatusCode: 500 } }),
      1,
      (input) => input.PhoneNumber === '+18005550000',
    );

    // Act
    const next = await clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(2) }, deps), deps));

    // Assess
    expect(fake.requests.ClaimPhoneNumber).toBe(3);
    expect(next.Slots.map((slot) => slot.Status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(next.Slots[0]).not.toHaveProperty('Attempts');
    expect(next.Slots[0]).not.toHaveProperty('Message');
    expect(fake.claimCounts().get('+18005550000')).toBe(1);
  });

  it('records the attempt and its error when the retry is due after the pass', async () => {
    // Prepare
    const { clock, fake, deps } = setUp({}, { claimRetry: { baseSeconds: 10, maxSeconds: 30 } });
    deps.random;
    fake.failNext(
      'ClaimPhoneNumber',
      () => new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }),
      1,
      (input) => input.PhoneNumber === '+18005550000',
    );
    const depsWithJitter = { ...deps, random: () => 0.9 };

    // Act
    const next = await clock.run(
      advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(2) }, depsWithJitter), depsWithJitter),
    );

    // Assess
    expect(next.Slots[0]).toMatchObject({
      Status: 'PENDING',
      Attempts: 1,
      DueAt: VIRTUAL_EPOCH + 9_000,
      Message: expect.stringContaining('Rate exceeded'),
    });
    expect(next.Next).toEqual({ Action: 'WAIT', WaitSeconds: 9 });
  });

  it('checks again 5 s after a status check met a retryable error', async () => {
    // Prepare
    const { clock, fake, deps } = setUp({ latencyMs: () => 1_000 });
    const first = await clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(2) }, deps), deps));
    fake.failNext(
      'DescribePhoneNumber',
      () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      1,
    );
    clock.advance(15_000);

    // Act
    const next = await clock.run(advanceClaims(first, deps));
    clock.advance(5_000);
    const after = await clock.run(advanceClaims(next, deps));

    // Assess
    expect(next.Slots.map((slot) => slot.Status)).toEqual(['IN_PROGRESS', 'CLAIMED']);
    expect(next.Slots[0]).toMatchObject({
      DueAt: VIRTUAL_EPOCH + 20_000,
      Message: expect.stringContaining('socket hang up'),
    });
    expect(next.Next).toEqual({ Action: 'WAIT', WaitSeconds: 5 });
    expect(after.Slots[0]?.Status).toBe('CLAIMED');
    expect(fake.requests.DescribePhoneNumber).toBe(3);
  });

  it('throws ConnectUnavailable when every call of the pass failed retryably', async () => {
    // Prepare
    const { clock, fake, deps } = setUp(
      {},
      { sliceSeconds: 5, claimRetry: { baseSeconds: 1, maxSeconds: 1 } },
    );
    fake.failNext(
      'ClaimPhoneNumber',
      () => new InternalServiceException({ message: 'down', $metadata: { httpStatusCode: 500 } }),
      1_000,
    );

    // Act
    const pass = clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(2) }, deps), deps));

    // Assess
    await expect(pass).rejects.toMatchObject({
      name: 'ConnectUnavailable',
      message: expect.stringContaining('down'),
    });
  });

  it('hands back CLAIM when the slice is spent with work still due', async () => {
    // Prepare
    const { clock, fake, deps } = setUp({}, { sliceSeconds: 5 });

    // Act
    const next = await clock.run(advanceClaims(startRun({ PhoneNumbers: tollFreeNumbers(30) }, deps), deps));

    // Assess
    expect(next.Next).toEqual({ Action: 'CLAIM' });
    // Connect's burst of 5 less the one token kept in reserve, then 2 a second for 5 s.
    expect(fake.requests.ClaimPhoneNumber).toBe(4 + 2 * 5);
    expect(next.Slots.filter((slot) => slot.Status === 'IN_PROGRESS')).toHaveLength(14);
  });

  it('at the deadline fails PENDING slots as DeadlineExceeded and IN_PROGRESS ones as StillInProgress', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const run: ClaimRun = {
      ...startRun({ PhoneNumbers: tollFreeNumbers(3) }, deps),
      DeadlineAt: VIRTUAL_EPOCH - 1,
      Slots: [
        {
          Status: 'PENDING',
          PhoneNumber: '+18005550000',
          Attempts: 2,
          Message: 'InternalServiceException: down',
        },
        { Status: 'IN_PROGRESS', PhoneNumber: '+18005550001', PhoneNumberId: 'id-1', Checks: 3, DueAt: 0 },
        { Status: 'CLAIMED', PhoneNumber: '+18005550002', PhoneNumberId: 'id-2' },
      ],
    };

    // Act
    const next = await clock.run(advanceClaims(run, deps));

    // Assess
    expect(fake.requests.ClaimPhoneNumber + fake.requests.DescribePhoneNumber).toBe(0);
    expect(next.Next).toEqual({ Action: 'DONE' });
    expect(next.Slots[0]).toEqual({
      Status: 'FAILED',
      PhoneNumber: '+18005550000',
      Error: 'DeadlineExceeded',
      Message: expect.stringMatching(
        /deadline.*last error: InternalServiceException: down.*run the request again/,
      ),
    });
    expect(next.Slots[1]).toEqual({
      Status: 'FAILED',
      PhoneNumber: '+18005550001',
      PhoneNumberId: 'id-1',
      Error: 'StillInProgress',
      Message: expect.stringContaining('check it later'),
    });
    expect(next.Slots[2]?.Status).toBe('CLAIMED');
  });

  it('never waits past the deadline', async () => {
    // Prepare
    const { clock, deps } = setUp({ latencyMs: () => 3_600_000 }, { deadlineSeconds: 40 });

    // Act
    const outcome = await runWorkflow({ InstanceId: INSTANCE_ID, PhoneNumber: '+18005550000' }, deps);

    // Assess
    expect(outcome.result.Failed).toEqual([
      expect.objectContaining({ Error: 'StillInProgress', PhoneNumberId: expect.any(String) }),
    ]);
    expect(outcome.makespanMs).toBeLessThanOrEqual(41_000);
    expect(clock.now() - VIRTUAL_EPOCH).toBe(outcome.makespanMs);
  });
});

describe('Function: waitSecondsUntil', () => {
  it.each([
    [0, 14_200, 900_000, 15],
    [0, 500, 900_000, 1],
    [0, 300_000, 900_000, 60],
    [0, 30_000, 9_500, 11],
    [0, 30_000, -5_000, 1],
  ])('from %i to %i with the deadline at %i waits %i s', (now, dueAt, deadlineAt, seconds) => {
    // Act & Assess
    expect(waitSecondsUntil(now, dueAt, deadlineAt)).toBe(seconds);
  });
});

describe('Function: checkDelayMs', () => {
  it('follows the schedule and repeats its last delay', () => {
    // Act & Assess
    expect([0, 1, 2, 3, 4, 5, 6, 9].map((checks) => checkDelayMs(defaultSettings, checks) / 1000)).toEqual([
      15, 10, 10, 20, 30, 60, 60, 60,
    ]);
  });
});
