import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTANCE_ID, type RunningEmulator } from '../../emulator/index.ts';
import {
  claimedInEmulator,
  claimedInResult,
  demoInstanceArn,
  prepareEmulator,
  resultOf,
  runClaim,
  startScenarioEmulator,
} from './offline-claim.ts';

const search = (quantity: number) => ({
  InstanceId: DEMO_INSTANCE_ID,
  Search: {
    PhoneNumberCountryCode: 'US',
    PhoneNumberType: 'TOLL_FREE',
    PhoneNumberPrefix: '+18',
    Quantity: quantity,
  },
});

describe('Workflow, run locally: searching and claiming', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startScenarioEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('finds and claims the quantity asked for', async () => {
    // Prepare
    prepareEmulator(emulator);

    // Act
    const run = await runClaim(emulator, search(5));

    // Assess
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 5, Failed: [] });
    expect(result.Claimed).toHaveLength(5);
    expect(result.Claimed.every((number) => number.PhoneNumber.startsWith('+18'))).toBe(true);
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual(claimedInResult(result));
    expect(
      run.events.filter((event) => event.type === 'StateEntered' && event.state.name === 'WaitForClaims')
        .length,
    ).toBeGreaterThan(0);
  });

  it('waits out claims that stay IN_PROGRESS for minutes', async () => {
    // Prepare: every claim takes 5 to 8 simulated minutes
    prepareEmulator(emulator, { claimLatencySeconds: { min: 300, max: 480 } });

    // Act
    const run = await runClaim(emulator, search(2));

    // Assess
    const result = resultOf(run);
    expect(result.Status).toBe('SUCCEEDED');
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual(claimedInResult(result));
    const waits = run.events.filter(
      (event) => event.type === 'StateEntered' && event.state.name === 'WaitForClaims',
    );
    expect(waits.length).toBeGreaterThan(2);
  });

  it('reports claims still IN_PROGRESS at the deadline as StillInProgress', async () => {
    // Prepare: claims take longer than the run may wait
    prepareEmulator(emulator, { claimLatencySeconds: { min: 600, max: 700 } });

    // Act
    const run = await runClaim(emulator, search(1), { deadlineSeconds: 120 });

    // Assess
    expect(run.error).toBe('ClaimFailed');
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'FAILED', Requested: 1, Claimed: [] });
    expect(result.Failed).toEqual([expect.objectContaining({ Error: 'StillInProgress' })]);
  });

  it('replaces claims that end FAILED with spare numbers', async () => {
    // Prepare
    prepareEmulator(emulator, { claimFailureRate: 0.5, seed: 2 });

    // Act
    const run = await runClaim(emulator, search(4));

    // Assess
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 4, Failed: [] });
    const state = emulator.snapshot();
    expect(state.phoneNumbers.some((number) => number.Status === 'FAILED')).toBe(true);
    expect(claimedInEmulator(state, demoInstanceArn)).toEqual(claimedInResult(result));
  });

  it('replaces numbers someone else took since the search', async () => {
    // Prepare
    prepareEmulator(emulator, { contentionRate: 0.5, seed: 3 });

    // Act
    const run = await runClaim(emulator, search(3));

    // Assess
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 3, Failed: [] });
    const state = emulator.snapshot();
    expect(state.calls.ClaimPhoneNumber?.byStatus['400']).toBeGreaterThan(0);
    expect(claimedInEmulator(state, demoInstanceArn)).toEqual(claimedInResult(result));
  });

  it('claims up to the quota and reports the rest as LimitExceeded', async () => {
    // Prepare
    prepareEmulator(emulator, { phoneNumberQuota: 2 });

    // Act
    const run = await runClaim(emulator, search(4));

    // Assess
    expect(run.status).toBe('SUCCEEDED');
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'PARTIALLY_SUCCEEDED', Requested: 4 });
    expect(result.Claimed).toHaveLength(2);
    expect(result.Failed.map((failure) => failure.Error)).toEqual(['LimitExceeded', 'LimitExceeded']);
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual(claimedInResult(result));
  });

  it('claims nothing new when a search request runs again, and returns the same numbers', async () => {
    // Prepare
    prepareEmulator(emulator);
    const request = { ...search(3), ClientToken: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
    const first = resultOf(await runClaim(emulator, request));
    const claimsBefore = emulator.snapshot().phoneNumbers.length;

    // Act
    const second = resultOf(await runClaim(emulator, request));

    // Assess
    expect(second.Status).toBe('SUCCEEDED');
    expect(claimedInResult(second)).toEqual(claimedInResult(first));
    expect(emulator.snapshot().phoneNumbers).toHaveLength(claimsBefore);
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual(claimedInResult(first));
  });
});
