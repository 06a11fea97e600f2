import {
  AccessDeniedException,
  InternalServiceException,
  ListPhoneNumbersV2Command,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-connect';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClaims } from '../../../lambdas/claim/advance-claims.ts';
import type { ClaimRun } from '../../../lambdas/core/claim-run.ts';
import type { StepDependencies } from '../../../lambdas/core/dependencies.ts';
import type { ResolvedSettings } from '../../../lambdas/core/settings.ts';
import { searchNumbers, sparesFor } from '../../../lambdas/search/search-numbers.ts';
import { validateRequest } from '../../../lambdas/validate/validate-request.ts';
import {
  CARRIER_FAILURE,
  createFakeConnect,
  type FakeConnect,
  type FakeConnectOptions,
  seededRandom,
  tollFreeNumbers,
} from '../support/fake-connect.ts';
import { createVirtualClock, type VirtualClock } from '../support/virtual-clock.ts';
import { runWorkflow, testSettings } from '../support/workflow.ts';

const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
const search = (Quantity: number) => ({
  PhoneNumberCountryCode: 'US',
  PhoneNumberType: 'TOLL_FREE',
  Quantity,
});

let fake: FakeConnect | undefined;
afterEach(() => fake?.mock.restore());

function setUp(options: Omit<FakeConnectOptions, 'clock'> = {}, settings: Partial<ResolvedSettings> = {}) {
  const clock = createVirtualClock();
  fake = createFakeConnect({ clock, inventory: tollFreeNumbers(200), ...options });
  const deps: StepDependencies & { clock: VirtualClock } = {
    connect: fake.client,
    clock,
    settings: testSettings(settings),
    random: seededRandom(3),
  };
  return { clock, fake, deps };
}

function startRun(input: object, deps: StepDependencies): ClaimRun {
  const run = validateRequest({ InstanceId: INSTANCE_ID, ...input }, deps);
  if (!run.Valid) throw new Error(run.Message);
  return run;
}

describe('Function: sparesFor', () => {
  it('adds a quarter of the open slots and two', () => {
    // Act & Assess
    expect([1, 3, 4, 5, 100].map(sparesFor)).toEqual([3, 3, 3, 4, 27]);
  });
});

describe('Function: searchNumbers', () => {
  it('fills each open slot and keeps spares, reading pages of 10', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const run = startRun({ Search: { ...search(12), PhoneNumberPrefix: '+1800' } }, deps);

    // Act
    const next = await clock.run(searchNumbers(run, deps));

    // Assess
    const numbers = tollFreeNumbers(20);
    expect(next.Slots.map((slot) => slot.PhoneNumber)).toEqual(numbers.slice(0, 12));
    expect(next.Slots.every((slot) => slot.Status === 'PENDING')).toBe(true);
    expect(next.Candidates).toEqual(numbers.slice(12, 20));
    expect(next).toMatchObject({ SearchRounds: 1, Next: { Action: 'CLAIM' } });
    expect(fake.mock).toHaveReceivedCommandTimes(SearchAvailablePhoneNumbersCommand, 2);
    expect(fake.mock).toHaveReceivedCommandWith(SearchAvailablePhoneNumbersCommand, {
      InstanceId: INSTANCE_ID,
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: 'TOLL_FREE',
      PhoneNumberPrefix: '+1800',
      MaxResults: 10,
    });
    expect(fake.mock).toHaveReceivedCommandWith(ListPhoneNumbersV2Command, {
      InstanceId: INSTANCE_ID,
      PhoneNumberCountryCodes: ['US'],
      PhoneNumberTypes: ['TOLL_FREE'],
      PhoneNumberPrefix: '+1800',
      MaxResults: 1000,
    });
  });

  it('never offers a number already tried, and asks only for what the open slots still need', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    const numbers = tollFreeNumbers(10);
    const run: ClaimRun = {
      ...startRun({ Search: search(3) }, deps),
      Slots: [
        { Status: 'CLAIMED', PhoneNumber: numbers[9] ?? '', PhoneNumberId: 'x' },
        { Status: 'PENDING', Replaced: 1 },
        { Status: 'PENDING' },
      ],
      Tried: numbers.slice(0, 4),
      SearchRounds: 1,
    };

    // Act
    const next = await clock.run(searchNumbers(run, deps));

    // Assess
    expect(next.Slots.map((slot) => slot.PhoneNumber)).toEqual([numbers[9], numbers[4], numbers[5]]);
    expect(next.Candidates).toEqual([numbers[6], numbers[7], numbers[8]]);
    expect(fake.requests.SearchAvailablePhoneNumbers).toBe(1);
    expect(next.SearchRounds).toBe(2);
    expect(fake.requests.ListPhoneNumbersV2).toBe(0);
  });

  it('fails the open slots with NoNumbersAvailable when the inventory runs dry', async () => {
    // Prepare
    const { clock, deps } = setUp({ inventory: tollFreeNumbers(2) });

    // Act
    const next = await clock.run(searchNumbers(startRun({ Search: search(4) }, deps), deps));

    // Assess
    expect(next.Slots.map((slot) => slot.Error ?? slot.PhoneNumber)).toEqual([
      ...tollFreeNumbers(2),
      'NoNumbersAvailable',
      'NoNumbersAvailable',
    ]);
    expect(next.Slots[3]?.Message).toContain('US TOLL_FREE');
    expect(next.Next).toEqual({ Action: 'CLAIM' });
  });

  it('ends the run when nothing at all is available', async () => {
    // Prepare
    const { clock, deps } = setUp({ inventory: [] });

    // Act
    const next = await clock.run(searchNumbers(startRun({ Search: search(2) }, deps), deps));

    // Assess
    expect(next.Next).toEqual({ Action: 'DONE' });
    expect(next.Slots.every((slot) => slot.Error === 'NoNumbersAvailable')).toBe(true);
  });

  it('fails the open slots after the last allowed search round', async () => {
    // Prepare
    const { clock, fake, deps } = setUp({}, { maxSearchRounds: 2 });
    const run: ClaimRun = { ...startRun({ Search: search(1) }, deps), SearchRounds: 2 };

    // Act
    const next = await clock.run(searchNumbers(run, deps));

    // Assess
    expect(next.Slots[0]).toMatchObject({ Status: 'FAILED', Error: 'NoNumbersAvailable' });
    expect(fake.requests.SearchAvailablePhoneNumbers).toBe(0);
  });

  it('names the rounds actually searched when a slot opens again after the last round', async () => {
    // Prepare: the last round was spent earlier; a slot's number failed since and it is open again
    const { clock, fake, deps } = setUp({}, { maxSearchRounds: 2 });
    const run: ClaimRun = { ...startRun({ Search: search(1) }, deps), SearchRounds: 2 };

    // Act
    const once = await clock.run(searchNumbers(run, deps));
    const reopened = { ...once, Slots: [{ Status: 'PENDING' as const }] };
    const twice = await clock.run(searchNumbers(reopened, deps));

    // Assess
    expect(twice.Slots[0]?.Message).toBe('No number could be claimed for this slot in 2 search rounds');
    expect(twice.SearchRounds).toBe(2);
    expect(fake.requests.SearchAvailablePhoneNumbers).toBe(0);
  });

  it('fails the open slots with the failure of a terminal error', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    fake.failNext(
      'SearchAvailablePhoneNumbers',
      () => new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 403 } }),
    );

    // Act
    const next = await clock.run(searchNumbers(startRun({ Search: search(2) }, deps), deps));

    // Assess
    expect(next.Slots.every((slot) => slot.Error === 'AccessDenied')).toBe(true);
    expect(next.Next).toEqual({ Action: 'DONE' });
  });

  it('throws ConnectUnavailable when Connect cannot be reached', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    fake.failNext(
      'ListPhoneNumbersV2',
      () => new InternalServiceException({ message: 'down', $metadata: { httpStatusCode: 500 } }),
    );

    // Act
    const step = clock.run(searchNumbers(startRun({ Search: search(2) }, deps), deps));

    // Assess
    await expect(step).rejects.toMatchObject({ name: 'ConnectUnavailable' });
  });

  it('rejects a second search round for explicit numbers as a bug', async () => {
    // Prepare
    const { clock, deps } = setUp();
    const run = { ...startRun({ PhoneNumber: '+18005550000' }, deps), SearchRounds: 1 };

    // Act & Assess
    await expect(clock.run(searchNumbers(run, deps))).rejects.toMatchObject({ name: 'InvalidRunError' });
  });

  describe('recovery of an earlier run of the same request', () => {
    it('reports the numbers the earlier run claimed and claims nothing new', async () => {
      // Prepare
      const { fake, deps } = setUp({ latencyMs: () => 4_000 });
      const input = { InstanceId: INSTANCE_ID, Search: search(3), PhoneNumberDescription: 'desk' };
      const first = await runWorkflow(input, deps);
      const claimsBefore = fake.requests.ClaimPhoneNumber;

      // Act
      const second = await runWorkflow(input, deps);

      // Assess
      expect(first.result.Status).toBe('SUCCEEDED');
      expect(second.result).toEqual(first.result);
      expect(fake.requests.ClaimPhoneNumber).toBe(claimsBefore);
      expect(second.steps).toEqual(['SEARCH']);
    });

    it('takes over claims still IN_PROGRESS and leaves other requests’ numbers alone', async () => {
      // Prepare
      const { clock, fake, deps } = setUp({ latencyMs: () => 60_000 });
      const input = { InstanceId: INSTANCE_ID, Search: search(2) };
      await runWorkflow({ InstanceId: INSTANCE_ID, Search: search(2), Tags: { other: 'request' } }, deps);
      const firstPass = startRun(input, deps);
      const searched = await clock.run(searchNumbers(firstPass, deps));
      await clock.run(advanceClaims(searched, deps));
      const claimsBefore = fake.requests.ClaimPhoneNumber;

      // Act: the same request again, while its claims are still in progress.
      const rerun = await clock.run(searchNumbers(startRun(input, deps), deps));

      // Assess
      expect(rerun.Slots.map((slot) => slot.Status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
      expect(rerun.Slots.map((slot) => slot.PhoneNumber)).toEqual(
        searched.Slots.map((slot) => slot.PhoneNumber),
      );
      expect(fake.requests.ClaimPhoneNumber).toBe(claimsBefore);
      expect(rerun.Next).toEqual({ Action: 'CLAIM' });
    });

    it('finds the explicit numbers an earlier run claimed, and leaves only the others to claim', async () => {
      // Prepare: the first run claims two of the numbers; the third is taken by someone else meanwhile
      const { clock, fake, deps } = setUp({ latencyMs: () => 4_000 });
      const [a = '', b = '', c = ''] = tollFreeNumbers(3);
      const input = { InstanceId: INSTANCE_ID, PhoneNumbers: [a, b, c], Tags: { team: 'support' } };
      const first = await runWorkflow(input, deps);
      const claimsBefore = fake.requests.ClaimPhoneNumber;

      // Act
      const rerun = await clock.run(searchNumbers(startRun(input, deps), deps));

      // Assess
      expect(first.result.Claimed.map((n) => n.PhoneNumber).sort()).toEqual([a, b, c].sort());
      expect(rerun.Slots.map((slot) => [slot.PhoneNumber, slot.Status])).toEqual([
        [a, 'CLAIMED'],
        [b, 'CLAIMED'],
        [c, 'CLAIMED'],
      ]);
      expect(rerun.Next).toEqual({ Action: 'DONE' });
      expect(fake.requests.ClaimPhoneNumber).toBe(claimsBefore);
      expect(fake.requests.SearchAvailablePhoneNumbers).toBe(0);
    });

    it('claims an explicit number afresh when the earlier run’s claim of it FAILED', async () => {
      // Prepare: every claim of the first run fails
      let failing = true;
      const { deps } = setUp({
        latencyMs: () => 4_000,
        failure: () => (failing ? CARRIER_FAILURE : undefined),
      });
      const [number = ''] = tollFreeNumbers(1);
      const input = { InstanceId: INSTANCE_ID, PhoneNumber: number };
      const first = await runWorkflow(input, deps);
      failing = false;

      // Act
      const second = await runWorkflow(input, deps);

      // Assess
      expect(first.result.Failed.map((f) => f.Error)).toEqual(['ClaimFailed']);
      expect(second.result.Claimed.map((n) => n.PhoneNumber)).toEqual([number]);
    });

    it('skips describing numbers whose description differs from the request’s', async () => {
      // Prepare
      const { clock, fake, deps } = setUp({ latencyMs: () => 1_000 });
      await runWorkflow(
        { InstanceId: INSTANCE_ID, Search: search(3), PhoneNumberDescription: 'other' },
        deps,
      );
      const describesBefore = fake.requests.DescribePhoneNumber;

      // Act
      await clock.run(
        searchNumbers(startRun({ Search: search(1), PhoneNumberDescription: 'mine' }, deps), deps),
      );

      // Assess
      expect(fake.requests.DescribePhoneNumber).toBe(describesBefore);
    });
  });
});
