import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClaimPhoneNumberCommand,
  DescribePhoneNumberCommand,
  ReleasePhoneNumberCommand,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { StateFileError, startEmulator } from '../../emulator/index.ts';
import { connectClient, errorOf, findNumbers, INSTANCE_ID, startTestEmulator } from './harness.ts';

const folder = (): string => mkdtempSync(join(tmpdir(), 'emulator-state-'));

describe('Function: state file', () => {
  it('keeps numbers, tokens, inventory changes, clock, calls and events across a restart', async () => {
    // Prepare
    const stateFile = join(folder(), 'state.json');
    const first = await startTestEmulator({ claimLatencySeconds: { min: 5, max: 5 } }, { stateFile });
    const client = connectClient(first);
    const [a = '', b = '', c = ''] = await findNumbers(client, 3);
    const token = '1b1b1b1b-2222-4333-8444-555566667777';
    const claimedA = await client.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: a, ClientToken: token }),
    );
    const claimedB = await client.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: b }),
    );
    first.advanceClock(10);
    await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: claimedB.PhoneNumberId }));
    first.configure({ contentionRate: 1 });
    await errorOf(client.send(new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: c })));
    const before = first.snapshot();
    await first.close();

    // Act
    const second = await startTestEmulator({}, { stateFile });
    const again = connectClient(second);
    const replayed = await again.send(
      new ClaimPhoneNumberCommand({ InstanceId: INSTANCE_ID, PhoneNumber: a, ClientToken: token }),
    );
    const describedA = await again.send(
      new DescribePhoneNumberCommand({ PhoneNumberId: claimedA.PhoneNumberId }),
    );
    const releasedB = await errorOf(
      again.send(new DescribePhoneNumberCommand({ PhoneNumberId: claimedB.PhoneNumberId })),
    );
    const searchB = await findNumbers(again, 1, { prefix: b });
    const searchC = await findNumbers(again, 1, { prefix: c });
    const after = second.snapshot();

    // Assess
    expect(replayed.PhoneNumberId).toBe(claimedA.PhoneNumberId);
    expect(describedA.ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status).toBe('CLAIMED');
    expect(releasedB).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(searchB).toEqual([]); // cooldown
    expect(searchC).toEqual([]); // taken by someone else
    expect(after.phoneNumbers).toEqual(before.phoneNumbers);
    expect(after.now).toBe(before.now); // timeScale 0: the clock carries on from where it stopped
    expect(after.config.contentionRate).toBe(1);
    expect(after.calls.ClaimPhoneNumber?.total).toBe((before.calls.ClaimPhoneNumber?.total ?? 0) + 1);
  });

  it('writes atomically: only the state file remains in its folder, and it is complete JSON', async () => {
    // Prepare
    const dir = folder();
    const stateFile = join(dir, 'state.json');
    const emulator = await startTestEmulator({}, { stateFile });
    const client = connectClient(emulator);

    // Act
    await findNumbers(client, 25);

    // Assess
    expect(readdirSync(dir)).toEqual(['state.json']);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { calls: Record<string, { total: number }> };
    expect(saved.calls.SearchAvailablePhoneNumbers?.total).toBe(3);
  });

  it('refuses a corrupt or foreign state file with an error naming the file', async () => {
    // Prepare
    const corrupt = join(folder(), 'corrupt.json');
    writeFileSync(corrupt, '{"version": 1, "config": {');
    const foreign = join(folder(), 'foreign.json');
    writeFileSync(foreign, '{"hello": "world"}');

    // Act
    const corruptError = await errorOf(startEmulator({ stateFile: corrupt }));
    const foreignError = await errorOf(startEmulator({ stateFile: foreign }));

    // Assess
    expect(corruptError).toBeInstanceOf(StateFileError);
    expect(corruptError.message).toMatch(new RegExp(`^Emulator state file ${corrupt}: is not valid JSON`));
    expect(foreignError.message).toContain(`${foreign}: is not an emulator state file`);
  });
});
