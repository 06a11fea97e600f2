import {
  ClaimPhoneNumberCommand,
  DescribePhoneNumberCommand,
  ListPhoneNumbersV2Command,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.ts';
import {
  connectClient,
  errorOf,
  findNumbers,
  INSTANCE_ID,
  rawRequest,
  startTestEmulator,
} from './harness.ts';

const listCommand = () => new ListPhoneNumbersV2Command({});

describe('Function: throttling', () => {
  it('answers 429 ThrottlingException after the burst, per operation, and refills in simulated time', async () => {
    // Prepare
    const emulator = await startTestEmulator({ throttle: { ratePerSecond: 2, burst: 5 } });
    const client = connectClient(emulator);

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const outcome = await client.send(listCommand()).then(
        (answer) => answer.$metadata.httpStatusCode ?? 0,
        (error: unknown) => (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode,
      );
      statuses.push(outcome);
    }
    const otherOperation = await client.send(
      new SearchAvailablePhoneNumbersCommand({
        InstanceId: INSTANCE_ID,
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: 'DID',
      }),
    );
    const throttled = await errorOf(client.send(listCommand()));
    emulator.advanceClock(0.5);
    const refilled = await client.send(listCommand());

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(otherOperation.$metadata.httpStatusCode).toBe(200);
    expect(throttled).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    expect(refilled.$metadata.httpStatusCode).toBe(200);
    expect(emulator.snapshot().calls.ListPhoneNumbersV2).toEqual({
      total: 8,
      byStatus: { '200': 6, '429': 2 },
      dropped: 0,
    });
  });

  it('never throttles the control plane', async () => {
    // Prepare
    const emulator = await startTestEmulator({ throttle: { ratePerSecond: 1, burst: 1 } });

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await rawRequest(emulator, 'GET', '/_emulator/state')).status);

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('Function: fault injection', () => {
  it('answers 500 InternalServiceException before acting at internalErrorRate 1', async () => {
    // Prepare
    const emulator = await startTestEmulator({ internalErrorRate: 1 });
    const client = connectClient(emulator);

    // Act
    const error = await errorOf(
      client.send(new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: '+18005550100' })),
    );

    // Assess
    expect(error).toMatchObject({ name: 'InternalServiceException', $metadata: { httpStatusCode: 500 } });
    expect(emulator.snapshot().phoneNumbers).toEqual([]);
  });

  it('carries a dropped claim out, so the SDK retry with the same ClientToken gets the first answer', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);
    emulator.configure({ dropResponseRate: 1 });
    const clientToken = '9a9a9a9a-1111-4222-8333-444455556666';

    // Act
    const dropped = await errorOf(
      client.send(
        new ClaimPhoneNumberCommand({
          InstanceId: INSTANCE_ID,
          PhoneNumber: number,
          ClientToken: clientToken,
        }),
      ),
    );
    emulator.configure({ dropResponseRate: 0 });
    const retried = await client.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: number, ClientToken: clientToken }),
    );

    // Assess
    expect(dropped.message).toMatch(/socket hang up|ECONNRESET/);
    const [record] = emulator.snapshot().phoneNumbers;
    expect(record?.PhoneNumberId).toBe(retried.PhoneNumberId);
    expect(emulator.snapshot().phoneNumbers).toHaveLength(1);
  });

  it('recovers from a share of 500s through the SDK retries, reproducibly for a seed', async () => {
    // Prepare
    const run = async () => {
      const emulator = await startTestEmulator({ internalErrorRate: 0.5, seed: 7 });
      const client = connectClient(emulator, 1);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push(
          await client.send(listCommand()).then(
            () => 200,
            (error: unknown) => (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode,
          ),
        );
      }
      const retrying = connectClient(emulator, 10);
      const answer = await retrying.send(listCommand());
      return { statuses, attempts: answer.$metadata.attempts };
    };

    // Act
    const first = await run();
    const second = await run();

    // Assess
    expect(first.statuses).toEqual(second.statuses);
    expect(new Set(first.statuses)).toEqual(new Set([200, 500]));
    expect(first.attempts).toBeGreaterThanOrEqual(1);
  });

  it('answers "Phone number not available" at contentionRate 1 and removes the number for good', async () => {
    // Prepare
    const emulator = await startTestEmulator({ contentionRate: 1 });
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);

    // Act
    const contended = await errorOf(
      client.send(new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: number })),
    );
    emulator.configure({ contentionRate: 0 });
    const again = await errorOf(
      client.send(new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: number })),
    );
    const search = await findNumbers(client, 1, { prefix: number });

    // Assess
    expect(contended).toMatchObject({
      name: 'InvalidParameterException',
      message: `Phone number not available: ${number}`,
    });
    expect(again.message).toBe(`Phone number not available: ${number}`);
    expect(search).toEqual([]);
  });
});

describe('Function: simulated time', () => {
  it('runs timeScale simulated seconds per wall-clock second, and stays continuous when the scale changes', async () => {
    // Prepare
    let wall = 1_000_000;
    const emulator = await startTestEmulator({ timeScale: 60 }, { wallClock: () => wall });
    const start = emulator.now();

    // Act
    wall += 1_000;
    const afterOneSecond = emulator.now() - start;
    emulator.configure({ timeScale: 1 });
    const atChange = emulator.now() - start;
    wall += 1_000;
    const afterAnother = emulator.now() - start;
    emulator.advanceClock(30);
    const afterAdvance = emulator.now() - start;

    // Assess
    expect([afterOneSecond, atChange, afterAnother, afterAdvance]).toEqual([60_000, 60_000, 61_000, 91_000]);
    expect(emulator.snapshot().now).toBe(new Date(start + 91_000).toISOString());
  });

  it('settles claims lazily when read, at their simulated settle time', async () => {
    // Prepare
    let wall = 5_000_000;
    const emulator = await startTestEmulator(
      { timeScale: 10, claimLatencySeconds: { min: 20, max: 20 } },
      { wallClock: () => wall },
    );
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);
    const { PhoneNumberId } = await client.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: number }),
    );

    // Act
    wall += 1_900;
    const before = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId }));
    wall += 100;
    const after = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId }));

    // Assess
    expect(before.ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status).toBe('IN_PROGRESS');
    expect(after.ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status).toBe('CLAIMED');
  });

  it('moves the clock through POST /_emulator/clock', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const before = emulator.now();

    // Act
    const answer = await rawRequest(emulator, 'POST', '/_emulator/clock', '{"advanceSeconds": 3600}');

    // Assess
    expect(answer.json).toEqual({ now: new Date(before + 3_600_000).toISOString() });
  });
});

describe('Function: control plane', () => {
  it('merges PUT /_emulator/config, and refuses a bad one naming the key and the rule', async () => {
    // Prepare
    const emulator = await startTestEmulator();

    // Act
    const merged = await rawRequest(
      emulator,
      'PUT',
      '/_emulator/config',
      '{"throttle":{"burst":7},"phoneNumberQuota":3}',
    );
    const refused = await rawRequest(
      emulator,
      'PUT',
      '/_emulator/config',
      '{"claimFailureRate":2,"bogus":1}',
    );

    // Assess
    expect(merged.status).toBe(200);
    expect(emulator.config.throttle).toEqual({ ratePerSecond: 1000, burst: 7 });
    expect(emulator.config.phoneNumberQuota).toBe(3);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      Message:
        'Invalid emulator configuration: claimFailureRate: must be between 0 and 1; bogus: unknown key',
    });
    expect(emulator.config.claimFailureRate).toBe(0);
  });

  it('resets to the initial state for the current config', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const before = await findNumbers(client, 3);
    await client.send(new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: before[0] }));

    // Act
    const answer = await rawRequest(emulator, 'POST', '/_emulator/reset');
    const state = emulator.snapshot();
    const after = await findNumbers(client, 3);

    // Assess
    expect(answer.status).toBe(200);
    expect(state.phoneNumbers).toEqual([]);
    expect(state.calls).toEqual({});
    expect(after).toEqual(before);
  });

  it('offers the same inventory in the same order for a seed, and another for another seed', async () => {
    // Prepare
    const a = await startTestEmulator({ seed: 42 });
    const b = await startTestEmulator({ seed: 42 });
    const c = await startTestEmulator({ seed: 43 });

    // Act
    const [fromA, fromB, fromC] = await Promise.all(
      [a, b, c].map((emulator) => findNumbers(connectClient(emulator), 30, { type: 'DID' })),
    );

    // Assess
    expect(fromA).toEqual(fromB);
    expect(fromC).not.toEqual(fromA);
  });

  it('serves the state as GET /_emulator/state: config, now, phoneNumbers, calls, events', async () => {
    // Prepare
    const emulator = await startEmulator({ config: { timeScale: 0 } });
    try {
      // Act
      const state = await rawRequest(emulator, 'GET', '/_emulator/state');

      // Assess
      expect(state.json).toEqual(emulator.snapshot());
      expect(state.json).toMatchObject({
        config: { region: 'us-east-1', accountId: '123456789012', seed: 1, phoneNumberQuota: 100 },
        now: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        phoneNumbers: [],
        calls: {},
        events: [],
      });
    } finally {
      await emulator.close();
    }
  });
});
