/**
 * THE workflow input schema (SPEC section 3), defined once: the validate Lambda, the CLI and the docs use it.
 * Connect's own constraints (shared/CONNECT_API.md) are checked here, before any Connect call, so that a bad
 * request fails fast with every problem named by field and rule instead of one 400 at a time.
 */
import { PhoneNumberCountryCode, PhoneNumberType } from '@aws-sdk/client-connect';
import { z } from 'zod';
import type { ClaimRequest, ClaimTarget, SearchCriteria } from './claim-run.ts';
import type { Problem } from './errors.ts';
import { REQUEST_TAG_KEY } from './idempotency.ts';

/** The schema reserves the workflow's own tag key (idempotency.ts). */
export { REQUEST_TAG_KEY };

/** The most numbers one request may claim: the maximum length of `PhoneNumbers` and of `Search.Quantity`. */
export const MAX_PHONE_NUMBERS = 100;

/** Connect allows 50 tags on a number; one of them is the workflow's own `REQUEST_TAG_KEY`. */
export const MAX_USER_TAGS = 49;

const E164 = /^\+[1-9]\d{1,14}$/;
// Connect accepts the prefix without '+', but its docs ask for '+' and the country code: we require the '+'.
const PREFIX = /^\+[0-9]{1,11}$/;
const LOWER_CASE_UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const TARGET_ARN =
  /^arn:aws(?:-[a-z]+)*:connect:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:(?:instance|traffic-distribution-group)\/[A-Za-z0-9-]{1,100}$/;
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const countryCodes = Object.values(PhoneNumberCountryCode) as [string, ...string[]];
const phoneNumberTypes = Object.values(PhoneNumberType) as [string, ...string[]];

const phoneNumber = z.string().regex(E164, {
  error: 'must be an E.164 number: + and 2 to 15 digits, the first not 0 (e.g. +18005550100)',
});

const searchSchema = z.strictObject({
  PhoneNumberCountryCode: z.enum(countryCodes, {
    error: 'must be an ISO 3166 alpha-2 country code known to Connect, in capitals (e.g. US)',
  }),
  PhoneNumberType: z.enum(phoneNumberTypes, { error: `must be one of ${phoneNumberTypes.join(', ')}` }),
  PhoneNumberPrefix: z
    .string()
    .regex(PREFIX, { error: "must be '+' and 1 to 11 digits, starting with the country code (e.g. +1800)" })
    .optional(),
  Quantity: z
    .int({ error: 'must be a whole number' })
    .min(1, { error: `must be at least 1` })
    .max(MAX_PHONE_NUMBERS, { error: `must be at most ${MAX_PHONE_NUMBERS}` })
    .default(1),
});

const tagKey = z
  .string()
  .min(1, { error: 'tag key must not be empty' })
  .max(128, { error: 'tag key must be at most 128 characters' })
  .regex(TAG_KEY, {
    error: "tag key must not start with 'aws:' and may hold only letters, digits, spaces and _.:/=+-@",
  })
  .refine((key) => key !== REQUEST_TAG_KEY, { error: 'tag key is reserved for the workflow' });

/**
 * The input as its fields are typed; the rules that tie fields together (exactly one target, exactly one way
 * of naming numbers, no duplicate numbers, the tag count) are checked by `parseClaimRequest`.
 */
export const claimRequestSchema = z.strictObject({
  InstanceId: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' })
    .optional(),
  TargetArn: z
    .string()
    .regex(TARGET_ARN, {
      error:
        'must be an instance or traffic distribution group ARN (arn:aws:connect:<region>:<account>:instance/<id> or …:traffic-distribution-group/<id>)',
    })
    .optional(),
  PhoneNumber: phoneNumber.optional(),
  PhoneNumbers: z
    .array(phoneNumber)
    .min(1, { error: 'must hold at least 1 number' })
    .max(MAX_PHONE_NUMBERS, { error: `must hold at most ${MAX_PHONE_NUMBERS} numbers` })
    .optional(),
  Search: searchSchema.optional(),
  PhoneNumberDescription: z.string().max(500, { error: 'must be at most 500 characters' }).optional(),
  Tags: z
    .record(tagKey, z.string().max(256, { error: 'tag value must be at most 256 characters' }))
    .optional(),
  ClientToken: z
    .string()
    .regex(LOWER_CASE_UUID, {
      error: 'must be a lower-case UUID (e.g. 0b8e4e8c-5f0e-4a57-9f4d-3c2d1e0f9a8b)',
    })
    .optional(),
});

/** The input as a user writes it (SPEC section 3). */
export type ClaimRequestInput = z.input<typeof claimRequestSchema>;

export type ParsedClaimRequest =
  | { readonly ok: true; readonly request: ClaimRequest }
  | { readonly ok: false; readonly problems: Problem[] };

/** Validates and normalizes a workflow input: every problem at once, each naming its field and rule. */
export function parseClaimRequest(input: unknown): ParsedClaimRequest {
  const parsed = claimRequestSchema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(problemsOfIssue);
  if (isRecord(input)) problems.push(...crossFieldProblems(input));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, request: normalize(parsed.data) };
}

/** One line per problem, "<Field>: <Rule>". */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.Field}: ${problem.Rule}`).join('\n');
}

/** A JSON Schema (draft 2020-12) of the input, for the docs and for editors. */
export const claimRequestJsonSchema: Record<string, unknown> = buildJsonSchema();

function buildJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(claimRequestSchema, { io: 'input' }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const { Tags, PhoneNumbers } = schema.properties;
  if (Tags) Object.assign(Tags, { minProperties: 1, maxProperties: MAX_USER_TAGS });
  if (PhoneNumbers) Object.assign(PhoneNumbers, { uniqueItems: true });
  return {
    ...schema,
    title: 'Phone-number claim request',
    description:
      'Exactly one of InstanceId or TargetArn, and exactly one of PhoneNumber, PhoneNumbers or Search.',
    allOf: [
      { oneOf: [{ required: ['InstanceId'] }, { required: ['TargetArn'] }] },
      { oneOf: [{ required: ['PhoneNumber'] }, { required: ['PhoneNumbers'] }, { required: ['Search'] }] },
    ],
  };
}

type ParsedInput = z.output<typeof claimRequestSchema>;

function normalize(input: ParsedInput): ClaimRequest {
  const target: ClaimTarget =
    input.TargetArn !== undefined ? { TargetArn: input.TargetArn } : { InstanceId: input.InstanceId ?? '' };
  const numbers = input.PhoneNumber !== undefined ? [input.PhoneNumber] : input.PhoneNumbers;
  const search: SearchCriteria | undefined = input.Search && {
    PhoneNumberCountryCode: input.Search.PhoneNumberCountryCode,
    PhoneNumberType: input.Search.PhoneNumberType,
    ...(input.Search.PhoneNumberPrefix !== undefined && {
      PhoneNumberPrefix: input.Search.PhoneNumberPrefix,
    }),
    Quantity: input.Search.Quantity,
  };
  return {
    ...target,
    ...(numbers && { PhoneNumbers: numbers }),
    ...(search && { Search: search }),
    ...(input.PhoneNumberDescription !== undefined && {
      PhoneNumberDescription: input.PhoneNumberDescription,
    }),
    ...(input.Tags && { Tags: input.Tags }),
    ...(input.ClientToken !== undefined && { ClientToken: input.ClientToken }),
  };
}

function crossFieldProblems(input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const present = (keys: readonly string[]) => keys.filter((key) => input[key] !== undefined);

  const targets = present(['InstanceId', 'TargetArn']);
  if (targets.length === 0) {
    problems.push({
      Field: 'InstanceId',
      Rule: 'exactly one of InstanceId or TargetArn is required, found neither',
    });
  } else if (targets.length > 1) {
    problems.push({
      Field: 'TargetArn',
      Rule: 'exactly one of InstanceId or TargetArn is allowed, found both',
    });
  }

  const ways = present(['PhoneNumber', 'PhoneNumbers', 'Search']);
  if (ways.length === 0) {
    problems.push({
      Field: 'PhoneNumber',
      Rule: 'exactly one of PhoneNumber, PhoneNumbers or Search is required, found none',
    });
  } else if (ways.length > 1) {
    problems.push({
      Field: ways[1] ?? 'PhoneNumbers',
      Rule: `exactly one of PhoneNumber, PhoneNumbers or Search is allowed, found ${ways.join(' and ')}`,
    });
  }

  const numbers = input.PhoneNumbers;
  if (Array.isArray(numbers)) {
    const firstIndex = new Map<unknown, number>();
    numbers.forEach((number, index) => {
      const first = firstIndex.get(number);
      if (first === undefined) firstIndex.set(number, index);
      else if (typeof number === 'string') {
        problems.push({
          Field: `PhoneNumbers[${index}]`,
          Rule: `duplicates PhoneNumbers[${first}] (${number})`,
        });
      }
    });
  }

  const tags = input.Tags;
  if (isRecord(tags)) {
    const count = Object.keys(tags).length;
    if (count < 1 || count > MAX_USER_TAGS) {
      problems.push({ Field: 'Tags', Rule: `must hold 1 to ${MAX_USER_TAGS} tags, found ${count}` });
    }
  }
  return problems;
}

type Issue = z.core.$ZodIssue;

function problemsOfIssue(issue: Issue): Problem[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        Field: fieldPath([...issue.path, key]),
        Rule: unknownFieldRule(key, knownFields(issue.path)),
      }));
    case 'invalid_key':
      return [{ Field: fieldPath(issue.path), Rule: issue.issues.map((inner) => inner.message).join('; ') }];
    case 'invalid_type':
      return [{ Field: fieldPath(issue.path), Rule: typeRule(issue.expected) }];
    default:
      return [{ Field: fieldPath(issue.path), Rule: issue.message }];
  }
}

function typeRule(expected: string): string {
  switch (expected) {
    case 'object':
      return 'must be a JSON object';
    case 'array':
      return 'must be an array';
    case 'int':
    case 'number':
      return 'must be a whole number';
    case 'record':
      return 'must be an object of tag keys to values';
    default:
      return `must be a ${expected}`;
  }
}

/** `Search.Quantity`, `PhoneNumbers[2]`, `Tags["aws:x"]`; the input itself is `input`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  path.forEach((segment, index) => {
    if (typeof segment === 'number') field += `[${segment}]`;
    else if (path[index - 1] === 'Tags') field += `[${JSON.stringify(String(segment))}]`;
    else field += field === '' ? String(segment) : `.${String(segment)}`;
  });
  return field === '' ? 'input' : field;
}

function knownFields(path: readonly PropertyKey[]): readonly string[] {
  return path.length === 0 ? Object.keys(claimRequestSchema.shape) : Object.keys(searchSchema.shape);
}

function unknownFieldRule(key: string, known: readonly string[]): string {
  const suggestion = closestField(key, known);
  return suggestion
    ? `unknown field (did you mean '${suggestion}'?)`
    : `unknown field (known: ${known.join(', ')})`;
}

/** The known field a misspelt or mis-cased one most likely meant, if any is close enough. */
export function closestField(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const candidate = field.toLowerCase();
    // 'CountryCode' for 'PhoneNumberCountryCode': a user shortening the name is as common as a typo.
    const distance =
      candidate === lower
        ? 0
        : lower.length >= 4 && candidate.endsWith(lower)
          ? 1
          : editDistance(lower, candidate);
    if (!best || distance < best.distance) best = { field, distance };
  }
  const tolerance = Math.max(2, Math.floor(key.length / 4));
  return best && best.distance <= tolerance ? best.field : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
