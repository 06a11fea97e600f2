import { Duration } from 'aws-cdk-lib';
import { DEMO_INSTANCE_ID } from '../emulator/config.ts';
import type { PhoneNumberClaimerStackProps } from './phone-number-claimer-stack.ts';

/** Context keys `cdk deploy -c key=value` sets (also readable from cdk.json or cdk.context.json). */
export const ContextKey = {
  instanceIds: 'instanceIds',
  trafficDistributionGroupIds: 'trafficDistributionGroupIds',
  claimDeadlineMinutes: 'claimDeadlineMinutes',
  eventBusName: 'eventBusName',
} as const;

export class DeploymentContextError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeploymentContextError';
  }
}

export type DeploymentSettings = {
  readonly props: Pick<
    PhoneNumberClaimerStackProps,
    'instanceIds' | 'trafficDistributionGroupIds' | 'claimDeadline' | 'eventBusName'
  >;
  /** Set when no target was given and the demo instance stands in: worth a warning. */
  readonly usesDemoTarget: boolean;
};

/**
 * Reads the stack's settings from CDK context. Lists are comma-separated strings (`-c instanceIds=a,b`)
 * or JSON arrays (in cdk.json). Without any target the stack is built for the emulator's demo instance,
 * so that `cdk synth` works offline and in CI; deploying that would claim nothing useful, hence the warning.
 */
export function deploymentSettingsFromContext(tryGetContext: (key: string) => unknown): DeploymentSettings {
  const instanceIds = readList(ContextKey.instanceIds, tryGetContext(ContextKey.instanceIds));
  const trafficDistributionGroupIds = readList(
    ContextKey.trafficDistributionGroupIds,
    tryGetContext(ContextKey.trafficDistributionGroupIds),
  );
  const minutes = readNumber(ContextKey.claimDeadlineMinutes, tryGetContext(ContextKey.claimDeadlineMinutes));
  const eventBusName = tryGetContext(ContextKey.eventBusName);
  if (eventBusName !== undefined && (typeof eventBusName !== 'string' || eventBusName.trim() === '')) {
    throw new DeploymentContextError(`context ${ContextKey.eventBusName} must be a bus name`);
  }
  const usesDemoTarget = instanceIds.length + trafficDistributionGroupIds.length === 0;
  return {
    props: {
      instanceIds: usesDemoTarget ? [DEMO_INSTANCE_ID] : instanceIds,
      trafficDistributionGroupIds,
      ...(minutes !== undefined && { claimDeadline: Duration.minutes(minutes) }),
      ...(typeof eventBusName === 'string' && { eventBusName: eventBusName.trim() }),
    },
    usesDemoTarget,
  };
}

function readList(key: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.map((item) => item.trim()).filter((item) => item !== '');
  }
  if (typeof value !== 'string') {
    throw new DeploymentContextError(
      `context ${key} must be a comma-separated string or a JSON array of ids`,
    );
  }
  const text = value.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error: unknown) {
      throw new DeploymentContextError(`context ${key} looks like a JSON array but does not parse`, {
        cause: error,
      });
    }
    if (!Array.isArray(parsed))
      throw new DeploymentContextError(`context ${key} must be a JSON array of ids`);
    return readList(key, parsed);
  }
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readNumber(key: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(number) || number <= 0) {
    throw new DeploymentContextError(
      `context ${key} must be a positive number of minutes, got '${String(value)}'`,
    );
  }
  return number;
}
