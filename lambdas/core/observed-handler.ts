/**
 * The middy chain every workflow Lambda shares: Powertools logging with the Lambda context, metrics flushed
 * at the end of each invocation, and tracing. Offline the same chain runs with a silent logger, disabled
 * metrics and a disabled tracer.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { CallCounts, WorkflowDependencies } from './dependencies.ts';

export function observedHandler<Event, Result>(
  deps: WorkflowDependencies,
  handle: (event: Event, context: Context) => Promise<Result>,
) {
  return (
    middy<Event, Result>(handle)
      // Correlation keys are per invocation: cleared afterwards so a warm container cannot mix executions.
      .use(injectLambdaContext(deps.logger, { resetKeys: true }))
      .use(logMetrics(deps.metrics, { captureColdStartMetric: true }))
      .use(captureLambdaHandler(deps.tracer))
  );
}

/** One `ConnectCalls` metric per operation used, with the operation as its dimension. */
export function addConnectCallMetrics(deps: WorkflowDependencies, counts: CallCounts): void {
  for (const [operation, count] of Object.entries(counts)) {
    if (!count) continue;
    const metric = deps.metrics.singleMetric();
    metric.addDimension('Operation', operation);
    metric.addMetric('ConnectCalls', MetricUnit.Count, count);
  }
}

/** Counts of slots by status, for the before/after metrics of a step. */
export function settledCounts(slots: readonly { Status: string }[]): { claimed: number; failed: number } {
  let claimed = 0;
  let failed = 0;
  for (const slot of slots) {
    if (slot.Status === 'CLAIMED') claimed++;
    else if (slot.Status === 'FAILED') failed++;
  }
  return { claimed, failed };
}
