import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { CREDENTIALS, errorOf, rawRequest, startTestEmulator } from './harness.ts';

function eventsClient(emulator: RunningEmulator): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
}

describe('Function: putEvents (the EventBridge sink)', () => {
  it('records events put through the real SDK and answers their ids', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = eventsClient(emulator);
    const time = new Date('2026-01-02T03:04:05.000Z');

    // Act
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'phone-number-claimer',
            DetailType: 'Phone Number Claimed',
            Detail: JSON.stringify({ PhoneNumber: '+18005550100' }),
            Time: time,
            Resources: ['arn:aws:connect:us-east-1:123456789012:phone-number/x'],
          },
          {
            Source: 'phone-number-claimer',
            DetailType: 'Phone Number Claim Completed',
            Detail: '{"Status":"SUCCEEDED"}',
            EventBusName: 'claims',
          },
        ],
      }),
    );

    // Assess
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries).toHaveLength(2);
    const { events, calls } = emulator.snapshot();
    expect(events).toEqual([
      {
        EventId: answer.Entries?.[0]?.EventId,
        Time: time.toISOString(),
        Source: 'phone-number-claimer',
        DetailType: 'Phone Number Claimed',
        Detail: { PhoneNumber: '+18005550100' },
        EventBusName: 'default',
        Resources: ['arn:aws:connect:us-east-1:123456789012:phone-number/x'],
      },
      expect.objectContaining({ EventBusName: 'claims', Detail: { Status: 'SUCCEEDED' }, Resources: [] }),
    ]);
    expect(calls.PutEvents).toEqual({ total: 1, byStatus: { '200': 1 }, dropped: 0 });
  });

  it('fails a bad entry alone, with the per-entry error codes EventBridge uses', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = eventsClient(emulator);

    // Act
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: 's', DetailType: 'd', Detail: '{not json' },
          { Source: 's', DetailType: 'd', Detail: '[1]' },
          { DetailType: 'd', Detail: '{}' },
          { Source: 's', DetailType: 'd', Detail: '{}' },
        ],
      }),
    );

    // Assess
    expect(answer.FailedEntryCount).toBe(3);
    expect(answer.Entries?.map((entry) => entry.ErrorCode)).toEqual([
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      undefined,
    ]);
    expect(answer.Entries?.[2]?.ErrorMessage).toContain('Source');
    expect(emulator.snapshot().events).toHaveLength(1);
  });

  it('refuses no entries or more than 10 with 400 ValidationException', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = eventsClient(emulator);
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };

    // Act
    const none = await errorOf(client.send(new PutEventsCommand({ Entries: [] })));
    const eleven = await errorOf(client.send(new PutEventsCommand({ Entries: Array(11).fill(entry) })));

    // Assess
    expect(none).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect(eleven.message).toContain('between 1 and 10');
    expect(emulator.snapshot().events).toEqual([]);
  });

  it('answers an unknown X-Amz-Target or malformed JSON in the awsJson1_1 error shape', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const headers = { 'content-type': 'application/x-amz-json-1.1' };

    // Act
    const unknown = await rawRequest(emulator, 'POST', '/', '{}', {
      ...headers,
      'x-amz-target': 'AWSEvents.ListRules',
    });
    const malformed = await rawRequest(emulator, 'POST', '/', '{', {
      ...headers,
      'x-amz-target': 'AWSEvents.PutEvents',
    });

    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      __type: 'UnknownOperationException',
      message: expect.stringContaining('PutEvents'),
    });
    expect(malformed.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(malformed.json).toEqual({
      __type: 'ValidationException',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('is never throttled or faulted', async () => {
    // Prepare
    const emulator = await startTestEmulator({
      throttle: { ratePerSecond: 1, burst: 1 },
      internalErrorRate: 1,
      dropResponseRate: 1,
    });
    const client = eventsClient(emulator);

    // Act
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await client.send(
          new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
        ),
      );
    }

    // Assess
    expect(answers.map((answer) => answer.FailedEntryCount)).toEqual([0, 0, 0, 0, 0]);
  });
});
