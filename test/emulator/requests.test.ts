import {
  ClaimPhoneNumberCommand,
  type ClaimPhoneNumberCommandInput,
  ListPhoneNumbersV2Command,
  type ListPhoneNumbersV2CommandInput,
  SearchAvailablePhoneNumbersCommand,
  type SearchAvailablePhoneNumbersCommandInput,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { connectClient, errorOf, GROUP_ARN, INSTANCE_ID, startTestEmulator } from './harness.ts';

const TOKEN = '0f0e0d0c-0b0a-4908-8706-050403020100';
const validClaim: ClaimPhoneNumberCommandInput = { InstanceId: INSTANCE_ID, PhoneNumber: '+18005550100' };
const validSearch: SearchAvailablePhoneNumbersCommandInput = {
  InstanceId: INSTANCE_ID,
  PhoneNumberCountryCode: 'US',
  PhoneNumberType: 'TOLL_FREE',
};

// The SDK validates nothing client-side, so wrong values reach the emulator as a real client would send them.
const loose = <T>(value: Record<string, unknown>): T => value as T;

describe('Function: request validation (InvalidParameterException naming the member and the rule)', () => {
  it.each([
    ['PhoneNumber: is required', { InstanceId: INSTANCE_ID }],
    ['PhoneNumber: must match \\+[1-9]\\d{1,14} (E.164)', { ...validClaim, PhoneNumber: '18005550100' }],
    ['PhoneNumber: must match \\+[1-9]\\d{1,14} (E.164)', { ...validClaim, PhoneNumber: '+0800555' }],
    [
      'PhoneNumber: must match \\+[1-9]\\d{1,14} (E.164)',
      { ...validClaim, PhoneNumber: '+1234567890123456' },
    ],
    ['PhoneNumber: must be a string', { ...validClaim, PhoneNumber: 18005550100 }],
    ['InstanceId or TargetArn: You must enter InstanceId or TargetArn', { PhoneNumber: '+18005550100' }],
    [
      'InstanceId and TargetArn: enter only one of the two, not both',
      { ...validClaim, TargetArn: GROUP_ARN },
    ],
    ['InstanceId: must be at most 100 characters long', { ...validClaim, InstanceId: 'x'.repeat(101) }],
    ['InstanceId: must be at least 1 character long', { ...validClaim, InstanceId: '' }],
    ['TargetArn: must be an instance ARN', { PhoneNumber: '+18005550100', TargetArn: 'arn:aws:s3:::bucket' }],
    [
      'PhoneNumberDescription: must be at most 500 characters long',
      { ...validClaim, PhoneNumberDescription: 'd'.repeat(501) },
    ],
    ['ClientToken: must be a lower-case UUID', { ...validClaim, ClientToken: TOKEN.toUpperCase() }],
    ['ClientToken: must be at most 500 characters long', { ...validClaim, ClientToken: 'a'.repeat(501) }],
    ['Tags: must have between 1 and 50 entries', { ...validClaim, Tags: {} }],
    [
      'Tags: must have between 1 and 50 entries',
      { ...validClaim, Tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
    ],
    ['Tags key "aws:team": must not start with aws:', { ...validClaim, Tags: { 'aws:team': 'x' } }],
    ['Tags key "a#b": must not start with aws: and must match', { ...validClaim, Tags: { 'a#b': 'x' } }],
    ['must be at most 128 characters long', { ...validClaim, Tags: { ['k'.repeat(129)]: 'x' } }],
    ['Tags["team"]: must be at most 256 characters long', { ...validClaim, Tags: { team: 'v'.repeat(257) } }],
    ['Tags["team"]: must be a string', { ...validClaim, Tags: { team: 1 } }],
  ])('ClaimPhoneNumber refuses: %s', async (message, input) => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const error = await errorOf(client.send(new ClaimPhoneNumberCommand(loose(input))));

    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    expect(error.message).toContain(message);
    expect(emulator.snapshot().phoneNumbers).toEqual([]);
  });

  it('accepts tag keys of letters, spaces, digits and _.:/=+-@ in any script', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const error = await errorOf(
      client.send(
        new ClaimPhoneNumberCommand({ ...validClaim, Tags: { 'Équipe 1_.:/=+-@': 'x', チーム: 'y' } }),
      ),
    );

    // Assess: validation passed, the number itself is what is refused
    expect(error.message).toBe('Phone number not available: +18005550100');
  });

  it.each([
    ['PhoneNumberCountryCode: is required', { InstanceId: INSTANCE_ID, PhoneNumberType: 'DID' }],
    ['PhoneNumberCountryCode: must be one of', { ...validSearch, PhoneNumberCountryCode: 'XX' }],
    ['PhoneNumberType: is required', { InstanceId: INSTANCE_ID, PhoneNumberCountryCode: 'US' }],
    ['PhoneNumberType: must be one of DID, SHARED', { ...validSearch, PhoneNumberType: 'MOBILE' }],
    ['PhoneNumberPrefix: must match \\+?[0-9]{1,11}', { ...validSearch, PhoneNumberPrefix: '+1-800' }],
    ['PhoneNumberPrefix: must match', { ...validSearch, PhoneNumberPrefix: '+123456789012' }],
    ['MaxResults: must be between 1 and 10', { ...validSearch, MaxResults: 11 }],
    ['MaxResults: must be between 1 and 10', { ...validSearch, MaxResults: 0 }],
    ['MaxResults: must be an integer', { ...validSearch, MaxResults: '5' }],
    ['NextToken: is not a token returned by a previous call', { ...validSearch, NextToken: 'abc' }],
    ['You must enter InstanceId or TargetArn', { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID' }],
  ])('SearchAvailablePhoneNumbers refuses: %s', async (message, input) => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const error = await errorOf(client.send(new SearchAvailablePhoneNumbersCommand(loose(input))));

    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    expect(error.message).toContain(message);
  });

  it.each([
    ['MaxResults: must be between 1 and 1000', { MaxResults: 1001 }],
    [
      'PhoneNumberCountryCodes: must have at most 10 items',
      { PhoneNumberCountryCodes: Array(11).fill('US') },
    ],
    ['PhoneNumberCountryCodes[1]: must be one of', { PhoneNumberCountryCodes: ['US', 'ZZ'] }],
    ['PhoneNumberTypes: must have at most 6 items', { PhoneNumberTypes: Array(7).fill('DID') }],
    ['PhoneNumberTypes: must be an array of strings', { PhoneNumberTypes: 'DID' }],
    [
      'InstanceId and TargetArn: enter only one of the two',
      { InstanceId: INSTANCE_ID, TargetArn: GROUP_ARN },
    ],
  ])('ListPhoneNumbersV2 refuses: %s', async (message, input) => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const error = await errorOf(
      client.send(new ListPhoneNumbersV2Command(loose<ListPhoneNumbersV2CommandInput>(input))),
    );

    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException' });
    expect(error.message).toContain(message);
  });

  it('UpdatePhoneNumber requires a target and takes any ClientToken up to 500 characters', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const client = connectClient(emulator);

    // Act
    const noTarget = await errorOf(client.send(new UpdatePhoneNumberCommand({ PhoneNumberId: 'some-id' })));
    const longToken = await errorOf(
      client.send(
        new UpdatePhoneNumberCommand({
          PhoneNumberId: 'some-id',
          InstanceId: INSTANCE_ID,
          ClientToken: 'x'.repeat(501),
        }),
      ),
    );
    const unknownNumber = await errorOf(
      client.send(
        new UpdatePhoneNumberCommand({
          PhoneNumberId: 'some-id',
          InstanceId: INSTANCE_ID,
          ClientToken: 'any token',
        }),
      ),
    );

    // Assess
    expect(noTarget.message).toContain('You must enter InstanceId or TargetArn');
    expect(longToken.message).toBe('ClientToken: must be at most 500 characters long');
    expect(unknownNumber).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
