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
import type { CallCounts, StepDependencies, WorkflowSettings } from './dependencies.ts';
import { createPacer, type Pacer } from './pacer.ts';

export type ConnectCalls = {
  searchAvailable(
    input: SearchAvailablePhoneNumbersCommandInput,
  ): Promise<SearchAvailablePhoneNumbersCommandOutput>;
  claim(input: ClaimPhoneNumberCommandInput): Promise<ClaimPhoneNumberCommandOutput>;
  describe(phoneNumberId: string): Promise<DescribePhoneNumberCommandOutput>;
  list(input: ListPhoneNumbersV2CommandInput): Promise<ListPhoneNumbersV2CommandOutput>;
};

type Pacers = Record<keyof WorkflowSettings['rates'], Pacer>;
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
    search: createPacer(rates.search, clock),
    claim: createPacer(rates.claim, clock),
    describe: createPacer(rates.describe, clock),
    list: createPacer(rates.list, clock),
  };
  pacersByClient.set(connect, { clock, rates, pacers });
  return pacers;
}

export function connectCalls(deps: StepDependencies): ConnectCalls {
  const { connect, clock, settings } = deps;
  const pacers = pacersFor(connect, clock, settings.rates);
  const counts: CallCounts = deps.callCounts ?? {};

  const call = async <Output>(
    operation: keyof CallCounts,
    pacer: Pacer,
    send: () => Promise<Output & { $metadata?: { attempts?: number } }>,
  ): Promise<Output> => {
    await pacer.take();
    try {
      const output = await send();
      counts[operation] = (counts[operation] ?? 0) + attemptsOf(output);
      return output;
    } catch (error: unknown) {
      counts[operation] = (counts[operation] ?? 0) + attemptsOf(error);
      throw error;
    }
  };

  return {
    searchAvailable: (input) =>
      call('SearchAvailablePhoneNumbers', pacers.search, () =>
        connect.send(new SearchAvailablePhoneNumbersCommand(input)),
      ),
    claim: (input) =>
      call('ClaimPhoneNumber', pacers.claim, () => connect.send(new ClaimPhoneNumberCommand(input))),
    describe: (phoneNumberId) =>
      call('DescribePhoneNumber', pacers.describe, () =>
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
