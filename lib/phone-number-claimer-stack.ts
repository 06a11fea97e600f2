import { Duration, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambdas/core/environment.ts';
import { defaultSettings, settingsToEnvironment } from '../lambdas/core/settings.ts';
import { ClaimTrigger } from './claim-trigger.ts';
import { ClaimWorkflow, type WorkflowFunctionName, workflowFunctionNames } from './claim-workflow.ts';
import { ConnectPhoneNumberAccess } from './connect-phone-number-access.ts';
import { WorkflowFunction } from './workflow-function.ts';

export interface PhoneNumberClaimerStackProps extends StackProps {
  /**
   * Connect instances numbers may be claimed to (ids, not ARNs). Together with
   * `trafficDistributionGroupIds` at least one target is required.
   * @default [] (no instance)
   */
  readonly instanceIds?: readonly string[];
  /**
   * Traffic distribution groups numbers may be claimed to (ids, not ARNs).
   * @default [] (no traffic distribution group)
   */
  readonly trafficDistributionGroupIds?: readonly string[];
  /**
   * How long a run waits for its claims to settle before it reports the rest as StillInProgress.
   * At least one minute.
   * @default Duration.minutes(15)
   */
  readonly claimDeadline?: Duration;
  /**
   * Name of the bus the trigger rule listens on and the result events go to.
   * @default the account's default event bus
   */
  readonly eventBusName?: string;
  /**
   * Where the alarms notify.
   * @default no alarm actions: the alarms are visible in CloudWatch only
   */
  readonly alarmTopic?: ITopic;
}

export class PhoneNumberClaimerStackPropsError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options?: ErrorOptions) {
    super(`Invalid PhoneNumberClaimerStack props: ${problems.join('; ')}`, options);
    this.name = 'PhoneNumberClaimerStackPropsError';
    this.problems = problems;
  }
}

/** Connect ids are UUIDs, e.g. 11111111-2222-4333-8444-555555555555. */
const connectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const defaultClaimDeadline = Duration.minutes(15);
const minimumClaimDeadline = Duration.minutes(1);

/** The deployed Lambda timeouts: a claim pass works through a time slice, the other steps are short. */
export const functionTimeouts: Readonly<Record<WorkflowFunctionName, Duration>> = {
  validate: Duration.minutes(1),
  search: Duration.minutes(1),
  claim: Duration.minutes(2),
  publish: Duration.minutes(1),
};

/** Checks the props first, with every problem in one message. */
export function validatePhoneNumberClaimerStackProps(props: PhoneNumberClaimerStackProps): void {
  const problems: string[] = [];
  const instanceIds = props.instanceIds ?? [];
  const groupIds = props.trafficDistributionGroupIds ?? [];
  if (instanceIds.length + groupIds.length === 0) {
    problems.push('instanceIds and trafficDistributionGroupIds must name at least one target between them');
  }
  const checkIds = (field: string, ids: readonly string[]) => {
    ids.forEach((id, index) => {
      if (!Token.isUnresolved(id) && !connectIdPattern.test(id)) {
        problems.push(
          `${field}[${index}] '${id}' must be a Connect id (a UUID like 11111111-2222-4333-8444-555555555555)`,
        );
      }
    });
  };
  checkIds('instanceIds', instanceIds);
  checkIds('trafficDistributionGroupIds', groupIds);
  const deadline = props.claimDeadline ?? defaultClaimDeadline;
  if (!deadline.isUnresolved() && deadline.toSeconds() < minimumClaimDeadline.toSeconds()) {
    problems.push(`claimDeadline must be at least 1 minute, got ${deadline.toHumanString()}`);
  }
  if (problems.length > 0) throw new PhoneNumberClaimerStackPropsError(problems);
}

/**
 * The phone-number claimer: the claim workflow, its four Lambdas with least-privilege Connect access,
 * the EventBridge trigger, and alarms on failures.
 */
export class PhoneNumberClaimerStack extends Stack {
  readonly workflow: ClaimWorkflow;
  readonly trigger: ClaimTrigger;
  readonly functions: Readonly<Record<WorkflowFunctionName, WorkflowFunction>>;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: PhoneNumberClaimerStackProps) {
    validatePhoneNumberClaimerStackProps(props);
    super(scope, id, props);

    const claimDeadline = props.claimDeadline ?? defaultClaimDeadline;
    const eventBus: IEventBus = props.eventBusName
      ? EventBus.fromEventBusName(this, 'EventBus', props.eventBusName)
      : EventBus.fromEventBusName(this, 'EventBus', 'default');
    const connect = new ConnectPhoneNumberAccess(this, 'ConnectAccess', {
      instanceIds: props.instanceIds ?? [],
      trafficDistributionGroupIds: props.trafficDistributionGroupIds ?? [],
    });

    // Every handler reads the same settings (lambdas/core/settings.ts), written by their own definition.
    const environment = {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...settingsToEnvironment({
        ...defaultSettings,
        deadlineSeconds: claimDeadline.toSeconds(),
        eventBusName: eventBus.eventBusName,
      }),
    };
    const functions = Object.fromEntries(
      workflowFunctionNames.map((name) => {
        const fn = new WorkflowFunction(this, `${capitalize(name)}Step`, {
          name,
          timeout: functionTimeouts[name],
        });
        for (const [variable, value] of Object.entries(environment))
          fn.function.addEnvironment(variable, value);
        return [name, fn];
      }),
    ) as Record<WorkflowFunctionName, WorkflowFunction>;
    this.functions = functions;

    // Grants follow what each step does; EVENT_BUS_NAME above names the bus granted to publish here.
    connect.grantSearch(functions.search.function);
    connect.grantClaim(functions.claim.function);
    eventBus.grantPutEventsTo(functions.publish.function);

    this.workflow = new ClaimWorkflow(this, 'Workflow', {
      claimDeadline,
      tasks: {
        validate: { function: functions.validate.function, timeout: functions.validate.timeout },
        search: { function: functions.search.function, timeout: functions.search.timeout },
        claim: { function: functions.claim.function, timeout: functions.claim.timeout },
        publish: { function: functions.publish.function, timeout: functions.publish.timeout },
      },
    });
    this.trigger = new ClaimTrigger(this, 'Trigger', { stateMachine: this.workflow.stateMachine, eventBus });

    const stateMachine = this.workflow.stateMachine;
    this.alarms = [
      this.alarmOn('ExecutionsFailed', stateMachine.metricFailed(), 'A claim workflow execution failed'),
      this.alarmOn(
        'ExecutionsTimedOut',
        stateMachine.metricTimedOut(),
        'A claim workflow execution timed out',
      ),
      ...workflowFunctionNames.map((name) =>
        this.alarmOn(
          `${capitalize(name)}Errors`,
          functions[name].function.metricErrors(),
          `The ${name} Lambda of the claim workflow reported errors`,
        ),
      ),
    ];
    if (props.alarmTopic) {
      const action = new SnsAction(props.alarmTopic);
      for (const alarm of this.alarms) alarm.addAlarmAction(action);
    }
  }

  private alarmOn(id: string, metric: Metric, description: string): Alarm {
    return new Alarm(this, `${id}Alarm`, {
      alarmDescription: description,
      metric: metric.with({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
