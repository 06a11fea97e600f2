import { ConnectClient } from '@aws-sdk/client-connect';
import { afterEach } from 'vitest';
import {
  DEMO_INSTANCE_ID,
  DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID,
  type EmulatorConfigInput,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../../emulator/index.ts';

export const INSTANCE_ID = DEMO_INSTANCE_ID;
export const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${DEMO_INSTANCE_ID}`;
export const GROUP_ARN = `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID}`;
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Test defaults: simulated time frozen (only advanceClock moves it) and a throttle no test meets by
 * accident, so every figure in a test is decided by the test itself.
 */
export const QUIET: EmulatorConfigInput = { timeScale: 0, throttle: { ratePerSecond: 1000, burst: 1000 } };

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator that is closed after the test. */
export async function startTestEmulator(
  config: EmulatorConfigInput = {},
  options: Omit<StartEmulatorOptions, 'config'> = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    ...options,
    config: {
      ...QUIET,
      ...config,
      throttle: { ...QUIET.throttle, ...config.throttle },
    },
  });
  running.push(emulator);
  return emulator;
}

export function connectClient(emulator: RunningEmulator, maxAttempts = 1): ConnectClient {
  return new ConnectClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts,
  });
}

/** Searches one available number of a kind (US TOLL_FREE unless told). */
export async function findNumbers(
  client: ConnectClient,
  count: number,
  criteria: { country?: string; type?: string; prefix?: string } = {},
): Promise<string[]> {
  const { SearchAvailablePhoneNumbersCommand } = await import('@aws-sdk/client-connect');
  const found: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new SearchAvailablePhoneNumbersCommand({
        InstanceId: INSTANCE_ID,
        PhoneNumberCountryCode: (criteria.country ?? 'US') as 'US',
        PhoneNumberType: (criteria.type ?? 'TOLL_FREE') as 'TOLL_FREE',
        ...(criteria.prefix ? { PhoneNumberPrefix: criteria.prefix } : {}),
        MaxResults: 10,
        NextToken: nextToken,
      }),
    );
    for (const number of page.AvailableNumbersList ?? []) {
      if (number.PhoneNumber && found.length < count) found.push(number.PhoneNumber);
    }
    nextToken = page.NextToken;
  } while (found.length < count && nextToken);
  return found;
}

/** A raw HTTP call, for what an SDK never sends. */
export async function rawRequest(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  };
}

/** The error a call ends with; fails the test when the call succeeds. Awaited at once, so no rejection goes unhandled. */
export async function errorOf(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof Error) return error as Error & Record<string, unknown>;
    throw new TypeError(`the call failed with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
