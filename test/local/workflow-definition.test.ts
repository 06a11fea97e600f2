import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { ClaimWorkflowState, taskStateFunctions } from '../../lib/claim-workflow.ts';
import { synthesizeWorkflowDefinition } from '../../local/workflow-definition.ts';

describe('Function: synthesizeWorkflowDefinition', () => {
  const workflow = synthesizeWorkflowDefinition();

  it('returns the deployed definition with every function ARN resolved to a local stand-in', () => {
    // Act
    const text = JSON.stringify(workflow.definition);

    // Assess
    expect(text).not.toMatch(/Fn::|Ref"/);
    expect(workflow.functionArns).toEqual({
      validate: 'arn:aws:lambda:us-east-1:123456789012:function:phone-number-claimer-validate',
      search: 'arn:aws:lambda:us-east-1:123456789012:function:phone-number-claimer-search',
      claim: 'arn:aws:lambda:us-east-1:123456789012:function:phone-number-claimer-claim',
      publish: 'arn:aws:lambda:us-east-1:123456789012:function:phone-number-claimer-publish',
    });
    expect(Object.keys(workflow.definition.States).sort()).toEqual(Object.values(ClaimWorkflowState).sort());
  });

  it('reads which Lambda each Task invokes from the definition itself', () => {
    expect(workflow.taskFunctions).toEqual(taskStateFunctions);
  });

  it('is valid Amazon States Language with the deployed timeouts', () => {
    // Act
    const { isValid, errorsText } = aslValidator(workflow.definition);
    const taskTimeouts = Object.values(workflow.definition.States).map((state) =>
      state.Type === 'Task' ? state.TimeoutSeconds : undefined,
    );

    // Assess
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
    expect(taskTimeouts.filter((timeout) => timeout !== undefined).sort()).toEqual([130, 70, 70, 70].sort());
    expect(workflow.definition.TimeoutSeconds).toBe(1500);
  });

  it('uses the region and account it is given', () => {
    // Act
    const other = synthesizeWorkflowDefinition({ region: 'eu-west-2', account: '210987654321' });

    // Assess
    expect(other.functionArns.claim).toBe(
      'arn:aws:lambda:eu-west-2:210987654321:function:phone-number-claimer-claim',
    );
  });

  it('is stable: the definition matches its snapshot', () => {
    expect(workflow.definition).toMatchSnapshot();
  });
});
