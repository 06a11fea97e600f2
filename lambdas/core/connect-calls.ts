/**
 * The Connect operations the workflow makes, each paced by its operation's token bucket and counted.
 * The buckets belong to the client and outlive one invocation: a warm Lambda (or the local runner, which
 * shares one client) starts its next step with the bucket the last one left, as Connect's throttle does.
 */
import {
  ClaimPhoneNumberCommand,
  type ClaimPhoneNumberCommandInput,
  type ClaimPhoneNumberCommandOutput,
  type ConnectClient,
  DescribePhoneNumberCommand,
  type DescribePhoneNumberCommandOutput,
  ListPhoneNumbersV2Command,
  type ListPhoneNumbersV2CommandInput,
  type ListPhoneNumbersV2CommandOutput,
  SearchAvailablePhoneNumbersCommand,
  type SearchAvailablePhoneNumbersCommandInput,
  type SearchAvailablePhoneNumbersCommandOutput,
} from '@aws-sdk/client-connect';
import type { Clock } from './clock.ts';
import type { CallCounts, RateLimit, StepDependencies, WorkflowSettings } from './dependencies.ts';
import { createPacer, type Pacer } from './pacer.ts';

/** Which token bucket a call takes from. */
export type PacedOperation = keyof WorkflowSettings['rates'];

/** `paced`: the caller already took this call's turn with `turn`. */
export type CallOptions = { readonly paced?: boolean };

/**
 * Each call first waits for its operation's turn, unless the caller took it already: a caller that decides
 * what to send only once it may send (the claimer) acts on the state of that moment, not of before the wait.
 */
export type ConnectCalls = {
  turn(operation: PacedOperation): Promise<void>;
  searchAvailable(
    input: SearchAvailablePhoneNumbersCommandInput,
  ): Promise<SearchAvailablePhoneNumbersCommandOutput>;
  claim(input: ClaimPhoneNumberCommandInput, options?: CallOptions): Promise<ClaimPhoneNumberCommandOutput>;
  describe(phoneNumberId: string, options?: CallOptions): Promise<DescribePhoneNumberCommandOutput>;
  list(input: ListPhoneNumbersV2CommandInput): Promise<ListPhoneNumbersV2CommandOutput>;
};

type Pacers = Record<PacedOperation, Pacer>;
type PacerEntry = {
  readonly clock: Clock;
  readonly rates: WorkflowSettings['rates'];
  readonly pacers: Pacers;
};

const pacersByClient = new WeakMap<ConnectClient, PacerEntry>();

function pacersFor(connect: ConnectClient, clock: Clock, rates: WorkflowSettings['rates']): Pacers {
  const entry = pacersByClient.get(connect);
  if (entry && entry.clock === clock && entry.rates === rates) return entry.pacers;
  const pacers: Pacers = {
    search: createPacer(withHeadroom(rates.search), clock),
    claim: createPacer(withHeadroom(rates.claim), clock),
    describe: createPacer(withHeadroom(rates.describe), clock),
    list: createPacer(withHeadroom(rates.list), clock),
  };
  pacersByClient.set(connect, { clock, rates, pacers });
  return pacers;
}

/**
 * The client's bucket keeps one token of Connect's burst in reserve: requests paced exactly at the rate reach
 * Connect a little early or late, and without that reserve each early one meets an empty bucket (429).
 */
export function withHeadroom(rate: RateLimit): RateLimit {
  return { ratePerSecond: rate.ratePerSecond, burst: Math.max(1, rate.burst - 1) };
}

export function connectCalls(deps: StepDependencies): ConnectCalls {
  const { connect, clock, settings } = deps;
  const pacers = pacersFor(connect, clock, settings.rates);
  const counts: CallCounts = deps.callCounts ?? {};

  const call = async <Output>(
    operation: keyof CallCounts,
    pacer: Pacer | undefined,
    send: () => Promise<Output & { $metadata?: { attempts?: number } }>,
  ): Promise<Output> => {
    await pacer?.take();
    try {
      const output = await send();
      counts[operation] = (counts[operation] ?? 0) + attemptsOf(output);
      return output;
    } catch (error: unknown) {
      counts[operation] = (counts[operation] ?? 0) + attemptsOf(error);
      throw error;
    }
  };
  const unlessPaced = (pacer: Pacer, options: CallOptions | undefined) =>
    options?.paced ? undefined : pacer;

  return {
    turn: (operation) => pacers[operation].take(),
    searchAvailable: (input) =>
      call('SearchAvailablePhoneNumbers', pacers.search, () =>
        connect.send(new SearchAvailablePhoneNumbersCommand(input)),
      ),
    claim: (input, options) =>
      call('ClaimPhoneNumber', unlessPaced(pacers.claim, options), () =>
        connect.send(new ClaimPhoneNumberCommand(input)),
      ),
    describe: (phoneNumberId, options) =>
      call('DescribePhoneNumber', unlessPaced(pacers.describe, options), () =>
        connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: phoneNumberId })),
      ),
    list: (input) =>
      call('ListPhoneNumbersV2', pacers.list, () => connect.send(new ListPhoneNumbersV2Command(input))),
  };
}

/** HTTP requests behind one call: the SDK reports its retries in `$metadata.attempts`. */
function attemptsOf(outcome: unknown): number {
  if (typeof outcome !== 'object' || outcome === null) return 1;
  const metadata = (outcome as { $metadata?: { attempts?: unknown } }).$metadata;
  const attempts = metadata?.attempts;
  return typeof attempts === 'number' && attempts >= 1 ? attempts : 1;
}
