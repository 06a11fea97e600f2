import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClaimRun } from '../core/claim-run.ts';
import type { CallCounts, WorkflowDependencies } from '../core/dependencies.ts';
import { addConnectCallMetrics, observedHandler, settledCounts } from '../core/observed-handler.ts';
import { readRunEvent } from '../core/step-event.ts';
import { advanceClaims } from './advance-claims.ts';

/** The claim Lambda: `{ Run, ExecutionId }` → the run after one reconcile pass. */
export function createClaimHandler(deps: WorkflowDependencies) {
  return observedHandler(deps, async (event: unknown): Promise<ClaimRun> => {
    const { Run, ExecutionId } = readRunEvent(event, 'claim');
    deps.logger.appendKeys({ executionId: ExecutionId, idempotencyKey: Run.IdempotencyKey });
    const callCounts: CallCounts = {};
    try {
      const next = await advanceClaims(Run, { ...deps, callCounts });
      const before = settledCounts(Run.Slots);
      const after = settledCounts(next.Slots);
      deps.metrics.addMetric('NumbersClaimed', MetricUnit.Count, after.claimed - before.claimed);
      deps.metrics.addMetric('ClaimsFailed', MetricUnit.Count, after.failed - before.failed);
      return next;
    } finally {
      addConnectCallMetrics(deps, callCounts);
    }
  });
}
