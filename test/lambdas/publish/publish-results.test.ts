import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { ConnectClient } from '@aws-sdk/client-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { DetailType, EVENT_SOURCE } from '../../../lambdas/core/claim-events.ts';
import { defaultSettings } from '../../../lambdas/core/settings.ts';
import { publishResults } from '../../../lambdas/publish/publish-results.ts';
import { claimedSlot, finishedRun, INSTANCE_ID, KEY } from '../support/runs.ts';
import { createVirtualClock } from '../support/virtual-clock.ts';

const eventsMock = mockClient(EventBridgeClient);
afterEach(() => eventsMock.reset());

function setUp() {
  const clock = createVirtualClock();
  const eventTally = { published: 0, failed: 0 };
  const deps = {
    events: new EventBridgeClient({ region: 'us-east-1' }),
    connect: new ConnectClient({ region: 'us-east-1' }),
    clock,
    settings: { ...defaultSettings, eventBusName: 'claims-bus' },
    random: () => 0.5,
    eventTally,
  };
  return { clock, deps, eventTally };
}

const sentEntries = (): PutEventsRequestEntry[] =>
  eventsMock.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);

describe('Function: publishResults', () => {
  it('puts one event per number and one for the run, on the configured bus, and returns the result', async () => {
    // Prepare
    const { clock, deps, eventTally } = setUp();
    eventsMock
      .on(PutEventsCommand)
      .callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'e' })) }));
    const run = finishedRun([
      claimedSlot(1),
      { Status: 'FAILED', PhoneNumber: '+18005550002', Error: 'NumberUnavailable', Message: 'taken' },
    ]);

    // Act
    const result = await clock.run(publishResults(run, deps));

    // Assess
    expect(result.Status).toBe('PARTIALLY_SUCCEEDED');
    const entries = sentEntries();
    expect(entries.map((entry) => entry.DetailType)).toEqual([
      DetailType.claimed,
      DetailType.failed,
      DetailType.completed,
    ]);
    expect(
      entries.every((entry) => entry.Source === EVENT_SOURCE && entry.EventBusName === 'claims-bus'),
    ).toBe(true);
    expect(JSON.parse(entries[0]?.Detail ?? '')).toEqual({
      ...result.Claimed[0],
      IdempotencyKey: KEY,
      InstanceId: INSTANCE_ID,
    });
    expect(JSON.parse(entries[1]?.Detail ?? '')).toEqual({
      ...result.Failed[0],
      IdempotencyKey: KEY,
      InstanceId: INSTANCE_ID,
    });
    expect(JSON.parse(entries[2]?.Detail ?? '')).toEqual({
      ...result,
      IdempotencyKey: KEY,
      InstanceId: INSTANCE_ID,
    });
    expect(eventTally).toEqual({ published: 3, failed: 0 });
  });

  it('sends batches of at most 10 entries', async () => {
    // Prepare
    const { clock, deps } = setUp();
    eventsMock
      .on(PutEventsCommand)
      .callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'e' })) }));
    const run = finishedRun(Array.from({ length: 23 }, (_, i) => claimedSlot(i)));

    // Act
    await clock.run(publishResults(run, deps));

    // Assess
    expect(eventsMock).toHaveReceivedCommandTimes(PutEventsCommand, 3);
    expect(
      eventsMock.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length),
    ).toEqual([10, 10, 4]);
  });

  it('retries only the entries EventBridge refused', async () => {
    // Prepare
    const { clock, deps, eventTally } = setUp();
    eventsMock
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'e' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });

    // Act
    await clock.run(publishResults(finishedRun([claimedSlot(1)]), deps));

    // Assess
    const calls = eventsMock.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.Entries?.map((entry) => entry.DetailType)).toEqual([DetailType.completed]);
    expect(eventTally).toEqual({ published: 2, failed: 0 });
  });

  it('still returns the result when the bus keeps failing, counting what was lost', async () => {
    // Prepare
    const { clock, deps, eventTally } = setUp();
    eventsMock.on(PutEventsCommand).rejects(new Error('bus down'));

    // Act
    const result = await clock.run(publishResults(finishedRun([claimedSlot(1)]), deps));

    // Assess
    expect(result.Status).toBe('SUCCEEDED');
    expect(eventsMock).toHaveReceivedCommandTimes(PutEventsCommand, 3);
    expect(eventTally).toEqual({ published: 0, failed: 2 });
  });
});
