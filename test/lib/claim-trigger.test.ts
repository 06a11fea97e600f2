import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import {
  ClaimTrigger,
  claimRequestedEventPattern,
  claimRequestedInputPath,
  matchClaimRequestedEvent,
} from '../../lib/claim-trigger.ts';

const detail = { InstanceId: '11111111-2222-4333-8444-555555555555', PhoneNumber: '+18005550100' };

function requestedEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: 'c0e1b6a4-3f5a-4c3e-9d5e-2b1f7a9e8d01',
    source: 'phone-number-claimer',
    'detail-type': 'Claim Phone Numbers Requested',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}

describe('Function: matchClaimRequestedEvent', () => {
  it('matches a request event and hands on its detail as the workflow input', () => {
    // Act
    const match = matchClaimRequestedEvent(requestedEvent());

    // Assess
    expect(match).toEqual({ matched: true, input: detail });
  });

  it('names the source the rule expects when the source differs', () => {
    // Act
    const match = matchClaimRequestedEvent(requestedEvent({ source: 'billing' }));

    // Assess
    expect(match).toEqual({
      matched: false,
      reason: "source is 'billing', the rule matches 'phone-number-claimer'",
    });
  });

  it('names the detail-type the rule expects when the detail-type differs or is missing', () => {
    // Act
    const other = matchClaimRequestedEvent(requestedEvent({ 'detail-type': 'Phone Number Claimed' }));
    const missing = matchClaimRequestedEvent(requestedEvent({ 'detail-type': undefined }));

    // Assess
    expect(other).toEqual({
      matched: false,
      reason: "detail-type is 'Phone Number Claimed', the rule matches 'Claim Phone Numbers Requested'",
    });
    expect(missing).toMatchObject({
      matched: false,
      reason: expect.stringContaining('detail-type is missing'),
    });
  });

  it('matches values exactly, as EventBridge does (no case folding, no arrays)', () => {
    expect(matchClaimRequestedEvent(requestedEvent({ source: 'Phone-Number-Claimer' })).matched).toBe(false);
    expect(matchClaimRequestedEvent(requestedEvent({ source: ['phone-number-claimer'] })).matched).toBe(
      false,
    );
  });

  it('rejects an event without detail, and anything that is not an object', () => {
    // Act
    const withoutDetail = requestedEvent();
    delete withoutDetail.detail;

    // Assess
    expect(matchClaimRequestedEvent(withoutDetail)).toEqual({
      matched: false,
      reason: 'detail is missing: it carries the workflow input',
    });
    expect(matchClaimRequestedEvent([requestedEvent()])).toMatchObject({
      matched: false,
      reason: 'the event must be a JSON object, got an array',
    });
    expect(matchClaimRequestedEvent(null).matched).toBe(false);
  });
});

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
