import { describe, expect, it } from 'vitest';
import {
  claimRequestJsonSchema,
  closestField,
  formatProblems,
  MAX_PHONE_NUMBERS,
  parseClaimRequest,
  REQUEST_TAG_KEY,
} from '../../../lambdas/core/claim-request.ts';

const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;
const GROUP_ARN =
  'arn:aws:connect:us-west-2:123456789012:traffic-distribution-group/66666666-7777-4888-8999-000000000000';

/** The problems of an input that must be invalid. */
function problemsOf(input: unknown) {
  const parsed = parseClaimRequest(input);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(input)} to be invalid`);
  return parsed.problems;
}

function requestOf(input: unknown) {
  const parsed = parseClaimRequest(input);
  if (!parsed.ok) throw new Error(`expected a valid input, got:\n${formatProblems(parsed.problems)}`);
  return parsed.request;
}

describe('Function: parseClaimRequest', () => {
  describe('valid inputs', () => {
    it('normalizes a single PhoneNumber to a one-number PhoneNumbers list', () => {
      // Act
      const request = requestOf({ InstanceId: INSTANCE_ID, PhoneNumber: '+18005550100' });

      // Assess
      expect(request).toEqual({ InstanceId: INSTANCE_ID, PhoneNumbers: ['+18005550100'] });
    });

    it('keeps every optional field and the numbers in the order given', () => {
      // Prepare
      const input = {
        TargetArn: GROUP_ARN,
        PhoneNumbers: ['+18005550102', '+18005550101'],
        PhoneNumberDescription: 'support line',
        Tags: { team: 'support', 'cost center': '42' },
        ClientToken: '0b8e4e8c-5f0e-4a57-9f4d-3c2d1e0f9a8b',
      };

      // Act
      const request = requestOf(input);

      // Assess
      expect(request).toEqual(input);
    });

    it('defaults a search Quantity to 1 and keeps the prefix', () => {
      // Act
      const request = requestOf({
        TargetArn: INSTANCE_ARN,
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', PhoneNumberPrefix: '+1800' },
      });

      // Assess
      expect(request.Search).toEqual({
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: 'TOLL_FREE',
        PhoneNumberPrefix: '+1800',
        Quantity: 1,
      });
    });

    it.each([
      ['the shortest E.164 number', { PhoneNumber: '+12' }],
      ['the longest E.164 number', { PhoneNumber: '+123456789012345' }],
      [
        'the maximum count of numbers',
        {
          PhoneNumbers: Array.from(
            { length: MAX_PHONE_NUMBERS },
            (_, i) => `+1800555${String(i).padStart(4, '0')}`,
          ),
        },
      ],
      [
        'the maximum Quantity',
        { Search: { PhoneNumberCountryCode: 'GB', PhoneNumberType: 'DID', Quantity: MAX_PHONE_NUMBERS } },
      ],
      [
        'an 11-digit prefix',
        {
          Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', PhoneNumberPrefix: '+18005550100' },
        },
      ],
      [
        '49 tags',
        {
          PhoneNumber: '+18005550100',
          Tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])),
        },
      ],
      [
        'a tag key of letters from any script',
        { PhoneNumber: '+18005550100', Tags: { 'équipe support_1.a:b/c=d+e-f@g': '' } },
      ],
      [
        'a 500-character description',
        { PhoneNumber: '+18005550100', PhoneNumberDescription: 'd'.repeat(500) },
      ],
    ])('accepts %s', (_name, numbers) => {
      // Act
      const parsed = parseClaimRequest({ InstanceId: INSTANCE_ID, ...numbers });

      // Assess
      expect(parsed.ok).toBe(true);
    });

    it('accepts every phone-number type of the SDK', () => {
      for (const type of [
        'TOLL_FREE',
        'DID',
        'UIFN',
        'SHARED',
        'THIRD_PARTY_TF',
        'THIRD_PARTY_DID',
        'SHORT_CODE',
      ]) {
        // Act
        const parsed = parseClaimRequest({
          InstanceId: INSTANCE_ID,
          Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: type },
        });

        // Assess
        expect(parsed.ok, type).toBe(true);
      }
    });
  });

  describe('invalid inputs', () => {
    it.each([null, 'text', 42, [], true])('rejects %j as a whole', (input) => {
      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([{ Field: 'input', Rule: 'must be a JSON object' }]);
    });

    it('names both missing choices of an empty object', () => {
      // Act
      const problems = problemsOf({});

      // Assess
      expect(problems).toEqual([
        {
          Field: 'InstanceId',
          Rule: expect.stringContaining('exactly one of InstanceId or TargetArn is required'),
        },
        {
          Field: 'PhoneNumber',
          Rule: expect.stringContaining('exactly one of PhoneNumber, PhoneNumbers or Search'),
        },
      ]);
    });

    it('rejects both InstanceId and TargetArn', () => {
      // Act
      const problems = problemsOf({
        InstanceId: INSTANCE_ID,
        TargetArn: INSTANCE_ARN,
        PhoneNumber: '+18005550100',
      });

      // Assess
      expect(problems).toEqual([{ Field: 'TargetArn', Rule: expect.stringContaining('found both') }]);
    });

    it('rejects two ways of naming numbers, naming the ones found', () => {
      // Act
      const problems = problemsOf({
        InstanceId: INSTANCE_ID,
        PhoneNumber: '+18005550100',
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID' },
      });

      // Assess
      expect(problems).toEqual([
        { Field: 'Search', Rule: expect.stringContaining('found PhoneNumber and Search') },
      ]);
    });

    it.each([
      ['PhoneNumber', { PhoneNumber: '18005550100' }, 'PhoneNumber', 'E.164'],
      ['PhoneNumber with a leading 0', { PhoneNumber: '+08005550100' }, 'PhoneNumber', 'E.164'],
      ['PhoneNumber too long', { PhoneNumber: '+1234567890123456' }, 'PhoneNumber', 'E.164'],
      ['PhoneNumber of the wrong type', { PhoneNumber: 18005550100 }, 'PhoneNumber', 'must be a string'],
      ['an empty PhoneNumbers', { PhoneNumbers: [] }, 'PhoneNumbers', 'at least 1'],
      ['a bad number in PhoneNumbers', { PhoneNumbers: ['+18005550100', 'x'] }, 'PhoneNumbers[1]', 'E.164'],
      [
        'too many numbers',
        {
          PhoneNumbers: Array.from(
            { length: MAX_PHONE_NUMBERS + 1 },
            (_, i) => `+1800555${String(i).padStart(4, '0')}`,
          ),
        },
        'PhoneNumbers',
        `at most ${MAX_PHONE_NUMBERS}`,
      ],
      [
        'a lower-case country',
        { Search: { PhoneNumberCountryCode: 'us', PhoneNumberType: 'DID' } },
        'Search.PhoneNumberCountryCode',
        'country code',
      ],
      [
        'an unknown country',
        { Search: { PhoneNumberCountryCode: 'XX', PhoneNumberType: 'DID' } },
        'Search.PhoneNumberCountryCode',
        'country code',
      ],
      [
        'a missing country',
        { Search: { PhoneNumberType: 'DID' } },
        'Search.PhoneNumberCountryCode',
        'country code',
      ],
      [
        'an unknown type',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'MOBILE' } },
        'Search.PhoneNumberType',
        'TOLL_FREE',
      ],
      [
        'a prefix without +',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', PhoneNumberPrefix: '1800' } },
        'Search.PhoneNumberPrefix',
        "'+'",
      ],
      [
        'a 12-digit prefix',
        {
          Search: {
            PhoneNumberCountryCode: 'US',
            PhoneNumberType: 'DID',
            PhoneNumberPrefix: '+180055501001',
          },
        },
        'Search.PhoneNumberPrefix',
        '1 to 11 digits',
      ],
      [
        'a zero Quantity',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: 0 } },
        'Search.Quantity',
        'at least 1',
      ],
      [
        'a fractional Quantity',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: 2.5 } },
        'Search.Quantity',
        'whole number',
      ],
      [
        'a Quantity above the maximum',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: MAX_PHONE_NUMBERS + 1 } },
        'Search.Quantity',
        `at most ${MAX_PHONE_NUMBERS}`,
      ],
      [
        'a Quantity as text',
        { Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: '3' } },
        'Search.Quantity',
        'whole number',
      ],
      [
        'a long description',
        { PhoneNumber: '+18005550100', PhoneNumberDescription: 'd'.repeat(501) },
        'PhoneNumberDescription',
        'at most 500',
      ],
      [
        'a token in capitals',
        { PhoneNumber: '+18005550100', ClientToken: '0B8E4E8C-5F0E-4A57-9F4D-3C2D1E0F9A8B' },
        'ClientToken',
        'lower-case UUID',
      ],
      [
        'a token that is no UUID',
        { PhoneNumber: '+18005550100', ClientToken: 'retry-1' },
        'ClientToken',
        'lower-case UUID',
      ],
      ['Tags as a list', { PhoneNumber: '+18005550100', Tags: ['a'] }, 'Tags', 'tag keys'],
      ['no tags at all', { PhoneNumber: '+18005550100', Tags: {} }, 'Tags', '1 to 49 tags, found 0'],
      [
        '50 tags',
        {
          PhoneNumber: '+18005550100',
          Tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
        },
        'Tags',
        'found 50',
      ],
      ['an aws: tag key', { PhoneNumber: '+18005550100', Tags: { 'aws:x': 'v' } }, 'Tags["aws:x"]', "'aws:'"],
      [
        'a tag key with a forbidden character',
        { PhoneNumber: '+18005550100', Tags: { 'a#b': 'v' } },
        'Tags["a#b"]',
        'letters, digits',
      ],
      [
        'an empty tag key',
        { PhoneNumber: '+18005550100', Tags: { '': 'v' } },
        'Tags[""]',
        'must not be empty',
      ],
      [
        'a long tag key',
        { PhoneNumber: '+18005550100', Tags: { ['k'.repeat(129)]: 'v' } },
        `Tags["${'k'.repeat(129)}"]`,
        'at most 128',
      ],
      [
        'a long tag value',
        { PhoneNumber: '+18005550100', Tags: { team: 'v'.repeat(257) } },
        'Tags["team"]',
        'at most 256',
      ],
      [
        'a tag value that is a number',
        { PhoneNumber: '+18005550100', Tags: { team: 1 } },
        'Tags["team"]',
        'must be a string',
      ],
      [
        'the reserved tag key',
        { PhoneNumber: '+18005550100', Tags: { [REQUEST_TAG_KEY]: 'mine' } },
        `Tags["${REQUEST_TAG_KEY}"]`,
        'reserved',
      ],
    ])('rejects %s, naming the field', (_name, fields, field, rule) => {
      // Act
      const problems = problemsOf({ InstanceId: INSTANCE_ID, ...fields });

      // Assess
      expect(problems).toContainEqual({ Field: field, Rule: expect.stringContaining(rule) });
    });

    it.each([
      ['an empty InstanceId', { InstanceId: '' }, 'InstanceId', 'must not be empty'],
      ['a long InstanceId', { InstanceId: 'i'.repeat(101) }, 'InstanceId', 'at most 100'],
      [
        'a phone-number ARN as target',
        { TargetArn: 'arn:aws:connect:us-east-1:123456789012:phone-number/abc' },
        'TargetArn',
        'instance or traffic distribution group ARN',
      ],
      [
        'a target ARN of another service',
        { TargetArn: 'arn:aws:s3:us-east-1:123456789012:instance/abc' },
        'TargetArn',
        'ARN',
      ],
      [
        'a target ARN with a short account',
        { TargetArn: 'arn:aws:connect:us-east-1:1234:instance/abc' },
        'TargetArn',
        'ARN',
      ],
    ])('rejects %s', (_name, target, field, rule) => {
      // Act
      const problems = problemsOf({ ...target, PhoneNumber: '+18005550100' });

      // Assess
      expect(problems).toContainEqual({ Field: field, Rule: expect.stringContaining(rule) });
    });

    it('names both indexes of a duplicate number', () => {
      // Act
      const problems = problemsOf({
        InstanceId: INSTANCE_ID,
        PhoneNumbers: ['+18005550100', '+18005550101', '+18005550100'],
      });

      // Assess
      expect(problems).toEqual([
        { Field: 'PhoneNumbers[2]', Rule: 'duplicates PhoneNumbers[0] (+18005550100)' },
      ]);
    });

    it('reports every problem at once', () => {
      // Act
      const problems = problemsOf({
        InstanceId: '',
        PhoneNumbers: ['bad'],
        PhoneNumberDescription: 7,
        ClientToken: 'x',
      });

      // Assess
      expect(problems.map((problem) => problem.Field)).toEqual(
        expect.arrayContaining(['InstanceId', 'PhoneNumbers[0]', 'PhoneNumberDescription', 'ClientToken']),
      );
    });
  });

  describe('unknown fields', () => {
    it.each([
      ['PhoneNumer', 'PhoneNumber'],
      ['phoneNumbers', 'PhoneNumbers'],
      ['Instanceid', 'InstanceId'],
      ['Tag', 'Tags'],
      ['TargetARN', 'TargetArn'],
      ['Description', 'PhoneNumberDescription'],
    ])("rejects '%s' and suggests '%s'", (unknown, known) => {
      // Act
      const problems = problemsOf({ InstanceId: INSTANCE_ID, PhoneNumber: '+18005550100', [unknown]: 'x' });

      // Assess
      expect(problems).toContainEqual({ Field: unknown, Rule: `unknown field (did you mean '${known}'?)` });
    });

    it('suggests within Search, naming the path', () => {
      // Act
      const problems = problemsOf({
        InstanceId: INSTANCE_ID,
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantiy: 2 },
      });

      // Assess
      expect(problems).toEqual([
        { Field: 'Search.Quantiy', Rule: "unknown field (did you mean 'Quantity'?)" },
      ]);
    });

    it('lists the known fields when nothing is close', () => {
      // Act
      const problems = problemsOf({ InstanceId: INSTANCE_ID, PhoneNumber: '+18005550100', Colour: 'blue' });

      // Assess
      expect(problems).toEqual([
        { Field: 'Colour', Rule: expect.stringMatching(/^unknown field \(known: InstanceId, /) },
      ]);
    });
  });
});

describe('Function: closestField', () => {
  it('prefers the nearest of several close names', () => {
    // Act & Assess
    expect(closestField('PhoneNumbr', ['PhoneNumber', 'PhoneNumbers'])).toBe('PhoneNumber');
    expect(closestField('PhoneNumbrs', ['PhoneNumber', 'PhoneNumbers'])).toBe('PhoneNumbers');
    expect(closestField('Zebra', ['PhoneNumber', 'Tags'])).toBeUndefined();
  });
});

describe('Function: formatProblems', () => {
  it('writes one line per problem, field first', () => {
    // Act
    const text = formatProblems([
      { Field: 'Search.Quantity', Rule: 'must be at least 1' },
      { Field: 'Tags["aws:x"]', Rule: 'tag key must not start with aws:' },
    ]);

    // Assess
    expect(text).toBe('Search.Quantity: must be at least 1\nTags["aws:x"]: tag key must not start with aws:');
  });
});

describe('Constant: claimRequestJsonSchema', () => {
  it('describes every field, the choices and the limits', () => {
    // Assess
    const schema = claimRequestJsonSchema as {
      properties: Record<string, Record<string, unknown>>;
      allOf: unknown[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual([
      'InstanceId',
      'TargetArn',
      'PhoneNumber',
      'PhoneNumbers',
      'Search',
      'PhoneNumberDescription',
      'Tags',
      'ClientToken',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.PhoneNumbers).toMatchObject({ maxItems: MAX_PHONE_NUMBERS, uniqueItems: true });
    expect(schema.properties.Tags).toMatchObject({ minProperties: 1, maxProperties: 49 });
    expect(schema.allOf).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
