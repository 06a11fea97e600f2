import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  PhoneNumberClaimerStack,
  type PhoneNumberClaimerStackProps,
  PhoneNumberClaimerStackPropsError,
} from '../../lib/phone-number-claimer-stack.ts';

const account = '123456789012';
const region = 'us-east-1';
const instanceIds = ['11111111-2222-4333-8444-555555555555', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'];
const trafficDistributionGroupIds = ['66666666-7777-4888-8999-000000000000'];

/** No bundling: the template is what matters here, and synth stays fast. */
function newApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] } });
}

function newStack(
  props: Partial<PhoneNumberClaimerStackProps> = {},
  app = newApp(),
): PhoneNumberClaimerStack {
  return new PhoneNumberClaimerStack(app, 'Claimer', {
    instanceIds,
    trafficDistributionGroupIds,
    env: { account, region },
    ...props,
  });
}

function buildStack(props: Partial<PhoneNumberClaimerStackProps> = {}, app = newApp()) {
  return { template: Template.fromStack(newStack(props, app)) };
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement of every identity policy in the template, with the logical id of its policy. */
function policyStatements(template: Template): { policy: string; statement: Statement }[] {
  return Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policy, resource]) =>
    (resource.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ policy, statement })),
  );
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Renders a template ARN (Fn::Join of literals and pseudo parameters) as the string it deploys to. */
function renderArn(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  if (record.Ref === 'AWS::Partition') return 'aws';
  if (record.Ref === 'AWS::Region') return region;
  if (record.Ref === 'AWS::AccountId') return account;
  const join = record['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(renderArn).join(join[0]);
  return JSON.stringify(value);
}

function connectActionsOf(template: Template, policyPrefix: string): string[] {
  return policyStatements(template)
    .filter(({ policy }) => policy.startsWith(policyPrefix))
    .flatMap(({ statement }) => asList(statement.Action))
    .filter((action) => action.startsWith('connect:'))
    .sort();
}

describe('Stack: PhoneNumberClaimerStack', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = buildStack());
  });

  describe('Props validation', () => {
    it('names every bad prop and its rule in one message', () => {
      // Act
      const build = () =>
        buildStack({
          instanceIds: ['11111111-2222-4333-8444-555555555555', 'not-an-id'],
          trafficDistributionGroupIds: [
            'arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/x',
          ],
          claimDeadline: Duration.seconds(30),
        });

      // Assess
      expect(build).toThrow(PhoneNumberClaimerStackPropsError);
      expect(build).toThrow(
        "Invalid PhoneNumberClaimerStack props: instanceIds[1] 'not-an-id' must be a Connect id (a UUID like " +
          '11111111-2222-4333-8444-555555555555); trafficDistributionGroupIds[0] ' +
          "'arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/x' must be a Connect id (a UUID like " +
          '11111111-2222-4333-8444-555555555555); claimDeadline must be at least 1 minute, got 30 seconds',
      );
    });

    it('requires at least one instance or traffic distribution group', () => {
      expect(() => buildStack({ instanceIds: [], trafficDistributionGroupIds: [] })).toThrow(
        'instanceIds and trafficDistributionGroupIds must name at least one target between them',
      );
    });

    it('accepts a traffic distribution group alone', () => {
      expect(() => buildStack({ instanceIds: undefined })).not.toThrow();
    });
  });

  describe('Lambdas', () => {
    it('runs four Node.js 24 functions on ARM with tracing, JSON logs and 256 MB', () => {
      // Act
      const functions = template.findResources('AWS::Lambda::Function', {
        Properties: {
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          MemorySize: 256,
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } },
        },
      });

      // Assess
      expect(Object.keys(functions)).toHaveLength(4);
      template.resourceCountIs('AWS::Lambda::Function', 4);
    });

    it('gives the claim step two minutes and the other steps one', () => {
      // Act
      const timeouts = Object.fromEntries(
        Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, resource]) => [
          id.replace(/StepFunction.*/, ''),
          resource.Properties.Timeout,
        ]),
      );

      // Assess
      expect(timeouts).toEqual({ Validate: 60, Search: 60, Claim: 120, Publish: 60 });
    });

    it('configures every function with the workflow settings and the claim deadline', () => {
      // Act
      const { template: longer } = buildStack({ claimDeadline: Duration.minutes(30) });

      // Assess
      for (const [deployed, deadline] of [
        [template, '900'],
        [longer, '1800'],
      ] as const) {
        const functions = deployed.findResources('AWS::Lambda::Function', {
          Properties: {
            Environment: {
              Variables: Match.objectLike({
                CLAIM_DEADLINE_SECONDS: deadline,
                EVENT_BUS_NAME: 'default',
                POWERTOOLS_SERVICE_NAME: 'phone-number-claimer',
                POWERTOOLS_METRICS_NAMESPACE: 'PhoneNumberClaimer',
                NODE_OPTIONS: '--enable-source-maps',
              }),
            },
          },
        });
        expect(Object.keys(functions)).toHaveLength(4);
      }
    });

    it('keeps every log group, the four functions and the state machine, for a month', () => {
      // Act
      const logGroups = template.findResources('AWS::Logs::LogGroup');

      // Assess
      expect(Object.values(logGroups).map((group) => group.Properties.RetentionInDays)).toEqual([
        30, 30, 30, 30, 30,
      ]);
    });
  });

  describe('State machine', () => {
    it('is traced, logs everything, and times out ten minutes after the claim deadline', () => {
      // Act
      const { template: longer } = buildStack({ claimDeadline: Duration.minutes(30) });

      // Assess
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
        DefinitionString: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"TimeoutSeconds":1500')])],
        },
      });
      longer.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        DefinitionString: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"TimeoutSeconds":2400')])],
        },
      });
    });

    it('is started by claim request events on the default bus, with a dead-letter queue', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['phone-number-claimer'], 'detail-type': ['Claim Phone Numbers Requested'] },
        Targets: [
          Match.objectLike({
            Arn: { Ref: Match.stringLikeRegexp('WorkflowStateMachine') },
            InputPath: '$.detail',
            DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 20 }),
          }),
        ],
      });
    });
  });

  describe('IAM', () => {
    const allowedConnectResources = new Set([
      ...instanceIds.map((id) => `arn:aws:connect:${region}:${account}:instance/${id}`),
      ...trafficDistributionGroupIds.map(
        (id) => `arn:aws:connect:${region}:${account}:traffic-distribution-group/${id}`,
      ),
      `arn:aws:connect:${region}:${account}:phone-number/*`,
    ]);

    it('never grants a Connect action on *, connect:*, or beyond the named targets and phone-number ARNs', () => {
      // Act
      const offending = policyStatements(template).flatMap(({ policy, statement }) => {
        const actions = asList(statement.Action);
        if (!actions.some((action) => action.startsWith('connect:') || action === '*')) return [];
        const resources = asList(statement.Resource).map(renderArn);
        const problems: string[] = [];
        if (actions.includes('connect:*') || actions.includes('*')) problems.push('wildcard action');
        for (const resource of resources) {
          if (!allowedConnectResources.has(resource)) problems.push(`resource ${resource}`);
        }
        return problems.map((problem) => `${policy}: ${problem}`);
      });
      const connectStatements = policyStatements(template).filter(({ statement }) =>
        asList(statement.Action).some((action) => action.startsWith('connect:')),
      );

      // Assess
      expect(connectStatements.length).toBeGreaterThan(0);
      expect(offending).toEqual([]);
    });

    it('gives each step only the Connect actions it calls', () => {
      expect(connectActionsOf(template, 'SearchStep')).toEqual([
        'connect:DescribePhoneNumber',
        'connect:ListPhoneNumbersV2',
        'connect:SearchAvailablePhoneNumbers',
      ]);
      expect(connectActionsOf(template, 'ClaimStep')).toEqual([
        'connect:ClaimPhoneNumber',
        'connect:DescribePhoneNumber',
        'connect:TagResource',
      ]);
      expect(connectActionsOf(template, 'ValidateStep')).toEqual([]);
      expect(connectActionsOf(template, 'PublishStep')).toEqual([]);
    });

    it('lets only the publish step put events, on the bus ARN only', () => {
      // Act
      const putEvents = policyStatements(template).filter(({ statement }) =>
        asList(statement.Action).includes('events:PutEvents'),
      );

      // Assess
      expect(putEvents.map(({ policy }) => policy.replace(/Role.*/, ''))).toEqual(['PublishStep']);
      expect(asList(putEvents[0]?.statement.Resource).map(renderArn)).toEqual([
        `arn:aws:events:${region}:${account}:event-bus/default`,
      ]);
    });

    it('gives no function the managed basic execution role', () => {
      template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
    });
  });

  describe('Alarms', () => {
    it('alarms on failed and timed-out executions and on errors of each Lambda', () => {
      // Act
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
        (alarm) => `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`,
      );

      // Assess
      expect(alarms.sort()).toEqual([
        'AWS/Lambda/Errors',
        'AWS/Lambda/Errors',
        'AWS/Lambda/Errors',
        'AWS/Lambda/Errors',
        'AWS/States/ExecutionsFailed',
        'AWS/States/ExecutionsTimedOut',
      ]);
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: Match.anyValue() }, 0);
    });

    it('notifies the alarm topic when one is given', () => {
      // Prepare
      const app = newApp();
      const alarmTopic = new Topic(new Stack(app, 'Operations', { env: { account, region } }), 'Alarms');

      // Act
      const { template: withTopic } = buildStack({ alarmTopic }, app);

      // Assess
      withTopic.resourcePropertiesCountIs(
        'AWS::CloudWatch::Alarm',
        { AlarmActions: [{ 'Fn::ImportValue': Match.stringLikeRegexp('Alarms') }] },
        6,
      );
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    function synthesizeWithNag(addFinding: boolean) {
      const app = newApp();
      const stack = newStack({}, app);
      if (addFinding) new Queue(stack, 'UnacknowledgedQueue');
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      return { app, stack };
    }

    it('finds nothing unacknowledged in the stack', () => {
      // Prepare
      const { app, stack } = synthesizeWithNag(false);

      // Act & Assess
      expect(() => app.synth()).not.toThrow();
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    });

    it('fails the synthesis on a finding nobody acknowledged', () => {
      // Prepare
      const { app } = synthesizeWithNag(true);
      vi.spyOn(console, 'error').mockImplementation(() => {});
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

      // Act & Assess
      // The report is in the message or on the console, depending on the output mode; its copy always exists.
      expect(() => app.synth()).toThrow(/validation-report.json/);
    });
  });
});
