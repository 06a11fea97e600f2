/**
 * The Connect client of a Lambda, built once per cold start. The SDK's retries (standard mode, 3 attempts)
 * wait in the workflow clock's time, so an offline run with a scaled clock backs off as the deployed one does.
 */
import { ConnectClient, type ConnectClientConfig } from '@aws-sdk/client-connect';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { type Backoff, fullJitterDelay } from './backoff.ts';
import { type Clock, toWallMs } from './clock.ts';

export type ConnectClientOptions = {
  /** Overrides the endpoint; when absent the SDK honours AWS_ENDPOINT_URL_CONNECT itself. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: ConnectClientConfig['credentials'];
  readonly clock: Clock;
  /** Attempts per call, the first included. @default 3 */
  readonly maxAttempts?: number;
};

/** Backoff between the SDK's attempts, in clock ms: a throttled call waits about one refill of the bucket. */
export const CONNECT_RETRY_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 8_000 };

/** Connect answers in well under a second; a connection or answer that takes longer is retried. */
export const CONNECT_TIMEOUTS = { connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 } as const;

export function createConnectClient(options: ConnectClientOptions): ConnectClient {
  const { clock } = options;
  return new ConnectClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.region !== undefined && { region: options.region }),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 3, (attempt) =>
      toWallMs(clock, fullJitterDelay(CONNECT_RETRY_BACKOFF, attempt)),
    ),
    // Network timeouts are wall time: they bound real sockets, not simulated Connect latency.
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: CONNECT_TIMEOUTS.requestTimeoutMs,
    },
  });
}
