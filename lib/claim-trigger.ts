import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { claimRequestedEventPattern, claimRequestedInputPath } from '../lambdas/core/claim-events.ts';
import { acknowledgeRule } from './nag-acknowledgements.ts';

export interface ClaimTriggerProps {
  /** The state machine each matching event starts. */
  readonly stateMachine: IStateMachine;
  /**
   * The bus the rule listens on.
   * @default the account's default event bus
   */
  readonly eventBus?: IEventBus;
  /**
   * How long EventBridge keeps retrying a failed StartExecution before it sends the event to the DLQ.
   * @default 2 hours
   */
  readonly maxEventAge?: Duration;
  /**
   * How many times EventBridge retries a failed StartExecution.
   * @default 20
   */
  readonly retryAttempts?: number;
}

/**
 * The EventBridge rule that starts the claim workflow for each "Claim Phone Numbers Requested" event.
 * EventBridge delivers at least once, so an event can start two executions: that is harmless because the
 * workflow is idempotent on the request's key (docs/ARCHITECTURE.md "Idempotency"): the second run finds
 * the numbers the first one claimed, tagged with that key, and claims nothing more.
 */
export class ClaimTrigger extends Construct {
  readonly rule: Rule;
  /** Events EventBridge could not deliver after all its retries, kept for inspection and redrive. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ClaimTriggerProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeRule(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the EventBridge target; a DLQ of its own would only move the same events once more',
    );
    this.rule = new Rule(this, 'Rule', {
      description: 'Starts the phone-number claim workflow with the event detail as its input',
      eventBus: props.eventBus,
      eventPattern: {
        source: [...claimRequestedEventPattern.source],
        detailType: [...claimRequestedEventPattern['detail-type']],
      },
    });
    this.rule.addTarget(
      new SfnStateMachine(props.stateMachine, {
        input: RuleTargetInput.fromEventPath(claimRequestedInputPath),
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: props.maxEventAge ?? Duration.hours(2),
        retryAttempts: props.retryAttempts ?? 20,
      }),
    );
  }
}
