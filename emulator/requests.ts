import { PhoneNumberCountryCode, PhoneNumberType } from '@aws-sdk/client-connect';
import { TARGET_ARN_PATTERN } from './arns.ts';
import { InvalidParameterError } from './errors.ts';
import {
  type JsonObject,
  optionalEnumList,
  optionalInteger,
  optionalString,
  optionalStringMap,
  requiredEnum,
  requiredString,
} from './members.ts';

/**
 * The six Connect requests, validated exactly as Connect documents their members (shared/CONNECT_API.md
 * "Constraints"). Each parser takes the decoded JSON body (and path/query values) and throws an
 * InvalidParameterError naming the member and the rule.
 */

const COUNTRY_CODES: readonly string[] = Object.values(PhoneNumberCountryCode);
const NUMBER_TYPES: readonly string[] = Object.values(PhoneNumberType);

const PHONE_NUMBER = { pattern: /^\+[1-9]\d{1,14}$/, patternRule: 'must match \\+[1-9]\\d{1,14} (E.164)' };
const PREFIX = {
  pattern: /^\+?[0-9]{1,11}$/,
  patternRule: 'must match \\+?[0-9]{1,11} (a + and the country code, then up to 11 digits in all)',
};
const CLIENT_TOKEN = { max: 500 };
const CLAIM_CLIENT_TOKEN = {
  max: 500,
  pattern: /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/,
  patternRule: 'must be a lower-case UUID (^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$)',
};
const NEXT_TOKEN = { min: 1, max: 100_000 };
const TAGS = {
  minEntries: 1,
  maxEntries: 50,
  key: {
    min: 1,
    max: 128,
    pattern: /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    patternRule: 'must not start with aws: and must match ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$',
  },
  value: { max: 256 },
};

/** The target member of a request: Connect takes exactly one of the two. */
export type TargetMember = { readonly InstanceId: string } | { readonly TargetArn: string };

export type SearchRequest = {
  readonly target: TargetMember;
  readonly PhoneNumberCountryCode: string;
  readonly PhoneNumberType: string;
  readonly PhoneNumberPrefix?: string | undefined;
  readonly MaxResults: number;
  readonly NextToken?: string | undefined;
};

export type ClaimRequest = {
  readonly target: TargetMember;
  readonly PhoneNumber: string;
  readonly PhoneNumberDescription?: string | undefined;
  readonly Tags?: Readonly<Record<string, string>> | undefined;
  readonly ClientToken?: string | undefined;
};

export type ListRequest = {
  readonly target?: TargetMember | undefined;
  readonly MaxResults: number;
  readonly NextToken?: string | undefined;
  readonly PhoneNumberCountryCodes?: readonly string[] | undefined;
  readonly PhoneNumberTypes?: readonly string[] | undefined;
  readonly PhoneNumberPrefix?: string | undefined;
};

export type UpdateRequest = {
  readonly PhoneNumberId: string;
  readonly target: TargetMember;
  readonly ClientToken?: string | undefined;
};

export type ReleaseRequest = { readonly PhoneNumberId: string; readonly ClientToken?: string | undefined };

function optionalTarget(body: JsonObject): TargetMember | undefined {
  const instanceId = optionalString(body, 'InstanceId', { min: 1, max: 100 });
  const targetArn = optionalString(body, 'TargetArn', {
    pattern: TARGET_ARN_PATTERN,
    patternRule:
      'must be an instance ARN arn:aws:connect:<region>:<account>:instance/<id> or a traffic distribution group ARN arn:aws:connect:<region>:<account>:traffic-distribution-group/<id>',
  });
  if (instanceId !== undefined && targetArn !== undefined) {
    // Undocumented in Connect; the emulator refuses the ambiguity rather than guess which one wins.
    throw new InvalidParameterError('InstanceId and TargetArn: enter only one of the two, not both');
  }
  if (instanceId !== undefined) return { InstanceId: instanceId };
  if (targetArn !== undefined) return { TargetArn: targetArn };
  return undefined;
}

function requiredTarget(body: JsonObject): TargetMember {
  const target = optionalTarget(body);
  if (!target)
    throw new InvalidParameterError('InstanceId or TargetArn: You must enter InstanceId or TargetArn');
  return target;
}

function pathId(label: string): string {
  if (label.length === 0) throw new InvalidParameterError('PhoneNumberId: is required');
  return label;
}

export function parseSearchRequest(body: JsonObject): SearchRequest {
  return {
    target: requiredTarget(body),
    PhoneNumberCountryCode: requiredEnum(body, 'PhoneNumberCountryCode', COUNTRY_CODES),
    PhoneNumberType: requiredEnum(body, 'PhoneNumberType', NUMBER_TYPES),
    PhoneNumberPrefix: optionalString(body, 'PhoneNumberPrefix', PREFIX),
    MaxResults: optionalInteger(body, 'MaxResults', { min: 1, max: 10 }) ?? 10,
    NextToken: optionalString(body, 'NextToken', NEXT_TOKEN),
  };
}

export function parseClaimRequest(body: JsonObject): ClaimRequest {
  return {
    PhoneNumber: requiredString(body, 'PhoneNumber', PHONE_NUMBER),
    target: requiredTarget(body),
    PhoneNumberDescription: optionalString(body, 'PhoneNumberDescription', { max: 500 }),
    Tags: optionalStringMap(body, 'Tags', TAGS),
    ClientToken: optionalString(body, 'ClientToken', CLAIM_CLIENT_TOKEN),
  };
}

export function parseListRequest(body: JsonObject): ListRequest {
  return {
    target: optionalTarget(body),
    MaxResults: optionalInteger(body, 'MaxResults', { min: 1, max: 1000 }) ?? 100,
    NextToken: optionalString(body, 'NextToken', NEXT_TOKEN),
    PhoneNumberCountryCodes: optionalEnumList(body, 'PhoneNumberCountryCodes', COUNTRY_CODES, 10),
    PhoneNumberTypes: optionalEnumList(body, 'PhoneNumberTypes', NUMBER_TYPES, 6),
    PhoneNumberPrefix: optionalString(body, 'PhoneNumberPrefix', PREFIX),
  };
}

export function parseUpdateRequest(label: string, body: JsonObject): UpdateRequest {
  return {
    PhoneNumberId: pathId(label),
    target: requiredTarget(body),
    ClientToken: optionalString(body, 'ClientToken', CLIENT_TOKEN),
  };
}

export function parseReleaseRequest(label: string, clientToken: string | undefined): ReleaseRequest {
  return {
    PhoneNumberId: pathId(label),
    ClientToken: optionalString({ clientToken }, 'clientToken', CLIENT_TOKEN),
  };
}

export function parseDescribeRequest(label: string): { readonly PhoneNumberId: string } {
  return { PhoneNumberId: pathId(label) };
}
