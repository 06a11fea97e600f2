import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Clock } from './clock.ts';

/** A token bucket's shape: Connect's default for each phone-number operation is 2 per second, burst 5. */
export type RateLimit = { readonly ratePerSecond: number; readonly burst: number };

/** Tunables of the workflow, all in (simulated) seconds. Deployed from stack props, offline from the runner. */
export type WorkflowSettings = {
  /** How long a run may wait for claims to settle before it reports them StillInProgress. */
  readonly deadlineSeconds: number;
  /** How long one pass of the claim step may work before it hands back to the state machine. */
  readonly sliceSeconds: number;
  /** The client-side pace of each Connect operation, so that the account's throttle is not hit. */
  readonly rates: {
    readonly search: RateLimit;
    readonly claim: RateLimit;
    readonly describe: RateLimit;
    readonly list: RateLimit;
  };
  /** The event bus the result events go to. */
  readonly eventBusName: string;
  /**
   * Seconds between a claim and its first status check, then between checks; the last repeats.
   * @default [15, 10, 10, 20, 30, 60]
   */
  readonly checkScheduleSeconds?: readonly number[];
  /** Seconds before a status check that met a retryable error is tried again. @default 5 */
  readonly checkRetrySeconds?: number;
  /** Backoff of a claim that met a retryable error (full jitter, capped). @default { baseSeconds: 1, maxSeconds: 30 } */
  readonly claimRetry?: { readonly baseSeconds: number; readonly maxSeconds: number };
  /** Search rounds a run may make before open slots fail with NoNumbersAvailable. @default 5 */
  readonly maxSearchRounds?: number;
  /** Numbers of a search slot that may be replaced by spares (unavailable or FAILED) before it fails. @default 5 */
  readonly maxReplacementsPerSlot?: number;
};

/** What every handler factory takes: the real ones from the environment, or the local runner's and tests'. */
export type WorkflowDependencies = {
  readonly connect: ConnectClient;
  readonly events: EventBridgeClient;
  readonly clock: Clock;
  readonly settings: WorkflowSettings;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
};

/** Tallies of Connect requests made by one step, by operation (SDK retries included). */
export type CallCounts = Partial<
  Record<
    'SearchAvailablePhoneNumbers' | 'ClaimPhoneNumber' | 'DescribePhoneNumber' | 'ListPhoneNumbersV2',
    number
  >
>;

/** What the workflow's domain functions need: plain, so tests and other callers need no Lambda machinery. */
export type StepDependencies = Pick<WorkflowDependencies, 'connect' | 'clock' | 'settings'> & {
  readonly logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Filled in with the Connect requests the step makes, for the handler's metrics. */
  readonly callCounts?: CallCounts;
  /** The jitter source of backoffs; `Math.random` when absent. */
  readonly random?: () => number;
};
