import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.ts';
import { advanceClaims } from '../../lambdas/claim/advance-claims.ts';
import { REQUEST_TAG_KEY } from '../../lambdas/core/claim-request.ts';
import type { ClaimRun } from '../../lambdas/core/claim-run.ts';
import type { Clock } from '../../lambdas/core/clock.ts';
import { createConnectClient } from '../../lambdas/core/connect-client.ts';
import type { StepDependencies } from '../../lambdas/core/dependencies.ts';
import { defaultSettings } from '../../lambdas/core/settings.ts';
import { buildResult } from '../../lambdas/publish/claim-result.ts';
import { searchNumbers } from '../../lambdas/search/search-numbers.ts';
import { validateRequest } from '../../lambdas/validate/validate-request.ts';

/**
 * The domain functions over real HTTP against the Connect emulator, in its time-scaled clock, with every
 * kind of trouble it can make: contention, FAILED claims, 500s, dropped responses and throttling.
 */
const TIME_SCALE = 50;
const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The emulator's simulated time, slept through in scaled wall time. */
function emulatorClock(running: RunningEmulator): Clock {
  return {
    now: () => running.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / TIME_SCALE)),
    timeScale: TIME_SCALE,
  };
}

async function runOnEmulator(input: unknown, deps: StepDependencies): Promise<ClaimRun> {
  const validated = validateRequest(input, deps);
  if (!validated.Valid) throw new Error(validated.Message);
  let run: ClaimRun = validated;
  for (let steps = 0; run.Next.Action !== 'DONE'; steps++) {
    if (steps > 200) throw new Error('the workflow did not finish in 200 steps');
    const next = run.Next;
    if (next.Action === 'SEARCH') run = await searchNumbers(run, deps);
    else if (next.Action === 'CLAIM') run = await advanceClaims(run, deps);
    else if (next.Action === 'WAIT') {
      await deps.clock.sleep(next.WaitSeconds * 1000);
      run = { ...run, Next: { Action: 'CLAIM' } };
    }
  }
  return run;
}

describe('Integration: the claim steps on the Connect emulator', () => {
  it('claims every number once through contention, failures, 500s and dropped answers, and a re-run finds them', async () => {
    // Prepare
    emulator = await startEmulator({
      config: {
        seed: 3,
        timeScale: TIME_SCALE,
        claimLatencySeconds: { min: 2, max: 20 },
        contentionRate: 0.1,
        claimFailureRate: 0.1,
        internalErrorRate: 0.05,
        dropResponseRate: 0.05,
      },
    });
    const clock = emulatorClock(emulator);
    const deps: StepDependencies = {
      connect: createConnectClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        clock,
      }),
      clock,
      settings: defaultSettings,
    };
    const input = {
      InstanceId: INSTANCE_ID,
      Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 12 },
    };

    // Act
    const run = await runOnEmulator(input, deps);
    const rerun = await runOnEmulator(input, deps);

    // Assess
    const result = buildResult(run);
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 12 });
    const ours = emulator
      .snapshot()
      .phoneNumbers.filter((number) => number.Tags[REQUEST_TAG_KEY] === run.IdempotencyKey);
    const claimedThere = ours
      .filter((number) => number.Status === 'CLAIMED')
      .map((number) => number.PhoneNumber);
    expect(result.Claimed.map((number) => number.PhoneNumber).sort()).toEqual(claimedThere.sort());
    expect(ours.every((number) => number.Status !== 'IN_PROGRESS')).toBe(true);
    expect(buildResult(rerun)).toEqual(result);
  });
});
