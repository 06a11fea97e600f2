/**
 * Hostile input through the state machine's own validation: each malformed input, started as an execution of
 * the synthesized workflow, fails it with InvalidInput and a cause naming the field and the rule, before any
 * Connect call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.ts';
import { ClaimWorkflowState } from '../../lib/claim-workflow.ts';
import { runWorkflowLocally } from '../../local/run-workflow.ts';
import { hostileInputs, namesFieldAndRule } from './hostile-inputs.ts';

/** The states an invalid input may pass: none of them calls Connect. */
const VALIDATION_STATES: ReadonlySet<string> = new Set([
  ClaimWorkflowState.validateRequest,
  ClaimWorkflowState.isValid,
  ClaimWorkflowState.rejectInvalidInput,
]);

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ config: { timeScale: 100 } });
});

afterAll(async () => {
  await emulator.close();
});

function connectCalls(): number {
  return Object.values(emulator.snapshot().calls).reduce((sum, stats) => sum + stats.total, 0);
}

/**
 * aws-local-stepfunctions treats a falsy execution input (null, false, 0) as missing and fails its first
 * `$` path with States.Runtime, where Step Functions hands the value on to ValidateRequest. Those inputs are
 * still refused through every other entry point (the CLI tables); here only the engine is at fault.
 */
const runnableOffline = hostileInputs.filter(({ input }) => Boolean(input));

describe('Workflow: ValidateRequest on hostile input', () => {
  it('covers every hostile input but those the local engine cannot start', () => {
    expect(hostileInputs.length - runnableOffline.length).toBe(1);
  });

  it.each(runnableOffline)(
    'rejects $name naming $field, with zero Connect calls',
    async ({ input, field, rule }) => {
      // Prepare
      const callsBefore = connectCalls();

      // Act
      const execution = await runWorkflowLocally({ input, connectEndpoint: emulator.url, timeScale: 100 });

      // Assess
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('InvalidInput');
      expect(namesFieldAndRule(execution.cause ?? '', field, rule), `cause: ${execution.cause}`).toBe(true);
      const entered = execution.events.flatMap((event) =>
        event.type === 'StateEntered' ? [event.state.name] : [],
      );
      expect(entered.filter((state) => !VALIDATION_STATES.has(state))).toEqual([]);
      expect(connectCalls()).toBe(callsBefore);
      expect(connectCalls()).toBe(0);
    },
  );
});
