import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClaimRun, InvalidRequest } from '../core/claim-run.ts';
import type { WorkflowDependencies } from '../core/dependencies.ts';
import { observedHandler } from '../core/observed-handler.ts';
import { readValidateEvent } from '../core/step-event.ts';
import { validateRequest } from './validate-request.ts';

/** The validate Lambda: `{ Input, ExecutionId }` → a new claim run, or an `InvalidRequest` naming every problem. */
export function createValidateHandler(deps: WorkflowDependencies) {
  return observedHandler(deps, async (event: unknown): Promise<ClaimRun | InvalidRequest> => {
    const { Input, ExecutionId } = readValidateEvent(event);
    deps.logger.appendKeys({ executionId: ExecutionId });
    const outcome = validateRequest(Input, deps, ExecutionId);
    if (!outcome.Valid) {
      deps.metrics.addMetric('RequestsRejected', MetricUnit.Count, 1);
      deps.logger.warn('Invalid claim request', { problems: outcome.Problems });
      return outcome;
    }
    deps.logger.appendKeys({ idempotencyKey: outcome.IdempotencyKey });
    deps.metrics.addMetric('RequestsAccepted', MetricUnit.Count, 1);
    deps.metrics.addMetric('NumbersRequested', MetricUnit.Count, outcome.Slots.length);
    deps.logger.info('Claim request accepted', { slots: outcome.Slots.length, next: outcome.Next.Action });
    return outcome;
  });
}
