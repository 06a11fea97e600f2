import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClaimResult } from '../core/claim-run.ts';
import type { WorkflowDependencies } from '../core/dependencies.ts';
import { observedHandler } from '../core/observed-handler.ts';
import { readRunEvent } from '../core/step-event.ts';
import { type EventTally, publishResults } from './publish-results.ts';

const STATUS_METRICS: Record<ClaimResult['Status'], string> = {
  SUCCEEDED: 'RunsSucceeded',
  PARTIALLY_SUCCEEDED: 'RunsPartiallySucceeded',
  FAILED: 'RunsFailed',
};

/** The publish Lambda: `{ Run, ExecutionId }` → the workflow result, with the result events put on the bus. */
export function createPublishHandler(deps: WorkflowDependencies) {
  return observedHandler(deps, async (event: unknown): Promise<ClaimResult> => {
    const { Run, ExecutionId } = readRunEvent(event, 'publish');
    deps.logger.appendKeys({ executionId: ExecutionId, idempotencyKey: Run.IdempotencyKey });
    const eventTally: EventTally = { published: 0, failed: 0 };
    const result = await publishResults(Run, { ...deps, eventTally });
    deps.metrics.addMetric(STATUS_METRICS[result.Status], MetricUnit.Count, 1);
    deps.metrics.addMetric('EventsPublished', MetricUnit.Count, eventTally.published);
    if (eventTally.failed > 0) deps.metrics.addMetric('EventsFailed', MetricUnit.Count, eventTally.failed);
    if (Run.StepError) deps.logger.error('The run ended on a step error', { stepError: Run.StepError });
    deps.logger.info('Claim run finished', {
      status: result.Status,
      requested: result.Requested,
      claimed: result.Claimed.length,
    });
    return result;
  });
}
