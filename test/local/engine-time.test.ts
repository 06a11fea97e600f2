import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { StatesRuntimeError, scaledRetryOverrides, scaledWaitOverrides } from '../../local/engine-time.ts';
import { WorkflowDefinitionError } from '../../local/workflow-definition.ts';

const definition: StateMachineDefinition = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
      Retry: [
        {
          ErrorEquals: ['Transient'],
          IntervalSeconds: 2,
          BackoffRate: 2,
          MaxDelaySeconds: 30,
          JitterStrategy: 'FULL',
        },
        { ErrorEquals: ['Other'], IntervalSeconds: 3, BackoffRate: 1.5 },
      ],
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.Next.WaitSeconds', Next: 'Rest' },
    Rest: { Type: 'Wait', Seconds: 40, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('Function: scaledWaitOverrides', () => {
  it('waits the SecondsPath value of the last task output, divided by the time scale', () => {
    // Prepare
    let output: unknown = { Next: { WaitSeconds: 30 } };
    const overrides = scaledWaitOverrides(definition, 10, () => output);

    // Act
    const first = overrides.Pause;
    output = { Next: { WaitSeconds: 5 } };
    const second = overrides.Pause;

    // Assess
    expect(first).toBe(3000);
    expect(second).toBe(500);
    expect(overrides.Rest).toBe(4000);
  });

  it('fails like Step Functions when the path does not hold a whole number of seconds', () => {
    // Prepare
    const overrides = scaledWaitOverrides(definition, 10, () => ({ Next: { WaitSeconds: 1.5 } }));

    // Act & Assess
    expect(() => overrides.Pause).toThrow(StatesRuntimeError);
    expect(() => overrides.Pause).toThrow('$.Next.WaitSeconds must be a non-negative integer, got 1.5');
  });

  it('refuses a Wait state it cannot scale', () => {
    // Prepare
    const timestamped: StateMachineDefinition = {
      StartAt: 'Until',
      States: { Until: { Type: 'Wait', Timestamp: '2030-01-01T00:00:00Z', End: true } },
    };

    // Act & Assess
    expect(() => scaledWaitOverrides(timestamped, 10, () => ({}))).toThrow(WorkflowDefinitionError);
  });
});

describe('Function: scaledRetryOverrides', () => {
  it('backs off exponentially with the failed attempts, capped, jittered below the cap and scaled', () => {
    // Prepare
    let failed = 1;
    const overrides = scaledRetryOverrides(
      definition,
      100,
      () => failed,
      () => 0.5,
    );

    // Act
    const afterFirst = overrides.Work;
    failed = 3;
    const afterThird = overrides.Work;
    failed = 10;
    const afterTenth = overrides.Work;

    // Assess: [FULL jitter of min(2 × 2^n, 30) s, no jitter 3 × 1.5^n s], in ms / 100
    expect(afterFirst).toEqual([(0.5 * 2 * 1000) / 100, (3 * 1000) / 100]);
    expect(afterThird).toEqual([(0.5 * 8 * 1000) / 100, (3 * 1.5 ** 2 * 1000) / 100]);
    expect(afterTenth?.[0]).toBe((0.5 * 30 * 1000) / 100);
  });

  it('draws a fresh jitter on each retry', () => {
    // Prepare
    const draws = [0.1, 0.9];
    const overrides = scaledRetryOverrides(
      definition,
      1,
      () => 1,
      () => draws.shift() ?? 0,
    );

    // Act & Assess
    expect(overrides.Work?.[0]).toBeCloseTo(200);
    expect(overrides.Work?.[0]).toBeCloseTo(1800);
  });

  it('covers only the states that have a Retry', () => {
    expect(Object.keys(scaledRetryOverrides(definition, 1, () => 1))).toEqual(['Work']);
  });
});
