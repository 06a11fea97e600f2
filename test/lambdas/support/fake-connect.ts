import {
  ClaimPhoneNumberCommand,
  type ClaimPhoneNumberCommandInput,
  ConnectClient,
  DescribePhoneNumberCommand,
  InvalidParameterException,
  ListPhoneNumbersV2Command,
  type ListPhoneNumbersV2CommandInput,
  ResourceNotFoundException,
  SearchAvailablePhoneNumbersCommand,
  type SearchAvailablePhoneNumbersCommandInput,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../../lambdas/core/clock.ts';

/**
 * Connect's phone-number operations as the domain code sees them, on aws-sdk-client-mock and a test clock:
 * asynchronous claims that settle after a latency, idempotent ClientTokens, numbers taken by someone else,
 * a quota, and injected faults. Small on purpose: the wire protocol is the emulator's business.
 */
export type FakeClaim = {
  PhoneNumber: string;
  PhoneNumberId: string;
  PhoneNumberArn: string;
  ClientToken?: string;
  TargetKey: string;
  Description?: string;
  Tags: Record<string, string>;
  ClaimedAt: number;
  SettlesAt: number;
  Outcome: { Status: 'CLAIMED' } | { Status: 'FAILED'; Message: string };
};

type Operation =
  | 'SearchAvailablePhoneNumbers'
  | 'ClaimPhoneNumber'
  | 'DescribePhoneNumber'
  | 'ListPhoneNumbersV2';

export type FakeConnectOptions = {
  readonly clock: Clock;
  /** Available numbers, offered by search in this order. */
  readonly inventory?: readonly string[];
  readonly countryCode?: string;
  readonly type?: string;
  /** Simulated ms a claim stays IN_PROGRESS. @default 10 s */
  readonly latencyMs?: (phoneNumber: string) => number;
  /** Whether a claim of this number ends FAILED, and why. */
  readonly failure?: (phoneNumber: string) => string | undefined;
  /** Active numbers a target may hold; claims past it end FAILED with the limit message. */
  readonly quota?: number;
  /** Whether someone else took this number just before our claim of it arrives. */
  readonly contended?: (phoneNumber: string) => boolean;
};

export const LIMIT_MESSAGE = 'The target has reached its limit of claimed phone numbers (quota 5).';
export const CARRIER_FAILURE = 'The phone number could not be provisioned by the carrier.';

export type FakeConnect = ReturnType<typeof createFakeConnect>;

export function createFakeConnect(options: FakeConnectOptions) {
  const { clock } = options;
  const mock = mockClient(ConnectClient);
  const inventory = [...(options.inventory ?? [])];
  const claims: FakeClaim[] = [];
  /** Numbers someone else took after they were offered. */
  const taken = new Set<string>();
  const faults: {
    operation: Operation;
    error: () => Error;
    times: number;
    match?: (input: Record<string, unknown>) => boolean;
  }[] = [];
  const requests: Record<Operation, number> = {
    SearchAvailablePhoneNumbers: 0,
    ClaimPhoneNumber: 0,
    DescribePhoneNumber: 0,
    ListPhoneNumbersV2: 0,
  };
  let nextId = 1;

  const statusOf = (claim: FakeClaim) =>
    clock.now() < claim.SettlesAt ? { Status: 'IN_PROGRESS' as const } : claim.Outcome;
  const isActive = (claim: FakeClaim) => statusOf(claim).Status !== 'FAILED';
  const targetKey = (input: { InstanceId?: string; TargetArn?: string }) =>
    input.TargetArn ?? input.InstanceId ?? '';
  const activeHolder = (phoneNumber: string) =>
    claims.find((claim) => claim.PhoneNumber === phoneNumber && isActive(claim));

  const fault = (operation: Operation, input: object) => {
    requests[operation]++;
    const index = faults.findIndex(
      (entry) => entry.operation === operation && (entry.match?.(input as Record<string, unknown>) ?? true),
    );
    const entry = faults[index];
    if (!entry) return;
    entry.times--;
    if (entry.times <= 0) faults.splice(index, 1);
    throw entry.error();
  };

  mock.on(SearchAvailablePhoneNumbersCommand).callsFake((input: SearchAvailablePhoneNumbersCommandInput) => {
    fault('SearchAvailablePhoneNumbers', input);
    const available = inventory.filter((number) => !activeHolder(number) && !taken.has(number));
    const offset = Number(input.NextToken ?? 0);
    const size = input.MaxResults ?? 10;
    const page = available.slice(offset, offset + size);
    return {
      AvailableNumbersList: page.map((PhoneNumber) => ({
        PhoneNumber,
        PhoneNumberCountryCode: options.countryCode ?? 'US',
        PhoneNumberType: options.type ?? 'TOLL_FREE',
      })),
      ...(offset + size < available.length && { NextToken: String(offset + size) }),
    };
  });

  mock.on(ClaimPhoneNumberCommand).callsFake((input: ClaimPhoneNumberCommandInput) => {
    fault('ClaimPhoneNumber', input);
    const phoneNumber = input.PhoneNumber ?? '';
    const replay = claims.find(
      (claim) => claim.ClientToken !== undefined && claim.ClientToken === input.ClientToken,
    );
    if (replay && replay.PhoneNumber === phoneNumber) {
      return { PhoneNumberId: replay.PhoneNumberId, PhoneNumberArn: replay.PhoneNumberArn };
    }
    if (!replay && options.contended?.(phoneNumber)) taken.add(phoneNumber);
    if (!inventory.includes(phoneNumber) || taken.has(phoneNumber) || activeHolder(phoneNumber)) {
      throw new InvalidParameterException({
        message: `Phone number not available: ${phoneNumber}`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    const target = targetKey(input);
    const active = claims.filter((claim) => claim.TargetKey === target && isActive(claim)).length;
    const failure =
      options.quota !== undefined && active >= options.quota ? LIMIT_MESSAGE : options.failure?.(phoneNumber);
    const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
    const claim: FakeClaim = {
      PhoneNumber: phoneNumber,
      PhoneNumberId: id,
      PhoneNumberArn: `arn:aws:connect:us-east-1:123456789012:phone-number/${id}`,
      ...(input.ClientToken !== undefined && { ClientToken: input.ClientToken }),
      TargetKey: target,
      ...(input.PhoneNumberDescription !== undefined && { Description: input.PhoneNumberDescription }),
      Tags: { ...input.Tags },
      ClaimedAt: clock.now(),
      SettlesAt: clock.now() + (options.latencyMs?.(phoneNumber) ?? 10_000),
      Outcome: failure === undefined ? { Status: 'CLAIMED' } : { Status: 'FAILED', Message: failure },
    };
    claims.push(claim);
    return { PhoneNumberId: claim.PhoneNumberId, PhoneNumberArn: claim.PhoneNumberArn };
  });

  mock.on(DescribePhoneNumberCommand).callsFake((input: { PhoneNumberId?: string }) => {
    fault('DescribePhoneNumber', input);
    const claim = claims.find((candidate) => candidate.PhoneNumberId === input.PhoneNumberId);
    if (!claim) {
      throw new ResourceNotFoundException({
        message: 'Phone number not found',
        $metadata: { httpStatusCode: 404 },
      });
    }
    return {
      ClaimedPhoneNumberSummary: {
        PhoneNumberId: claim.PhoneNumberId,
        PhoneNumberArn: claim.PhoneNumberArn,
        PhoneNumber: claim.PhoneNumber,
        PhoneNumberCountryCode: options.countryCode ?? 'US',
        PhoneNumberType: options.type ?? 'TOLL_FREE',
        ...(claim.Description !== undefined && { PhoneNumberDescription: claim.Description }),
        Tags: claim.Tags,
        PhoneNumberStatus: statusOf(claim),
      },
    };
  });

  mock.on(ListPhoneNumbersV2Command).callsFake((input: ListPhoneNumbersV2CommandInput) => {
    fault('ListPhoneNumbersV2', input);
    const listed = claims.filter((claim) => claim.TargetKey === targetKey(input) && isActive(claim));
    const offset = Number(input.NextToken ?? 0);
    const size = input.MaxResults ?? 100;
    return {
      ListPhoneNumbersSummaryList: listed.slice(offset, offset + size).map((claim) => ({
        PhoneNumberId: claim.PhoneNumberId,
        PhoneNumberArn: claim.PhoneNumberArn,
        PhoneNumber: claim.PhoneNumber,
        PhoneNumberCountryCode: options.countryCode ?? 'US',
        PhoneNumberType: options.type ?? 'TOLL_FREE',
        ...(claim.Description !== undefined && { PhoneNumberDescription: claim.Description }),
      })),
      ...(offset + size < listed.length && { NextToken: String(offset + size) }),
    };
  });

  return {
    mock,
    client: new ConnectClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    claims,
    requests,
    /** The next `times` calls of `operation` (whose input `match`es, if given) fail with `error()`. */
    failNext(
      operation: Operation,
      error: () => Error,
      times = 1,
      match?: (input: Record<string, unknown>) => boolean,
    ) {
      faults.push({ operation, error, times, ...(match && { match }) });
    },
    /** Someone else claims this number: our claim of it will meet "not available". */
    takeAway(phoneNumber: string) {
      taken.add(phoneNumber);
    },
    /** How many distinct claims (not ClientToken replays) each number received. */
    claimCounts(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const claim of claims) counts.set(claim.PhoneNumber, (counts.get(claim.PhoneNumber) ?? 0) + 1);
      return counts;
    },
  };
}

/** Numbers +1800555NNNN, in order. */
export function tollFreeNumbers(count: number, first = 0): string[] {
  return Array.from({ length: count }, (_, index) => `+1800555${String(first + index).padStart(4, '0')}`);
}

/** A deterministic pseudo-random source (mulberry32), for latencies and jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
