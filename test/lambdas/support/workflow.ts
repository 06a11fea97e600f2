import { advanceClaims } from '../../../lambdas/claim/advance-claims.ts';
import type { ClaimResult, ClaimRun, InvalidRequest } from '../../../lambdas/core/claim-run.ts';
import type { StepDependencies } from '../../../lambdas/core/dependencies.ts';
import { defaultSettings, type ResolvedSettings } from '../../../lambdas/core/settings.ts';
import { buildResult } from '../../../lambdas/publish/claim-result.ts';
import { searchNumbers } from '../../../lambdas/search/search-numbers.ts';
import { validateRequest } from '../../../lambdas/validate/validate-request.ts';
import type { VirtualClock } from './virtual-clock.ts';

export type WorkflowOutcome = {
  readonly run: ClaimRun;
  readonly result: ClaimResult;
  /** Simulated ms from validation to the end. */
  readonly makespanMs: number;
  /** The steps the state machine would have run, by name. */
  readonly steps: string[];
};

/**
 * Runs the workflow's route loop as the state machine does (docs/ARCHITECTURE.md), with the domain functions
 * in-process and Wait states as jumps of the virtual clock.
 */
let executions = 0;

export async function runWorkflow(
  input: unknown,
  deps: StepDependencies & { clock: VirtualClock },
  maxSteps = 500,
): Promise<WorkflowOutcome> {
  const { clock } = deps;
  const started = clock.now();
  // Each run is an execution of its own, as on Step Functions: its claim tokens are scoped to it.
  executions += 1;
  const validated: ClaimRun | InvalidRequest = validateRequest(input, deps, `execution-${executions}`);
  if (!validated.Valid) throw new Error(`invalid input: ${validated.Message}`);
  let run = validated;
  const steps: string[] = [];
  while (run.Next.Action !== 'DONE') {
    if (steps.length >= maxSteps) throw new Error(`the workflow did not finish in ${maxSteps} steps`);
    const next = run.Next;
    steps.push(next.Action);
    if (next.Action === 'SEARCH') run = await clock.run(searchNumbers(run, deps));
    else if (next.Action === 'CLAIM') run = await clock.run(advanceClaims(run, deps));
    else if (next.Action === 'WAIT') {
      clock.advance(next.WaitSeconds * 1000);
      run = { ...run, Next: { Action: 'CLAIM' } };
    }
  }
  return { run, result: buildResult(run), makespanMs: clock.now() - started, steps };
}

export function testSettings(overrides: Partial<ResolvedSettings> = {}): ResolvedSettings {
  return { ...defaultSettings, ...overrides };
}
