import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeRule } from './nag-acknowledgements.ts';

/** The `source` of the events this project reads and writes (SPEC section 6). */
export const claimEventSource = 'phone-number-claimer';
export const claimRequestedDetailType = 'Claim Phone Numbers Requested';

/** The rule's event pattern, as EventBridge stores it. */
export const claimRequestedEventPattern = {
  source: [claimEventSource],
  'detail-type': [claimRequestedDetailType],
} as const;

/** The target's input path: the workflow input IS the event's detail. */
export const claimRequestedInputPath = '$.detail';

export type ClaimRequestedEventMatch =
  | { readonly matched: true; readonly input: unknown }
  | { readonly matched: false; readonly reason: string };

/**
 * Applies the rule's pattern and input path to an event, as EventBridge does: what the CLI's `--event`
 * uses so that a local run starts from exactly what the deployed rule would hand the state machine.
 */
export function matchClaimRequestedEvent(event: unknown): ClaimRequestedEventMatch {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { matched: false, reason: `the event must be a JSON object, got ${describe(event)}` };
  }
  const fields = event as Record<string, unknown>;
  for (const [field, allowed] of Object.entries(claimRequestedEventPattern)) {
    const value = fields[field];
    if (!(allowed as readonly unknown[]).includes(value)) {
      const expected = allowed.map((v) => `'${v}'`).join(' or ');
      const actual = value === undefined ? 'missing' : `${describe(value)}`;
      return { matched: false, reason: `${field} is ${actual}, the rule matches ${expected}` };
    }
  }
  if (!('detail' in fields)) {
    return { matched: false, reason: 'detail is missing: it carries the workflow input' };
  }
  return { matched: true, input: fields.detail };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

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
