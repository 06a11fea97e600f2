import { InternalServiceException, ThrottlingException } from '@aws-sdk/client-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_TAG_KEY } from '../../lambdas/core/claim-request.ts';
import type { StepDependencies } from '../../lambdas/core/dependencies.ts';
import type { ResolvedSettings } from '../../lambdas/core/settings.ts';
import {
  CARRIER_FAILURE,
  createFakeConnect,
  type FakeConnect,
  type FakeConnectOptions,
  seededRandom,
  tollFreeNumbers,
} from './support/fake-connect.ts';
import { createVirtualClock, type VirtualClock } from './support/virtual-clock.ts';
import { runWorkflow, testSettings } from './support/workflow.ts';

/**
 * The domain functions chained as the state machine chains them, against a fake Connect in virtual time:
 * the properties that matter across steps (nothing lost, nothing claimed twice, the performance target).
 */
const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';

let fake: FakeConnect | undefined;
afterEach(() => fake?.mock.restore());

function setUp(options: Omit<FakeConnectOptions, 'clock'>, settings: Partial<ResolvedSettings> = {}) {
  const clock = createVirtualClock();
  fake = createFakeConnect({ clock, inventory: tollFreeNumbers(1000), ...options });
  const deps: StepDependencies & { clock: VirtualClock } = {
    connect: fake.client,
    clock,
    settings: testSettings(settings),
    random: seededRandom(11),
  };
  return { fake, deps };
}

/** Uniform claim latency in [2 s, 20 s], the same for a number whenever it is asked. */
function realisticLatency(seed: number): (phoneNumber: string) => number {
  const random = seededRandom(seed);
  const latencies = new Map<string, number>();
  return (phoneNumber) => {
    const known = latencies.get(phoneNumber);
    if (known !== undefined) return known;
    const latency = 2_000 + Math.floor(random() * 18_000);
    latencies.set(phoneNumber, latency);
    return latency;
  };
}

describe('Workflow: search and claim', () => {
  it.each([1, 2, 3])(
    'claims 100 numbers within 1.2 × the throttle bound and 2.5 calls a number (latency seed %i)',
    async (seed) => {
      // Prepare
      const { fake, deps } = setUp({ latencyMs: realisticLatency(seed) });
      const lowerBoundMs = (95 / 2 + 20) * 1000;

      // Act
      const outcome = await runWorkflow(
        {
          InstanceId: INSTANCE_ID,
          Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 100 },
        },
        deps,
      );

      // Assess
      const calls = Object.values(fake.requests).reduce((sum, count) => sum + count, 0);
      expect(outcome.result).toMatchObject({ Status: 'SUCCEEDED', Requested: 100 });
      expect(outcome.result.Claimed).toHaveLength(100);
      expect(outcome.makespanMs).toBeLessThanOrEqual(1.2 * lowerBoundMs);
      expect(calls / 100).toBeLessThanOrEqual(2.5);
    },
  );

  it('never claims a number twice nor loses one, through contention, failures and Connect errors', async () => {
    // Prepare
    const chaos = seededRandom(5);
    const { fake, deps } = setUp({
      latencyMs: realisticLatency(9),
      contended: () => chaos() < 0.2,
      failure: () => (chaos() < 0.1 ? CARRIER_FAILURE : undefined),
    });
    const serverError = () =>
      new InternalServiceException({ message: 'flaky', $metadata: { httpStatusCode: 500 } });
    const throttled = () =>
      new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
    fake.failNext('ClaimPhoneNumber', serverError, Number.POSITIVE_INFINITY, () => chaos() < 0.1);
    fake.failNext('DescribePhoneNumber', throttled, Number.POSITIVE_INFINITY, () => chaos() < 0.1);

    // Act
    const outcome = await runWorkflow(
      {
        InstanceId: INSTANCE_ID,
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 40 },
      },
      deps,
    );

    // Assess
    const claimCounts = [...fake.claimCounts().values()];
    expect(Math.max(...claimCounts)).toBe(1);
    const ours = fake.claims.filter(
      (claim) =>
        claim.Tags[REQUEST_TAG_KEY] === outcome.run.IdempotencyKey && claim.Outcome.Status === 'CLAIMED',
    );
    expect(outcome.result.Claimed.map((number) => number.PhoneNumber).sort()).toEqual(
      ours.map((claim) => claim.PhoneNumber).sort(),
    );
    expect(outcome.result.Claimed.length + outcome.result.Failed.length).toBe(40);
    expect(outcome.result.Claimed).toHaveLength(40);
    expect(new Set(outcome.result.Claimed.map((number) => number.PhoneNumber)).size).toBe(40);
  });

  it('claims explicit numbers and reports the unavailable one', async () => {
    // Prepare
    const { fake, deps } = setUp({ latencyMs: realisticLatency(4) });
    const numbers = tollFreeNumbers(5);
    fake.takeAway(numbers[2] ?? '');

    // Act
    const outcome = await runWorkflow({ InstanceId: INSTANCE_ID, PhoneNumbers: numbers }, deps);

    // Assess
    expect(outcome.result.Status).toBe('PARTIALLY_SUCCEEDED');
    expect(outcome.result.Claimed.map((number) => number.PhoneNumber)).toEqual([
      numbers[0],
      numbers[1],
      numbers[3],
      numbers[4],
    ]);
    expect(outcome.result.Failed).toEqual([
      {
        PhoneNumber: numbers[2],
        Error: 'NumberUnavailable',
        Message: expect.stringContaining('not available'),
      },
    ]);
  });
});
