import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context } from 'aws-lambda';
import { createClaimHandler } from '../lambdas/claim/app.ts';
import { type Clock, scaledClock } from '../lambdas/core/clock.ts';
import { createConnectClient } from '../lambdas/core/connect-client.ts';
import type { WorkflowDependencies, WorkflowSettings } from '../lambdas/core/dependencies.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambdas/core/environment.ts';
import { defaultSettings, resolveSettings } from '../lambdas/core/settings.ts';
import { createPublishHandler } from '../lambdas/publish/app.ts';
import { createSearchHandler } from '../lambdas/search/app.ts';
import { createValidateHandler } from '../lambdas/validate/app.ts';
import type { WorkflowFunctionName } from '../lib/claim-workflow.ts';

/** What a handler factory returns, as the local runner calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The real handler factories, by the name of their Lambda. */
export const workflowHandlers: Readonly<
  Record<WorkflowFunctionName, (dependencies: WorkflowDependencies) => LambdaHandler>
> = {
  validate: (dependencies) => createValidateHandler(dependencies) as LambdaHandler,
  search: (dependencies) => createSearchHandler(dependencies) as LambdaHandler,
  claim: (dependencies) => createClaimHandler(dependencies) as LambdaHandler,
  publish: (dependencies) => createPublishHandler(dependencies) as LambdaHandler,
};

/** Any credentials do for the emulator; these keep the SDK from looking for real ones. */
export const emulatorCredentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export type OfflineDependencyOptions = {
  /** The emulator's URL: it serves Connect and EventBridge PutEvents. */
  readonly endpoint: string;
  readonly region: string;
  readonly timeScale: number;
  /** Settings over the defaults. */
  readonly settings?: Partial<WorkflowSettings> | undefined;
  /** @default scaledClock(timeScale) */
  readonly clock?: Clock | undefined;
};

/**
 * The dependencies the handlers get offline: SDK clients pointed at the emulator, the clock scaled like
 * the emulator's, and Powertools utilities that stay quiet so that the CLI's output is its own.
 */
export function createOfflineDependencies(options: OfflineDependencyOptions): WorkflowDependencies {
  const clock = options.clock ?? scaledClock(options.timeScale);
  const logger = new Logger({ serviceName: SERVICE_NAME, logLevel: 'SILENT' });
  return {
    connect: createConnectClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials: emulatorCredentials,
      clock,
    }),
    events: new EventBridgeClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials: emulatorCredentials,
    }),
    clock,
    settings: resolveSettings({ ...defaultSettings, ...options.settings }),
    logger,
    metrics: new DisabledMetrics(logger),
    tracer: new Tracer({ serviceName: SERVICE_NAME, enabled: false }),
  };
}

/**
 * Powertools Metrics that publish nothing. Metrics can only be disabled through its environment, which it
 * reads while it is built: the variable is set around the constructor only, so that nothing else in the
 * process sees it. Single-metric instances (built by `singleMetric()`) are disabled alike.
 */
class DisabledMetrics extends Metrics {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    const variable = 'POWERTOOLS_METRICS_DISABLED';
    const previous = process.env[variable];
    process.env[variable] = 'true';
    try {
      super({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, logger });
    } finally {
      if (previous === undefined) delete process.env[variable];
      else process.env[variable] = previous;
    }
    this.#logger = logger;
  }

  override singleMetric(): Metrics {
    return new DisabledMetrics(this.#logger);
  }
}
