/**
 * Malformed workflow inputs (SPEC section 3), one row each: what is wrong, the input, the field the rejection
 * must name and a fragment of the rule it must state. Every entry point is tested with the same rows.
 */
import { DEMO_INSTANCE_ID } from '../../emulator/index.ts';
import { MAX_PHONE_NUMBERS, REQUEST_TAG_KEY } from '../../lambdas/core/claim-request.ts';

export type HostileInput = {
  readonly name: string;
  readonly input: unknown;
  /** The field as the workflow names it: `Search.Quantity`, `PhoneNumbers[1]`, `Tags["aws:x"]`, `input`. */
  readonly field: string;
  /** A fragment of the rule, matched case-insensitively. */
  readonly rule: string;
};

const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${DEMO_INSTANCE_ID}`;
const search = { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 2 };
const valid = { InstanceId: DEMO_INSTANCE_ID, Search: search };
const withSearch = (changes: Record<string, unknown>) => ({ ...valid, Search: { ...search, ...changes } });
const numbers = (count: number) =>
  Array.from({ length: count }, (_, index) => `+1800555${String(index).padStart(4, '0')}`);
const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, 'v']));

export const hostileInputs: readonly HostileInput[] = [
  // Wrong types
  { name: 'null instead of an object', input: null, field: 'input', rule: 'must be a JSON object' },
  { name: 'an array instead of an object', input: [valid], field: 'input', rule: 'must be a JSON object' },
  {
    name: 'a string instead of an object',
    input: 'claim 3 numbers',
    field: 'input',
    rule: 'must be a JSON object',
  },
  {
    name: 'InstanceId a number',
    input: { ...valid, InstanceId: 42 },
    field: 'InstanceId',
    rule: 'must be a string',
  },
  {
    name: 'Quantity a string',
    input: withSearch({ Quantity: '3' }),
    field: 'Search.Quantity',
    rule: 'whole number',
  },
  {
    name: 'PhoneNumbers a string',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: '+18005550100' },
    field: 'PhoneNumbers',
    rule: 'must be an array',
  },
  {
    name: 'Search a string',
    input: { ...valid, Search: 'US TOLL_FREE' },
    field: 'Search',
    rule: 'must be a JSON object',
  },
  { name: 'Tags an array', input: { ...valid, Tags: ['team'] }, field: 'Tags', rule: 'object' },
  {
    name: 'a tag value a number',
    input: { ...valid, Tags: { team: 5 } },
    field: 'Tags["team"]',
    rule: 'string',
  },
  {
    name: 'PhoneNumberDescription null',
    input: { ...valid, PhoneNumberDescription: null },
    field: 'PhoneNumberDescription',
    rule: 'must be a string',
  },
  // Missing fields
  { name: 'neither target', input: { Search: search }, field: 'InstanceId', rule: 'found neither' },
  {
    name: 'nothing to claim',
    input: { InstanceId: DEMO_INSTANCE_ID },
    field: 'PhoneNumber',
    rule: 'found none',
  },
  {
    name: 'Search without PhoneNumberType',
    input: { ...valid, Search: { PhoneNumberCountryCode: 'US', Quantity: 1 } },
    field: 'Search.PhoneNumberType',
    rule: 'must be one of',
  },
  {
    name: 'Search without PhoneNumberCountryCode',
    input: { ...valid, Search: { PhoneNumberType: 'DID' } },
    field: 'Search.PhoneNumberCountryCode',
    rule: 'country code',
  },
  // Extra fields
  {
    name: 'an unknown field',
    input: { ...valid, Priority: 'high' },
    field: 'Priority',
    rule: 'unknown field',
  },
  {
    name: 'a mis-cased field',
    input: { instanceId: DEMO_INSTANCE_ID, Search: search },
    field: 'instanceId',
    rule: "did you mean 'InstanceId'",
  },
  {
    name: 'an unknown Search field',
    input: withSearch({ Quantty: 2 }),
    field: 'Search.Quantty',
    rule: 'unknown field',
  },
  {
    name: 'a __proto__ key',
    input: JSON.parse(
      `{"__proto__": {"isAdmin": true}, "InstanceId": "${DEMO_INSTANCE_ID}", "PhoneNumber": "+18005550100"}`,
    ),
    field: '__proto__',
    rule: 'unknown field',
  },
  // Oversized strings and lists
  {
    name: 'InstanceId of 101 characters',
    input: { ...valid, InstanceId: 'i'.repeat(101) },
    field: 'InstanceId',
    rule: 'at most 100 characters',
  },
  {
    name: 'a description of 501 characters',
    input: { ...valid, PhoneNumberDescription: 'd'.repeat(501) },
    field: 'PhoneNumberDescription',
    rule: 'at most 500 characters',
  },
  {
    name: 'a description of 200 KB',
    input: { ...valid, PhoneNumberDescription: 'd'.repeat(200_000) },
    field: 'PhoneNumberDescription',
    rule: 'at most 500 characters',
  },
  {
    name: `${MAX_PHONE_NUMBERS + 1} phone numbers`,
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: numbers(MAX_PHONE_NUMBERS + 1) },
    field: 'PhoneNumbers',
    rule: `at most ${MAX_PHONE_NUMBERS}`,
  },
  {
    name: '5,000 phone numbers',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: numbers(5_000) },
    field: 'PhoneNumbers',
    rule: `at most ${MAX_PHONE_NUMBERS}`,
  },
  {
    name: `Quantity ${MAX_PHONE_NUMBERS + 1}`,
    input: withSearch({ Quantity: MAX_PHONE_NUMBERS + 1 }),
    field: 'Search.Quantity',
    rule: `at most ${MAX_PHONE_NUMBERS}`,
  },
  {
    name: '50 tags (one is the workflow’s own)',
    input: { ...valid, Tags: tags(50) },
    field: 'Tags',
    rule: '1 to 49',
  },
  {
    name: 'a tag key of 129 characters',
    input: { ...valid, Tags: { ['k'.repeat(129)]: 'v' } },
    field: `Tags["${'k'.repeat(129)}"]`,
    rule: 'at most 128',
  },
  {
    name: 'a tag value of 257 characters',
    input: { ...valid, Tags: { team: 'v'.repeat(257) } },
    field: 'Tags["team"]',
    rule: 'at most 256',
  },
  // Bad numbers
  { name: 'Quantity 0', input: withSearch({ Quantity: 0 }), field: 'Search.Quantity', rule: 'at least 1' },
  { name: 'Quantity -1', input: withSearch({ Quantity: -1 }), field: 'Search.Quantity', rule: 'at least 1' },
  {
    name: 'Quantity 1.5',
    input: withSearch({ Quantity: 1.5 }),
    field: 'Search.Quantity',
    rule: 'whole number',
  },
  { name: 'Quantity 1e9', input: withSearch({ Quantity: 1e9 }), field: 'Search.Quantity', rule: 'at most' },
  {
    name: 'Quantity true',
    input: withSearch({ Quantity: true }),
    field: 'Search.Quantity',
    rule: 'whole number',
  },
  {
    name: 'a number without +',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '18005550100' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a number starting +0',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+08005550100' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a number of 16 digits',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+1234567890123456' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a number with spaces',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+1 800 555 0100' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a number in full-width digits',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+１８００５５５０１００' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a number with a trailing newline',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+18005550100\n' },
    field: 'PhoneNumber',
    rule: 'E.164',
  },
  {
    name: 'a repeated number',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: ['+18005550100', '+18005550100'] },
    field: 'PhoneNumbers[1]',
    rule: 'duplicates PhoneNumbers[0]',
  },
  {
    name: 'an empty list of numbers',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: [] },
    field: 'PhoneNumbers',
    rule: 'at least 1',
  },
  {
    name: 'a number that is a number',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: [18005550100] },
    field: 'PhoneNumbers[0]',
    rule: 'must be a string',
  },
  // Prefixes
  {
    name: 'a prefix without +',
    input: withSearch({ PhoneNumberPrefix: '1800' }),
    field: 'Search.PhoneNumberPrefix',
    rule: "'+'",
  },
  {
    name: 'a prefix with letters',
    input: withSearch({ PhoneNumberPrefix: '+1800abc' }),
    field: 'Search.PhoneNumberPrefix',
    rule: "'+'",
  },
  {
    name: 'a prefix of 12 digits',
    input: withSearch({ PhoneNumberPrefix: '+123456789012' }),
    field: 'Search.PhoneNumberPrefix',
    rule: '1 to 11 digits',
  },
  {
    name: 'an empty prefix',
    input: withSearch({ PhoneNumberPrefix: '' }),
    field: 'Search.PhoneNumberPrefix',
    rule: "'+'",
  },
  // Tokens
  {
    name: 'an upper-case ClientToken',
    input: { ...valid, ClientToken: '0B8E4E8C-5F0E-4A57-9F4D-3C2D1E0F9A8B' },
    field: 'ClientToken',
    rule: 'lower-case UUID',
  },
  {
    name: 'a ClientToken that is no UUID',
    input: { ...valid, ClientToken: 'retry-1' },
    field: 'ClientToken',
    rule: 'UUID',
  },
  { name: 'an empty ClientToken', input: { ...valid, ClientToken: '' }, field: 'ClientToken', rule: 'UUID' },
  {
    name: 'a ClientToken of 501 characters',
    input: { ...valid, ClientToken: 'a'.repeat(501) },
    field: 'ClientToken',
    rule: 'UUID',
  },
  // Tags
  { name: 'no tags in Tags', input: { ...valid, Tags: {} }, field: 'Tags', rule: 'found 0' },
  {
    name: "a tag key starting 'aws:'",
    input: { ...valid, Tags: { 'aws:team': 'x' } },
    field: 'Tags["aws:team"]',
    rule: "'aws:'",
  },
  {
    name: 'an empty tag key',
    input: { ...valid, Tags: { '': 'x' } },
    field: 'Tags[""]',
    rule: 'must not be empty',
  },
  {
    name: "the workflow's own tag key",
    input: { ...valid, Tags: { [REQUEST_TAG_KEY]: 'x' } },
    field: `Tags["${REQUEST_TAG_KEY}"]`,
    rule: 'reserved',
  },
  {
    name: 'a tag key with <>',
    input: { ...valid, Tags: { 'a<b>': 'x' } },
    field: 'Tags["a<b>"]',
    rule: 'may hold only',
  },
  // Targets, countries and types
  {
    name: 'both targets',
    input: { ...valid, TargetArn: INSTANCE_ARN },
    field: 'TargetArn',
    rule: 'found both',
  },
  { name: 'neither target nor anything else', input: {}, field: 'InstanceId', rule: 'found neither' },
  {
    name: 'a phone-number ARN as the target',
    input: { TargetArn: 'arn:aws:connect:us-east-1:123456789012:phone-number/abc', Search: search },
    field: 'TargetArn',
    rule: 'instance or traffic distribution group ARN',
  },
  {
    name: 'an S3 ARN as the target',
    input: { TargetArn: 'arn:aws:s3:::my-bucket', Search: search },
    field: 'TargetArn',
    rule: 'instance or traffic distribution group ARN',
  },
  {
    name: 'an empty InstanceId',
    input: { ...valid, InstanceId: '' },
    field: 'InstanceId',
    rule: 'must not be empty',
  },
  {
    name: 'a lower-case country',
    input: withSearch({ PhoneNumberCountryCode: 'us' }),
    field: 'Search.PhoneNumberCountryCode',
    rule: 'in capitals',
  },
  {
    name: 'an unknown number type',
    input: withSearch({ PhoneNumberType: 'FREEPHONE' }),
    field: 'Search.PhoneNumberType',
    rule: 'must be one of',
  },
  {
    name: 'both a number and a search',
    input: { ...valid, PhoneNumber: '+18005550100' },
    field: 'Search',
    rule: 'found PhoneNumber and Search',
  },
  {
    name: 'both PhoneNumber and PhoneNumbers',
    input: { InstanceId: DEMO_INSTANCE_ID, PhoneNumber: '+18005550100', PhoneNumbers: ['+18005550101'] },
    field: 'PhoneNumbers',
    rule: 'found PhoneNumber and PhoneNumbers',
  },
];

/** Whether one line of a rejection names the field and states the rule. */
export function namesFieldAndRule(text: string, field: string, rule: string): boolean {
  return text
    .split('\n')
    .some((line) => line.includes(field) && line.toLowerCase().includes(rule.toLowerCase()));
}
