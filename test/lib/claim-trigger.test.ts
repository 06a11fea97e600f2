import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { claimRequestedEventPattern, claimRequestedInputPath } from '../../lambdas/core/claim-events.ts';
import { ClaimTrigger } from '../../lib/claim-trigger.ts';

describe('Construct: ClaimTrigger', () => {
  function synthesize(withBus: boolean) {
    const stack = new Stack(new App(), 'TriggerTest');
    const stateMachine = new StateMachine(stack, 'Machine', {
      definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Start')),
    });
    new ClaimTrigger(stack, 'Trigger', {
      stateMachine,
      ...(withBus && { eventBus: new EventBus(stack, 'Bus', { eventBusName: 'claims' }) }),
    });
    return Template.fromStack(stack);
  }

  it('starts the state machine for the claim request pattern with the detail as input', () => {
    // Act
    const template = synthesize(false);

    // Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: claimRequestedEventPattern,
      Targets: [
        Match.objectLike({
          InputPath: claimRequestedInputPath,
          RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 20 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] } },
        }),
      ],
    });
    expect(claimRequestedInputPath).toBe('$.detail');
    // On the default bus unless told otherwise.
    expect(
      template.findResources('AWS::Events::Rule', { Properties: { EventBusName: Match.anyValue() } }),
    ).toEqual({});
  });

  it('listens on the bus it is given', () => {
    synthesize(true).hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('Bus') },
    });
  });

  it('keeps undeliverable events in an encrypted dead-letter queue that refuses plain HTTP', () => {
    // Act
    const template = synthesize(false);

    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('gives EventBridge nothing but StartExecution on the state machine', () => {
    synthesize(false).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: Match.anyValue() } },
        ],
      },
    });
  });
});
