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
