import aslValidator from 'asl-validator';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ClaimWorkflow,
  ClaimWorkflowState,
  retryableErrors,
  type WorkflowFunctionName,
  workflowFunctionNames,
} from '../../lib/claim-workflow.ts';
import { resolveDefinition } from '../../local/workflow-definition.ts';

type TaskState = Extract<StateMachineDefinition['States'][string], { Type: 'Task' }>;

const timeouts: Record<WorkflowFunctionName, Duration> = {
  validate: Duration.seconds(30),
  search: Duration.seconds(45),
  claim: Duration.minutes(2),
  publish: Duration.seconds(50),
};

function buildWorkflow(claimDeadline = Duration.minutes(15)) {
  const app = new App();
  const stack = new Stack(app, 'WorkflowTest', { env: { account: '123456789012', region: 'us-east-1' } });
  const functions = Object.fromEntries(
    workflowFunctionNames.map((name) => [
      name,
      new LambdaFunction(stack, `${name}Function`, {
        code: Code.fromInline('export const handler = async () => ({});'),
        handler: 'index.handler',
        runtime: Runtime.NODEJS_24_X,
      }),
    ]),
  ) as Record<WorkflowFunctionName, LambdaFunction>;
  const workflow = new ClaimWorkflow(stack, 'Workflow', {
    claimDeadline,
    tasks: {
      validate: { function: functions.validate, timeout: timeouts.validate },
      search: { function: functions.search, timeout: timeouts.search },
      claim: { function: functions.claim, timeout: timeouts.claim },
      publish: { function: functions.publish, timeout: timeouts.publish },
    },
  });
  const template = Template.fromStack(stack);
  const nameByLogicalId = new Map(
    workflowFunctionNames.map((name) => [
      stack.getLogicalId(functions[name].node.defaultChild as never),
      name,
    ]),
  );
  const [stateMachine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const definition = resolveDefinition(stateMachine?.Properties.DefinitionString, (logicalId) => {
    const name = nameByLogicalId.get(logicalId);
    return name && `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
  });
  return { template, definition, workflow };
}

function task(definition: StateMachineDefinition, name: string): TaskState {
  const state = definition.States[name];
  if (state?.Type !== 'Task') throw new Error(`${name} is not a Task state`);
  return state;
}

describe('Construct: ClaimWorkflow', () => {
  let template: Template;
  let definition: StateMachineDefinition;

  beforeAll(() => {
    ({ template, definition } = buildWorkflow());
  });

  describe('Definition', () => {
    it('has exactly the states of the architecture, starting with ValidateRequest', () => {
      // Assess
      expect(definition.StartAt).toBe('ValidateRequest');
      expect(Object.keys(definition.States).sort()).toEqual(Object.values(ClaimWorkflowState).sort());
    });

    it('passes the Amazon States Language validator', () => {
      // Act
      const { isValid, errorsText } = aslValidator(definition);

      // Assess
      expect(errorsText()).toBe('');
      expect(isValid).toBe(true);
    });

    it.each([
      // No ResultPath is ResultPath '$': the result replaces the run.
      ['ValidateRequest', 'validate', { 'Input.$': '$', 'ExecutionId.$': '$$.Execution.Id' }, undefined],
      ['SearchNumbers', 'search', { 'Run.$': '$', 'ExecutionId.$': '$$.Execution.Id' }, undefined],
      ['ClaimAndTrack', 'claim', { 'Run.$': '$', 'ExecutionId.$': '$$.Execution.Id' }, undefined],
      ['PublishResults', 'publish', { 'Run.$': '$', 'ExecutionId.$': '$$.Execution.Id' }, '$.Result'],
    ] as const)(
      'invokes the %s Lambda directly with the run as payload',
      (stateName, fn, parameters, resultPath) => {
        // Act
        const state = task(definition, stateName);

        // Assess
        expect(state.Resource).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${fn}`);
        expect(state.Parameters).toEqual(parameters);
        expect(state.ResultPath).toBe(resultPath);
      },
    );

    it('gives every Task an explicit timeout a little longer than its function timeout', () => {
      // Act
      const taskTimeouts = Object.fromEntries(
        Object.entries(definition.States)
          .filter(([, state]) => state.Type === 'Task')
          .map(([name, state]) => [name, (state as TaskState).TimeoutSeconds]),
      );

      // Assess
      expect(taskTimeouts).toEqual({
        ValidateRequest: timeouts.validate.toSeconds() + 10,
        SearchNumbers: timeouts.search.toSeconds() + 10,
        ClaimAndTrack: timeouts.claim.toSeconds() + 10,
        PublishResults: timeouts.publish.toSeconds() + 10,
      });
    });

    it('retries every Task on transient errors with capped exponential backoff and full jitter', () => {
      for (const stateName of ['ValidateRequest', 'SearchNumbers', 'ClaimAndTrack', 'PublishResults']) {
        // Act
        const retry = task(definition, stateName).Retry;

        // Assess
        expect(retry).toEqual([
          {
            ErrorEquals: [...retryableErrors],
            IntervalSeconds: 2,
            MaxAttempts: 6,
            BackoffRate: 2,
            MaxDelaySeconds: 30,
            JitterStrategy: 'FULL',
          },
        ]);
      }
    });

    it('catches a failed search or claim step into $.StepError and publishes the run', () => {
      for (const stateName of ['SearchNumbers', 'ClaimAndTrack']) {
        expect(task(definition, stateName).Catch).toEqual([
          { ErrorEquals: ['States.ALL'], ResultPath: '$.StepError', Next: 'PublishResults' },
        ]);
      }
      // A failed validation or publication fails the execution with its own error.
      expect(task(definition, 'ValidateRequest').Catch).toBeUndefined();
      expect(task(definition, 'PublishResults').Catch).toBeUndefined();
    });

    it('routes on $.Next.Action and waits $.Next.WaitSeconds before claiming again', () => {
      // Assess
      expect(definition.States.Route).toMatchObject({
        Type: 'Choice',
        Choices: [
          { Variable: '$.Next.Action', StringEquals: 'SEARCH', Next: 'SearchNumbers' },
          { Variable: '$.Next.Action', StringEquals: 'CLAIM', Next: 'ClaimAndTrack' },
          { Variable: '$.Next.Action', StringEquals: 'WAIT', Next: 'WaitForClaims' },
          { Variable: '$.Next.Action', StringEquals: 'DONE', Next: 'PublishResults' },
        ],
      });
      expect(definition.States.WaitForClaims).toMatchObject({
        Type: 'Wait',
        SecondsPath: '$.Next.WaitSeconds',
        Next: 'ClaimAndTrack',
      });
      expect(task(definition, 'SearchNumbers')).toMatchObject({ Next: 'Route' });
      expect(task(definition, 'ClaimAndTrack')).toMatchObject({ Next: 'Route' });
    });

    it('rejects invalid input with InvalidInput and the validation message as cause', () => {
      expect(definition.States.IsValid).toMatchObject({
        Type: 'Choice',
        Choices: [{ Variable: '$.Valid', BooleanEquals: true, Next: 'Route' }],
        Default: 'RejectInvalidInput',
      });
      expect(definition.States.RejectInvalidInput).toMatchObject({
        Type: 'Fail',
        Error: 'InvalidInput',
        CausePath: '$.Message',
      });
    });

    it('succeeds with the result when a number was claimed, else fails with ClaimFailed and the result as cause', () => {
      expect(definition.States.HasClaimed).toMatchObject({
        Type: 'Choice',
        Choices: [{ Variable: '$.Result.Claimed[0]', IsPresent: true, Next: 'Succeeded' }],
        Default: 'PrepareFailure',
      });
      expect(definition.States.Succeeded).toMatchObject({ Type: 'Succeed', OutputPath: '$.Result' });
      expect(definition.States.PrepareFailure).toMatchObject({
        Type: 'Pass',
        Parameters: { 'Cause.$': 'States.JsonToString($.Result)' },
        Next: 'ClaimFailed',
      });
      expect(definition.States.ClaimFailed).toMatchObject({
        Type: 'Fail',
        Error: 'ClaimFailed',
        CausePath: '$.Cause',
      });
    });

    it('times the execution out ten minutes after the claim deadline', () => {
      // Act
      const { definition: longer } = buildWorkflow(Duration.minutes(40));

      // Assess
      expect(definition.TimeoutSeconds).toBe(25 * 60);
      expect(longer.TimeoutSeconds).toBe(50 * 60);
    });
  });

  describe('State machine', () => {
    it('is a Standard workflow with X-Ray tracing and full execution logging', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: true,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
        },
      });
    });

    it('keeps its execution logs for a month', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });
  });
});
