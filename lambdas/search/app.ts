import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClaimRun } from '../core/claim-run.ts';
import type { CallCounts, WorkflowDependencies } from '../core/dependencies.ts';
import { addConnectCallMetrics, observedHandler, settledCounts } from '../core/observed-handler.ts';
import { readRunEvent } from '../core/step-event.ts';
import { searchNumbers } from './search-numbers.ts';

/** The search Lambda: `{ Run, ExecutionId }` → the run with numbers for its open slots. */
export function createSearchHandler(deps: WorkflowDependencies) {
  return observedHandler(deps, async (event: unknown): Promise<ClaimRun> => {
    const { Run, ExecutionId } = readRunEvent(event, 'search');
    deps.logger.appendKeys({ executionId: ExecutionId, idempotencyKey: Run.IdempotencyKey });
    const callCounts: CallCounts = {};
    try {
      const next = await searchNumbers(Run, { ...deps, callCounts });
      const before = settledCounts(Run.Slots);
      const after = settledCounts(next.Slots);
      deps.metrics.addMetric('NumbersRecovered', MetricUnit.Count, after.claimed - before.claimed);
      deps.metrics.addMetric('SearchSlotsFailed', MetricUnit.Count, after.failed - before.failed);
      return next;
    } finally {
      addConnectCallMetrics(deps, callCounts);
    }
  });
}
