import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEMO_INSTANCE_ID } from '../../emulator/config.ts';
import { DeploymentContextError, deploymentSettingsFromContext } from '../../lib/deployment-context.ts';

const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

describe('Function: deploymentSettingsFromContext', () => {
  it('falls back to the emulator demo instance, and says so, when no target is given', () => {
    // Act
    const settings = deploymentSettingsFromContext(contextOf({}));

    // Assess
    expect(settings).toEqual({
      props: { instanceIds: [DEMO_INSTANCE_ID], trafficDistributionGroupIds: [] },
      usesDemoTarget: true,
    });
  });

  it('reads comma-separated ids from -c and JSON arrays from cdk.json alike', () => {
    // Act
    const settings = deploymentSettingsFromContext(
      contextOf({
        instanceIds: ' 11111111-2222-4333-8444-555555555555 , aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        trafficDistributionGroupIds: '["66666666-7777-4888-8999-000000000000"]',
        claimDeadlineMinutes: '30',
        eventBusName: 'claims',
      }),
    );

    // Assess
    expect(settings.usesDemoTarget).toBe(false);
    expect(settings.props).toEqual({
      instanceIds: ['11111111-2222-4333-8444-555555555555', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'],
      trafficDistributionGroupIds: ['66666666-7777-4888-8999-000000000000'],
      claimDeadline: Duration.minutes(30),
      eventBusName: 'claims',
    });
  });

  it('accepts JSON arrays given as arrays (cdk.json context)', () => {
    const settings = deploymentSettingsFromContext(contextOf({ trafficDistributionGroupIds: ['a', 'b'] }));
    expect(settings.props.trafficDistributionGroupIds).toEqual(['a', 'b']);
    expect(settings.props.instanceIds).toEqual([]);
  });

  it.each([
    [
      { claimDeadlineMinutes: 'soon' },
      "context claimDeadlineMinutes must be a positive number of minutes, got 'soon'",
    ],
    [
      { instanceIds: '[1, 2]' },
      'context instanceIds must be a comma-separated string or a JSON array of ids',
    ],
    [{ instanceIds: '["a"' }, 'context instanceIds looks like a JSON array but does not parse'],
    [{ eventBusName: ' ' }, 'context eventBusName must be a bus name'],
  ])('rejects bad context %j with a message naming the key', (context, message) => {
    expect(() => deploymentSettingsFromContext(contextOf(context))).toThrow(
      new DeploymentContextError(message),
    );
  });
});
