import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_EMULATOR_CONFIG,
  DEMO_INSTANCE_ID,
  type RunningEmulator,
  startEmulator,
} from '../../emulator/index.ts';
import type { ClaimResult } from '../../lambdas/core/claim-run.ts';
import { type EventLog, runWorkflowLocally } from '../../local/run-workflow.ts';

const timeScale = 200;
const searchRequest = {
  InstanceId: DEMO_INSTANCE_ID,
  Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: 2 },
};

describe('Function: runWorkflowLocally', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ config: { timeScale } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  const prepare = (config: Parameters<RunningEmulator['configure']>[0] = {}) => {
    emulator.configure({ ...DEFAULT_EMULATOR_CONFIG, timeScale, ...config });
    emulator.reset();
  };

  it('names the execution as Step Functions would and streams the engine event log as it happens', async () => {
    // Prepare
    prepare();
    const streamed: EventLog[] = [];

    // Act
    const run = await runWorkflowLocally({
      input: searchRequest,
      connectEndpoint: emulator.url,
      timeScale,
      executionName: 'claim-two-dids',
      onEvent: (event) => streamed.push(event),
    });

    // Assess
    expect(run.status).toBe('SUCCEEDED');
    expect(run.executionArn).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:PhoneNumberClaimer-Workflow:claim-two-dids',
    );
    expect(streamed).toEqual(run.events);
    expect(run.events[0]?.type).toBe('ExecutionStarted');
    expect(run.events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = run.events.flatMap((event) => (event.type === 'StateEntered' ? [event.state.name] : []));
    expect(entered.slice(0, 4)).toEqual(['ValidateRequest', 'IsValid', 'Route', 'SearchNumbers']);
    expect(entered.at(-1)).toBe('Succeeded');
    expect((run.output as ClaimResult).Claimed).toHaveLength(2);
  });

  it('retries a step whose Connect calls keep failing, then publishes the run with the step error', async () => {
    // Prepare: every Connect request answers 500
    prepare({ internalErrorRate: 1 });

    // Act
    const run = await runWorkflowLocally({ input: searchRequest, connectEndpoint: emulator.url, timeScale });

    // Assess
    const retried = run.events.filter(
      (event) => event.type === 'StateRetried' && event.state.name === 'SearchNumbers',
    );
    const caught = run.events.filter(
      (event) => event.type === 'StateCaught' && event.state.name === 'SearchNumbers',
    );
    expect(retried).toHaveLength(6);
    expect(caught).toHaveLength(1);
    expect(run).toMatchObject({ status: 'FAILED', error: 'ClaimFailed' });
    const result = JSON.parse(run.cause ?? '{}') as ClaimResult;
    expect(result).toMatchObject({ Status: 'FAILED', Requested: 2, Claimed: [] });
    expect(result.Failed.map((failure) => failure.Error)).toEqual(['WorkflowError', 'WorkflowError']);
    expect(emulator.snapshot().calls.ListPhoneNumbersV2?.byStatus['500']).toBeGreaterThan(6);
  });

  it('fails the execution with the handler error when input cannot even be read', async () => {
    // Prepare
    prepare();

    // Act
    const run = await runWorkflowLocally({
      input: 'not an object',
      connectEndpoint: emulator.url,
      timeScale,
    });

    // Assess
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('InvalidInput');
    expect(run.output).toBeUndefined();
  });
});
