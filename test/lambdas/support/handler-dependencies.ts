import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { ConnectClient } from '@aws-sdk/client-connect';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context } from 'aws-lambda';
import type { WorkflowDependencies } from '../../../lambdas/core/dependencies.ts';
import type { VirtualClock } from './virtual-clock.ts';
import { testSettings } from './workflow.ts';

/** Dependencies as the local runner builds them: a silent logger, disabled metrics and tracer. */
export function handlerDependencies(connect: ConnectClient, clock: VirtualClock): WorkflowDependencies {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  try {
    return {
      connect,
      events: new EventBridgeClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
      clock,
      settings: testSettings(),
      logger: new Logger({ serviceName: 'phone-number-claimer', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PhoneNumberClaimer', serviceName: 'phone-number-claimer' }),
      tracer: new Tracer({ serviceName: 'phone-number-claimer', enabled: false }),
    };
  } finally {
    if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}

/** A plain Lambda-like context, as the local runner passes one. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'request-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
