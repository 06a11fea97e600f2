import {
  ClaimPhoneNumberCommand,
  type ConnectClient,
  DescribePhoneNumberCommand,
  ListPhoneNumbersV2Command,
  ReleasePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import {
  connectClient,
  errorOf,
  findNumbers,
  GROUP_ARN,
  INSTANCE_ARN,
  INSTANCE_ID,
  startTestEmulator,
} from './harness.ts';

const token = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function claim(client: ConnectClient, phoneNumber: string, extra: Record<string, unknown> = {}) {
  return client.send(
    new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: phoneNumber, ...extra }),
  );
}

async function statusOf(client: ConnectClient, id: string): Promise<string | undefined> {
  const { ClaimedPhoneNumberSummary } = await client.send(
    new DescribePhoneNumberCommand({ PhoneNumberId: id }),
  );
  return ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status;
}

async function claimSettled(
  emulator: RunningEmulator,
  client: ConnectClient,
  count: number,
): Promise<string[]> {
  const numbers = await findNumbers(client, count);
  const ids: string[] = [];
  for (const number of numbers) ids.push((await claim(client, number)).PhoneNumberId ?? '');
  emulator.advanceClock(60);
  return ids;
}

describe('Function: ClaimPhoneNumber', () => {
  it('answers at once with an id and ARN, IN_PROGRESS, then CLAIMED once its latency has passed', async () => {
    // Prepare
    const emulator = await startTestEmulator({ claimLatencySeconds: { min: 10, max: 10 } });
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);

    // Act
    const claimed = await claim(client, number, {
      Tags: { team: 'support' },
      PhoneNumberDescription: 'Support line',
    });
    const before = await statusOf(client, claimed.PhoneNumberId ?? '');
    emulator.advanceClock(9);
    const almost = await statusOf(client, claimed.PhoneNumberId ?? '');
    emulator.advanceClock(1);
    const { ClaimedPhoneNumberSummary: after } = await client.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: claimed.PhoneNumberId }),
    );

    // Assess
    expect(claimed.$metadata.httpStatusCode).toBe(200);
    expect(claimed.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(claimed.PhoneNumberArn).toBe(
      `arn:aws:connect:us-east-1:123456789012:phone-number/${claimed.PhoneNumberId}`,
    );
    expect([before, almost]).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(after).toEqual({
      PhoneNumberId: claimed.PhoneNumberId,
      PhoneNumberArn: claimed.PhoneNumberArn,
      PhoneNumber: number,
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: 'TOLL_FREE',
      PhoneNumberDescription: 'Support line',
      TargetArn: INSTANCE_ARN,
      InstanceId: INSTANCE_ID,
      Tags: { team: 'support' },
      PhoneNumberStatus: { Status: 'CLAIMED' },
    });
    const record = emulator.snapshot().phoneNumbers[0];
    expect(record?.history.map((entry) => entry.Status)).toEqual(['IN_PROGRESS', 'CLAIMED']);
    expect(Date.parse(record?.history[1]?.At ?? '') - Date.parse(record?.history[0]?.At ?? '')).toBe(10_000);
  });

  it('takes the number out of the searchable inventory', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);

    // Act
    await claim(client, number);
    const search = await client.send(
      new SearchAvailablePhoneNumbersCommand({
        InstanceId: INSTANCE_ID,
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: 'TOLL_FREE',
        PhoneNumberPrefix: number,
      }),
    );

    // Assess
    expect(search.AvailableNumbersList).toEqual([]);
  });

  it('refuses a number that is not in the available inventory with 400 "Phone number not available"', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);
    await claim(client, number);

    // Act
    const taken = await errorOf(claim(client, number));
    const unknown = await errorOf(claim(client, '+15555550100'));

    // Assess
    expect(taken).toMatchObject({
      name: 'InvalidParameterException',
      message: `Phone number not available: ${number}`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(unknown.message).toContain('Phone number not available: +15555550100');
  });

  it('claims to a traffic distribution group, reporting the first instance as InstanceId', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);

    // Act
    const claimed = await client.send(
      new ClaimPhoneNumberCommand({ TargetArn: GROUP_ARN, PhoneNumber: number }),
    );
    const { ClaimedPhoneNumberSummary } = await client.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: claimed.PhoneNumberId }),
    );

    // Assess
    expect(ClaimedPhoneNumberSummary).toMatchObject({ TargetArn: GROUP_ARN, InstanceId: INSTANCE_ID });
  });

  it('answers 404 ResourceNotFoundException for an unknown instance or group', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);

    // Act
    const byId = await errorOf(
      client.send(
        new ClaimPhoneNumberCommand({
          InstanceId: 'aaaaaaaa-2222-4333-8444-555555555555',
          PhoneNumber: number,
        }),
      ),
    );
    const byArn = await errorOf(
      client.send(
        new ClaimPhoneNumberCommand({
          TargetArn: GROUP_ARN.replace('us-east-1', 'eu-west-2'),
          PhoneNumber: number,
        }),
      ),
    );

    // Assess
    expect(byId).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect(byArn).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Function: idempotency on ClientToken', () => {
  it('answers a repeated claim with the first answer, and a changed one with 409 IdempotencyException', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [first = '', second = ''] = await findNumbers(client, 2);
    const original = await claim(client, first, { ClientToken: token(1), Tags: { a: '1', b: '2' } });

    // Act
    const repeated = await claim(client, first, { ClientToken: token(1), Tags: { b: '2', a: '1' } });
    emulator.advanceClock(60);
    const afterSettling = await claim(client, first, { ClientToken: token(1), Tags: { a: '1', b: '2' } });
    const changed = await errorOf(claim(client, second, { ClientToken: token(1), Tags: { a: '1', b: '2' } }));

    // Assess
    expect(repeated.PhoneNumberId).toBe(original.PhoneNumberId);
    expect(afterSettling.PhoneNumberArn).toBe(original.PhoneNumberArn);
    expect(changed).toMatchObject({ name: 'IdempotencyException', $metadata: { httpStatusCode: 409 } });
    expect(emulator.snapshot().phoneNumbers).toHaveLength(1);
  });

  it('lets the SDK fill in a missing ClientToken, and generates one when a raw request has none', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [first = '', second = ''] = await findNumbers(client, 2);

    // Act
    await claim(client, first);
    const raw = await fetch(`${emulator.url}/phone-number/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ InstanceId: INSTANCE_ID, PhoneNumber: second }),
    });

    // Assess
    expect(raw.status).toBe(200);
    expect(emulator.snapshot().phoneNumbers.map((n) => n.PhoneNumber)).toEqual([first, second]);
  });

  it('answers a repeated release with the first answer, and the same token for another number with 409', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [a = '', b = ''] = await claimSettled(emulator, client, 2);
    await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: a, ClientToken: 'release-1' }));

    // Act
    const repeated = await client.send(
      new ReleasePhoneNumberCommand({ PhoneNumberId: a, ClientToken: 'release-1' }),
    );
    const other = await errorOf(
      client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: b, ClientToken: 'release-1' })),
    );
    const withoutToken = await errorOf(
      client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: a, ClientToken: 'release-2' })),
    );

    // Assess
    expect(repeated.$metadata.httpStatusCode).toBe(200);
    expect(other).toMatchObject({ name: 'IdempotencyException' });
    expect(withoutToken).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Function: DescribePhoneNumber', () => {
  it('accepts the id or the full phone-number ARN, which the SDK percent-encodes into the path', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);
    const arn = `arn:aws:connect:us-east-1:123456789012:phone-number/${id}`;

    // Act
    const byArn = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId: arn }));
    const raw = await fetch(`${emulator.url}/phone-number/${encodeURIComponent(arn)}`);

    // Assess
    expect(byArn.ClaimedPhoneNumberSummary?.PhoneNumberId).toBe(id);
    expect(raw.status).toBe(200);
  });

  it('answers 404 for an unknown id and for an ARN of another account', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);

    // Act
    const unknown = await errorOf(
      client.send(new DescribePhoneNumberCommand({ PhoneNumberId: 'no-such-id' })),
    );
    const foreign = await errorOf(
      client.send(
        new DescribePhoneNumberCommand({
          PhoneNumberId: `arn:aws:connect:us-east-1:999999999999:phone-number/${id}`,
        }),
      ),
    );

    // Assess
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect(foreign).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Function: ReleasePhoneNumber', () => {
  it('releases a CLAIMED number: Describe then answers 404 and the number sits out its cooldown', async () => {
    // Prepare
    const emulator = await startTestEmulator({ releaseCooldownDays: 2 });
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);
    const number = emulator.snapshot().phoneNumbers[0]?.PhoneNumber ?? '';

    // Act
    const released = await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: id }));
    const describe = await errorOf(client.send(new DescribePhoneNumberCommand({ PhoneNumberId: id })));
    const duringCooldown = await errorOf(claim(client, number));
    emulator.advanceClock(2 * 86_400);
    const afterCooldown = await claim(client, number);

    // Assess
    expect(released.$metadata.httpStatusCode).toBe(200);
    expect(describe).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(duringCooldown.message).toContain(`Phone number not available: ${number}`);
    expect(afterCooldown.PhoneNumberId).not.toBe(id);
    const [first, second] = emulator.snapshot().phoneNumbers;
    expect(first).toMatchObject({ Status: 'RELEASED', CooldownUntil: expect.any(String) });
    expect(second).toMatchObject({ Status: 'IN_PROGRESS', PhoneNumber: number });
  });

  it('answers 409 ResourceInUseException for a number still IN_PROGRESS', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const [number = ''] = await findNumbers(client, 1);
    const { PhoneNumberId, PhoneNumberArn } = await claim(client, number);

    // Act
    const release = await errorOf(client.send(new ReleasePhoneNumberCommand({ PhoneNumberId })));

    // Assess
    expect(release).toMatchObject({
      name: 'ResourceInUseException',
      ResourceType: 'PHONE_NUMBER',
      ResourceId: PhoneNumberArn,
      $metadata: { httpStatusCode: 409 },
    });
  });
});

describe('Function: ListPhoneNumbersV2', () => {
  it('lists numbers IN_PROGRESS or CLAIMED on the target, not FAILED or RELEASED, page by page', async () => {
    // Prepare
    const emulator = await startTestEmulator({ phoneNumberQuota: 4 });
    const client = connectClient(emulator);
    const ids = await claimSettled(emulator, client, 5); // the fifth is over the quota: FAILED
    await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: ids[0] }));
    const [didNumber = ''] = await findNumbers(client, 1, { type: 'DID' });
    await client.send(new ClaimPhoneNumberCommand({ TargetArn: GROUP_ARN, PhoneNumber: didNumber }));

    // Act
    const first = await client.send(
      new ListPhoneNumbersV2Command({ InstanceId: INSTANCE_ID, MaxResults: 2 }),
    );
    const second = await client.send(
      new ListPhoneNumbersV2Command({ InstanceId: INSTANCE_ID, MaxResults: 2, NextToken: first.NextToken }),
    );
    const all = await client.send(new ListPhoneNumbersV2Command({}));
    const dids = await client.send(new ListPhoneNumbersV2Command({ PhoneNumberTypes: ['DID'] }));
    const byPrefix = await client.send(
      new ListPhoneNumbersV2Command({ PhoneNumberPrefix: didNumber.slice(0, 5) }),
    );
    const otherCountry = await client.send(
      new ListPhoneNumbersV2Command({ PhoneNumberCountryCodes: ['GB'] }),
    );

    // Assess
    const listed = [
      ...(first.ListPhoneNumbersSummaryList ?? []),
      ...(second.ListPhoneNumbersSummaryList ?? []),
    ];
    expect(listed.map((n) => n.PhoneNumberId)).toEqual(ids.slice(1, 4));
    expect(second.NextToken).toBeUndefined();
    expect(listed[0]).toEqual({
      PhoneNumberId: ids[1],
      PhoneNumberArn: expect.stringContaining(':phone-number/'),
      PhoneNumber: expect.stringMatching(/^\+1/),
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: 'TOLL_FREE',
      TargetArn: INSTANCE_ARN,
      InstanceId: INSTANCE_ID,
    });
    expect(all.ListPhoneNumbersSummaryList).toHaveLength(4);
    expect(dids.ListPhoneNumbersSummaryList?.map((n) => n.PhoneNumber)).toEqual([didNumber]);
    expect(byPrefix.ListPhoneNumbersSummaryList?.map((n) => n.PhoneNumber)).toContain(didNumber);
    expect(otherCountry.ListPhoneNumbersSummaryList).toEqual([]);
  });

  it('refuses a NextToken it did not issue, or one issued for another query, with 400', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    await claimSettled(emulator, client, 3);
    const page = await client.send(new ListPhoneNumbersV2Command({ MaxResults: 1 }));

    // Act
    const garbage = await errorOf(client.send(new ListPhoneNumbersV2Command({ NextToken: 'not-a-token' })));
    const otherQuery = await errorOf(
      client.send(
        new ListPhoneNumbersV2Command({
          MaxResults: 1,
          PhoneNumberTypes: ['DID'],
          NextToken: page.NextToken,
        }),
      ),
    );

    // Assess
    expect(garbage).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^NextToken: /),
    });
    expect(otherQuery).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('Function: SearchAvailablePhoneNumbers', () => {
  it('pages through the available numbers of a country and type with an opaque NextToken', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const request = {
      InstanceId: INSTANCE_ID,
      PhoneNumberCountryCode: 'GB',
      PhoneNumberType: 'TOLL_FREE',
    } as const;

    // Act
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new SearchAvailablePhoneNumbersCommand({ ...request, NextToken: nextToken }),
      );
      expect(page.AvailableNumbersList?.length).toBeLessThanOrEqual(10);
      seen.push(...(page.AvailableNumbersList ?? []).map((n) => n.PhoneNumber ?? ''));
      nextToken = page.NextToken;
      pages++;
    } while (nextToken);

    // Assess
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(50);
    expect(pages).toBe(Math.ceil(seen.length / 10));
    expect(seen.every((n) => /^\+44(800|808)\d{7}$/.test(n))).toBe(true);
  });

  it('filters by prefix, with or without the +, and finds nothing for a type it does not stock', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);
    const base = {
      TargetArn: GROUP_ARN,
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: 'TOLL_FREE',
    } as const;

    // Act
    const plus = await client.send(
      new SearchAvailablePhoneNumbersCommand({ ...base, PhoneNumberPrefix: '+1888' }),
    );
    const bare = await client.send(
      new SearchAvailablePhoneNumbersCommand({ ...base, PhoneNumberPrefix: '1888' }),
    );
    const uifn = await client.send(
      new SearchAvailablePhoneNumbersCommand({ ...base, PhoneNumberType: 'UIFN' }),
    );

    // Assess
    expect(plus.AvailableNumbersList?.length).toBe(10);
    expect(plus.AvailableNumbersList?.every((n) => n.PhoneNumber?.startsWith('+1888'))).toBe(true);
    expect(bare.AvailableNumbersList).toEqual(plus.AvailableNumbersList);
    expect(uifn.AvailableNumbersList).toEqual([]);
  });

  it('answers 404 for an unknown target (a documented choice: the model lists no 404 for Search)', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const search = await errorOf(
      client.send(
        new SearchAvailablePhoneNumbersCommand({
          InstanceId: 'unknown-instance',
          PhoneNumberCountryCode: 'US',
          PhoneNumberType: 'DID',
        }),
      ),
    );

    // Assess
    expect(search).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Function: UpdatePhoneNumber', () => {
  it('moves a CLAIMED number to another target asynchronously', async () => {
    // Prepare
    const emulator = await startTestEmulator({ claimLatencySeconds: { min: 5, max: 5 } });
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);

    // Act
    const updated = await client.send(
      new UpdatePhoneNumberCommand({ PhoneNumberId: id, TargetArn: GROUP_ARN }),
    );
    const during = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId: id }));
    const again = await errorOf(
      client.send(new UpdatePhoneNumberCommand({ PhoneNumberId: id, InstanceId: INSTANCE_ID })),
    );
    emulator.advanceClock(5);
    const after = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId: id }));

    // Assess
    expect(updated.PhoneNumberId).toBe(id);
    expect(during.ClaimedPhoneNumberSummary).toMatchObject({
      TargetArn: GROUP_ARN,
      PhoneNumberStatus: { Status: 'IN_PROGRESS' },
    });
    expect(again).toMatchObject({ name: 'ResourceInUseException' });
    expect(after.ClaimedPhoneNumberSummary).toMatchObject({
      TargetArn: GROUP_ARN,
      PhoneNumberStatus: { Status: 'CLAIMED' },
    });
  });

  it('ends FAILED with the quota message when the new target is full, leaving the number where it was', async () => {
    // Prepare
    const emulator = await startTestEmulator({ phoneNumberQuota: 1 });
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);
    const [other = ''] = await findNumbers(client, 1);
    await client.send(new ClaimPhoneNumberCommand({ TargetArn: GROUP_ARN, PhoneNumber: other }));

    // Act
    await client.send(new UpdatePhoneNumberCommand({ PhoneNumberId: id, TargetArn: GROUP_ARN }));
    emulator.advanceClock(60);
    const after = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId: id }));
    const listed = await client.send(new ListPhoneNumbersV2Command({ InstanceId: INSTANCE_ID }));

    // Assess
    expect(after.ClaimedPhoneNumberSummary).toMatchObject({
      TargetArn: INSTANCE_ARN,
      PhoneNumberStatus: {
        Status: 'FAILED',
        Message: 'The target has reached its limit of claimed phone numbers (quota 1).',
      },
    });
    expect(listed.ListPhoneNumbersSummaryList?.map((n) => n.PhoneNumberId)).toEqual([id]);
  });
});

describe('Function: quota and churn limit', () => {
  it('accepts a claim over the quota (200) and ends it FAILED with the quota message', async () => {
    // Prepare
    const emulator = await startTestEmulator({ phoneNumberQuota: 2 });
    const client = connectClient(emulator);

    // Act
    const ids = await claimSettled(emulator, client, 3);
    const statuses = await Promise.all(ids.map((id) => statusOf(client, id)));
    const { ClaimedPhoneNumberSummary } = await client.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: ids[2] }),
    );

    // Assess
    expect(statuses).toEqual(['CLAIMED', 'CLAIMED', 'FAILED']);
    expect(ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Message).toBe(
      'The target has reached its limit of claimed phone numbers (quota 2).',
    );
  });

  it('counts the quota per target: a group has its own', async () => {
    // Prepare
    const emulator = await startTestEmulator({ phoneNumberQuota: 1 });
    const client = connectClient(emulator);
    const [a = '', b = ''] = await findNumbers(client, 2);

    // Act
    const onInstance = await claim(client, a);
    const onGroup = await client.send(new ClaimPhoneNumberCommand({ TargetArn: GROUP_ARN, PhoneNumber: b }));
    emulator.advanceClock(60);

    // Assess
    expect(await statusOf(client, onInstance.PhoneNumberId ?? '')).toBe('CLAIMED');
    expect(await statusOf(client, onGroup.PhoneNumberId ?? '')).toBe('CLAIMED');
  });

  it('blocks claims once releases in the window reach 200% of the quota, until the oldest leaves it', async () => {
    // Prepare: quota 1, so two releases reach the limit
    const emulator = await startTestEmulator({
      phoneNumberQuota: 1,
      churnWindowDays: 10,
      releaseCooldownDays: 0,
    });
    const client = connectClient(emulator);
    const [first = ''] = await claimSettled(emulator, client, 1);
    await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: first }));
    const firstReleasedAt = Date.parse(emulator.snapshot().phoneNumbers[0]?.history.at(-1)?.At ?? '');
    const [second = ''] = await claimSettled(emulator, client, 1);
    await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: second }));

    // Act
    const [blocked = ''] = await claimSettled(emulator, client, 1);
    emulator.advanceClock(10 * 86_400);
    const [allowed = ''] = await claimSettled(emulator, client, 1);

    // Assess
    const until = new Date(firstReleasedAt + 10 * 86_400_000).toISOString();
    const { ClaimedPhoneNumberSummary } = await client.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: blocked }),
    );
    expect(ClaimedPhoneNumberSummary?.PhoneNumberStatus).toEqual({
      Status: 'FAILED',
      Message: `The account has reached its claim and release limit (200% of the quota within 10 days); claims are blocked until ${until}.`,
    });
    expect(await statusOf(client, allowed)).toBe('CLAIMED');
  });

  it('keeps the number of a FAILED claim out of searches for a day, but lets the claimant retry it', async () => {
    // Prepare
    const emulator = await startTestEmulator({ claimFailureRate: 1 });
    const client = connectClient(emulator);
    const [id = ''] = await claimSettled(emulator, client, 1);
    const number = emulator.snapshot().phoneNumbers[0]?.PhoneNumber ?? '';

    // Act
    const { ClaimedPhoneNumberSummary } = await client.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: id }),
    );
    const foundWithinTheDay = await findNumbers(client, 1, { prefix: number });
    emulator.configure({ claimFailureRate: 0 });
    const retried = await client.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: number }),
    );
    emulator.advanceClock(86_400);
    const foundAfterTheDay = await findNumbers(client, 1, { prefix: number });

    // Assess
    expect(ClaimedPhoneNumberSummary?.PhoneNumberStatus).toEqual({
      Status: 'FAILED',
      Message: 'The phone number could not be provisioned by the carrier.',
    });
    expect(foundWithinTheDay).toEqual([]);
    expect(retried.PhoneNumberId).not.toBe(id);
    expect(foundAfterTheDay).toEqual([]); // the retry claimed it
  });

  it('returns the number of a FAILED claim to the inventory after a day', async () => {
    // Prepare
    const emulator = await startTestEmulator({ claimFailureRate: 1 });
    const client = connectClient(emulator);
    await claimSettled(emulator, client, 1);
    const number = emulator.snapshot().phoneNumbers[0]?.PhoneNumber ?? '';

    // Act
    emulator.advanceClock(86_400);
    const found = await findNumbers(client, 1, { prefix: number });

    // Assess
    expect(found).toEqual([number]);
  });
});
