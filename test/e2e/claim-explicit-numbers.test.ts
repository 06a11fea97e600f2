import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_EMULATOR_CONFIG,
  DEMO_INSTANCE_ID,
  DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID,
  type RunningEmulator,
  trafficDistributionGroupArn,
} from '../../emulator/index.ts';
import {
  availableNumbers,
  claimedInEmulator,
  claimedInResult,
  connectCalls,
  demoInstanceArn,
  prepareEmulator,
  resultOf,
  runClaim,
  startScenarioEmulator,
} from './offline-claim.ts';

describe('Workflow, run locally: claiming given numbers', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startScenarioEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    prepareEmulator(emulator);
  });

  it('claims a single number to an instance and ends with it CLAIMED in Connect', async () => {
    // Prepare
    const [phoneNumber] = await availableNumbers(emulator, 1);

    // Act
    const run = await runClaim(emulator, { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: phoneNumber });

    // Assess
    expect(run.status).toBe('SUCCEEDED');
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 1, Failed: [] });
    expect(result.Claimed).toEqual([
      expect.objectContaining({ PhoneNumber: phoneNumber, PhoneNumberStatus: { Status: 'CLAIMED' } }),
    ]);
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual([phoneNumber]);
    expect(run.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:[\w-]+:[\w-]+$/);
  });

  it('claims an explicit list, publishing one event per number and the completed result', async () => {
    // Prepare
    const numbers = await availableNumbers(emulator, 3);

    // Act
    const run = await runClaim(emulator, {
      InstanceId: DEMO_INSTANCE_ID,
      PhoneNumbers: numbers,
      PhoneNumberDescription: 'support line',
      Tags: { team: 'support' },
    });

    // Assess
    const result = resultOf(run);
    expect(result.Status).toBe('SUCCEEDED');
    expect(claimedInResult(result)).toEqual([...numbers].sort());
    const state = emulator.snapshot();
    expect(claimedInEmulator(state, demoInstanceArn)).toEqual([...numbers].sort());
    expect(state.phoneNumbers.every((number) => number.Tags.team === 'support')).toBe(true);
    const events = state.events.filter((event) => event.Source === 'phone-number-claimer');
    expect(events.filter((event) => event.DetailType === 'Phone Number Claimed')).toHaveLength(3);
    expect(events.filter((event) => event.DetailType === 'Phone Number Claim Completed')).toEqual([
      expect.objectContaining({ Detail: expect.objectContaining({ Status: 'SUCCEEDED', Requested: 3 }) }),
    ]);
  });

  it('claims to a traffic distribution group by its ARN', async () => {
    // Prepare
    const targetArn = trafficDistributionGroupArn(
      DEFAULT_EMULATOR_CONFIG,
      DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID,
    );
    const numbers = await availableNumbers(emulator, 2);

    // Act
    const run = await runClaim(emulator, { TargetArn: targetArn, PhoneNumbers: numbers });

    // Assess
    const result = resultOf(run);
    expect(result.Status).toBe('SUCCEEDED');
    expect(claimedInEmulator(emulator.snapshot(), targetArn)).toEqual(claimedInResult(result));
    expect(claimedInResult(result)).toEqual([...numbers].sort());
  });

  it('fails invalid input with InvalidInput before any Connect call', async () => {
    // Act
    const run = await runClaim(emulator, {
      InstanceId: DEMO_INSTANCE_ID,
      PhoneNumber: '555-0100',
      ClientToken: 'NOT-A-UUID',
    });

    // Assess
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('InvalidInput');
    expect(run.cause).toMatch(/PhoneNumber/);
    expect(connectCalls(emulator.snapshot())).toBe(0);
    expect(emulator.snapshot().phoneNumbers).toEqual([]);
  });

  it('fails with ClaimFailed and the result as cause when no number could be claimed', async () => {
    // Prepare: a number that exists nowhere in the inventory
    const unknown = '+15005550000';

    // Act
    const run = await runClaim(emulator, { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: unknown });

    // Assess
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ClaimFailed');
    const result = resultOf(run);
    expect(result).toMatchObject({ Status: 'FAILED', Requested: 1, Claimed: [] });
    expect(result.Failed).toEqual([expect.objectContaining({ PhoneNumber: unknown })]);
    expect(claimedInEmulator(emulator.snapshot(), demoInstanceArn)).toEqual([]);
  });

  it('claims nothing new when the same request runs twice, and returns the same numbers', async () => {
    // Prepare
    const numbers = await availableNumbers(emulator, 2);
    const request = {
      InstanceId: DEMO_INSTANCE_ID,
      PhoneNumbers: numbers,
      ClientToken: '0f8fad5b-d9cb-469f-a165-70867728950e',
    };
    const first = resultOf(await runClaim(emulator, request));
    const afterFirst = emulator.snapshot().phoneNumbers.map((number) => number.PhoneNumberId);

    // Act
    const second = resultOf(await runClaim(emulator, request));

    // Assess
    expect(second.Status).toBe('SUCCEEDED');
    expect(claimedInResult(second)).toEqual(claimedInResult(first));
    expect(second.Claimed.map((number) => number.PhoneNumberId).sort()).toEqual(
      first.Claimed.map((number) => number.PhoneNumberId).sort(),
    );
    expect(emulator.snapshot().phoneNumbers.map((number) => number.PhoneNumberId)).toEqual(afterFirst);
  });
});
