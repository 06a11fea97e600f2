import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  JitterType,
  LogLevel,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag-acknowledgements.ts';

/**
 * The state names of the claim workflow (docs/ARCHITECTURE.md "The workflow"). The local runner, the tests
 * and the CLI's progress output refer to states by these names, so they are defined once, here.
 */
export const ClaimWorkflowState = {
  validateRequest: 'ValidateRequest',
  isValid: 'IsValid',
  rejectInvalidInput: 'RejectInvalidInput',
  route: 'Route',
  searchNumbers: 'SearchNumbers',
  claimAndTrack: 'ClaimAndTrack',
  waitForClaims: 'WaitForClaims',
  publishResults: 'PublishResults',
  hasClaimed: 'HasClaimed',
  succeeded: 'Succeeded',
  prepareFailure: 'PrepareFailure',
  claimFailed: 'ClaimFailed',
} as const;

export type ClaimWorkflowStateName = (typeof ClaimWorkflowState)[keyof typeof ClaimWorkflowState];

/** The workflow's Lambdas, named as their folders under `lambdas/`. */
export const workflowFunctionNames = ['validate', 'search', 'claim', 'publish'] as const;
export type WorkflowFunctionName = (typeof workflowFunctionNames)[number];

/** Which Lambda each Task state invokes. */
export const taskStateFunctions = {
  [ClaimWorkflowState.validateRequest]: 'validate',
  [ClaimWorkflowState.searchNumbers]: 'search',
  [ClaimWorkflowState.claimAndTrack]: 'claim',
  [ClaimWorkflowState.publishResults]: 'publish',
} as const satisfies Record<string, WorkflowFunctionName>;

export type TaskStateName = keyof typeof taskStateFunctions;

/** The error a Fail state gives the execution, as SPEC section 4 names them. */
export const ClaimWorkflowError = {
  invalidInput: 'InvalidInput',
  claimFailed: 'ClaimFailed',
} as const;

/**
 * Errors worth another attempt: Lambda's own transient failures, a task timeout (every step is idempotent:
 * claims carry a client token derived from the request's key), and `ConnectUnavailable`, which the handlers
 * throw when Connect keeps failing after the SDK's own retries.
 */
export const retryableErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.Timeout',
  'ConnectUnavailable',
] as const;

/** A Lambda the workflow invokes, with the timeout it was deployed with. */
export type WorkflowTask = {
  readonly function: IFunction;
  /** The function's own timeout; the Task state allows a little more (see `taskTimeoutMargin`). */
  readonly timeout: Duration;
};

export interface ClaimWorkflowProps {
  /** The four Lambdas of the workflow. */
  readonly tasks: Readonly<Record<WorkflowFunctionName, WorkflowTask>>;
  /** How long a run may wait for its claims; the execution times out `executionTimeoutMargin` later. */
  readonly claimDeadline: Duration;
  /**
   * Where the state machine logs every execution event with its data.
   * @default a new log group kept for one month
   */
  readonly logGroup?: ILogGroup;
  /**
   * How long the log group keeps execution logs, when this construct creates it.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Removal policy of the log group this construct creates.
   * @default RemovalPolicy.DESTROY: execution logs are diagnostics, not records
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A Task state waits this much longer than its function's timeout, so that a function that times out
 * reports its own error rather than the state's `States.Timeout` racing it.
 */
export const taskTimeoutMargin = Duration.seconds(10);

/**
 * Time after the claim deadline for the last claim pass, the result and its events (each step has
 * retries); past it the execution times out rather than run forever.
 */
export const executionTimeoutMargin = Duration.minutes(10);

/** Retry pacing of every Task (exponential, capped, full jitter so that retries spread out). */
export const taskRetry = {
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 6,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
} as const;

/**
 * The claim workflow: a Standard state machine in JSONPath, exactly as docs/ARCHITECTURE.md draws it.
 * This is the one definition of the workflow: `local/` runs the synthesized form of this construct.
 */
export class ClaimWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: ClaimWorkflowProps) {
    super(scope, id);

    const invoke = (stateName: TaskStateName, payload: TaskInput, resultPath?: string): LambdaInvoke => {
      const task = props.tasks[taskStateFunctions[stateName]];
      const state = new LambdaInvoke(this, stateName, {
        stateName,
        lambdaFunction: task.function,
        // The Task's Resource is then the function ARN itself, which the local engine can override.
        payloadResponseOnly: true,
        // The one Retry below replaces the construct's default one on Lambda service errors.
        retryOnServiceExceptions: false,
        payload,
        // Absent means '$' (the result replaces the run). Written out, '$' would be the same to Step
        // Functions, but aws-local-stepfunctions 3 stores the result under a key named "$" instead.
        ...(resultPath !== undefined && { resultPath }),
        // Explicit on every task: Step Functions' default is none at all, the local engine's 60 s.
        taskTimeout: Timeout.duration(task.timeout.plus(taskTimeoutMargin)),
      });
      state.addRetry({ errors: [...retryableErrors], ...taskRetry });
      return state;
    };

    const runPayload = TaskInput.fromObject({ 'Run.$': '$', 'ExecutionId.$': '$$.Execution.Id' });

    const validateRequest = invoke(
      ClaimWorkflowState.validateRequest,
      TaskInput.fromObject({ 'Input.$': '$', 'ExecutionId.$': '$$.Execution.Id' }),
    );
    const rejectInvalidInput = new Fail(this, ClaimWorkflowState.rejectInvalidInput, {
      stateName: ClaimWorkflowState.rejectInvalidInput,
      error: ClaimWorkflowError.invalidInput,
      causePath: '$.Message',
    });
    const searchNumbers = invoke(ClaimWorkflowState.searchNumbers, runPayload);
    const claimAndTrack = invoke(ClaimWorkflowState.claimAndTrack, runPayload);
    // No Catch: if publishing fails after its retries there is nothing left to report to, so the
    // execution fails with the step's own error and cause.
    const publishResults = invoke(ClaimWorkflowState.publishResults, runPayload, '$.Result');
    const waitForClaims = new Wait(this, ClaimWorkflowState.waitForClaims, {
      stateName: ClaimWorkflowState.waitForClaims,
      time: WaitTime.secondsPath('$.Next.WaitSeconds'),
    });

    // A step that fails after its retries still leaves a run to report: unsettled slots fail with its error.
    for (const step of [searchNumbers, claimAndTrack]) {
      step.addCatch(publishResults, { errors: ['States.ALL'], resultPath: '$.StepError' });
    }

    const route = new Choice(this, ClaimWorkflowState.route, { stateName: ClaimWorkflowState.route })
      .when(Condition.stringEquals('$.Next.Action', 'SEARCH'), searchNumbers)
      .when(Condition.stringEquals('$.Next.Action', 'CLAIM'), claimAndTrack)
      .when(Condition.stringEquals('$.Next.Action', 'WAIT'), waitForClaims)
      .when(Condition.stringEquals('$.Next.Action', 'DONE'), publishResults);
    searchNumbers.next(route);
    claimAndTrack.next(route);
    waitForClaims.next(claimAndTrack);

    const succeeded = new Succeed(this, ClaimWorkflowState.succeeded, {
      stateName: ClaimWorkflowState.succeeded,
      outputPath: '$.Result',
    });
    const prepareFailure = new Pass(this, ClaimWorkflowState.prepareFailure, {
      stateName: ClaimWorkflowState.prepareFailure,
      parameters: { 'Cause.$': 'States.JsonToString($.Result)' },
    });
    const claimFailed = new Fail(this, ClaimWorkflowState.claimFailed, {
      stateName: ClaimWorkflowState.claimFailed,
      error: ClaimWorkflowError.claimFailed,
      causePath: '$.Cause',
    });
    publishResults.next(
      new Choice(this, ClaimWorkflowState.hasClaimed, { stateName: ClaimWorkflowState.hasClaimed })
        .when(Condition.isPresent('$.Result.Claimed[0]'), succeeded)
        .otherwise(prepareFailure.next(claimFailed)),
    );

    const definition = validateRequest.next(
      new Choice(this, ClaimWorkflowState.isValid, { stateName: ClaimWorkflowState.isValid })
        .when(Condition.booleanEquals('$.Valid', true), route)
        .otherwise(rejectInvalidInput),
    );

    this.logGroup =
      props.logGroup ??
      new LogGroup(this, 'ExecutionLogs', {
        retention: props.logRetention ?? RetentionDays.ONE_MONTH,
        removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
      });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: props.claimDeadline.plus(executionTimeoutMargin),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      comment:
        'Claims Amazon Connect phone numbers with wait-and-retry until each claim is CLAIMED or FAILED',
    });
    acknowledgeWildcardResource(
      this.stateMachine.role,
      '*',
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and log delivery (logs:CreateLogDelivery and the other delivery actions) support no resource-level permissions',
    );
    for (const task of Object.values(props.tasks)) {
      acknowledgeWildcardResource(
        this.stateMachine.role,
        `${task.function.functionArn}:*`,
        'LambdaInvoke grants the function and its versions and aliases (qualified ARNs); the wildcard is only the qualifier of one named function',
      );
    }
  }
}
