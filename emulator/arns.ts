import type { EmulatorConfig } from './config.ts';
import { ResourceNotFoundError } from './errors.ts';

/** Where numbers are claimed: an instance or a traffic distribution group, by ARN. */
export type ClaimTarget = {
  readonly kind: 'instance' | 'traffic-distribution-group';
  readonly id: string;
  readonly arn: string;
  /**
   * The instance a number claimed here reports as `InstanceId`. For a traffic distribution group Connect
   * reports the group's home instance; the emulator has no such link and uses its first instance.
   */
  readonly instanceId: string;
};

/** The format check of a TargetArn member; whether the resource exists is decided by `resolveTarget`. */
export const TARGET_ARN_PATTERN =
  /^arn:aws[a-z-]*:connect:([a-z0-9-]+):(\d{12}):(instance|traffic-distribution-group)\/([A-Za-z0-9_-]{1,100})$/;

const PHONE_NUMBER_ARN_PATTERN = /^arn:aws[a-z-]*:connect:([a-z0-9-]+):(\d{12}):phone-number\/(.+)$/;

function arn(config: EmulatorConfig, resource: string): string {
  return `arn:aws:connect:${config.region}:${config.accountId}:${resource}`;
}

export const instanceArn = (config: EmulatorConfig, id: string): string => arn(config, `instance/${id}`);
export const trafficDistributionGroupArn = (config: EmulatorConfig, id: string): string =>
  arn(config, `traffic-distribution-group/${id}`);
export const phoneNumberArn = (config: EmulatorConfig, id: string): string =>
  arn(config, `phone-number/${id}`);

function firstInstance(config: EmulatorConfig): string {
  const id = config.instances[0];
  if (id === undefined) throw new RangeError('the emulator config lists no instance');
  return id;
}

/** Resolves the InstanceId or TargetArn member of a request; unknown resources are 404. */
export function resolveTarget(
  config: EmulatorConfig,
  member: { readonly InstanceId: string } | { readonly TargetArn: string },
): ClaimTarget {
  if ('InstanceId' in member) {
    const id = member.InstanceId;
    if (!config.instances.includes(id)) {
      throw new ResourceNotFoundError(
        `InstanceId: no Amazon Connect instance ${id} in ${config.region} for account ${config.accountId}`,
      );
    }
    return { kind: 'instance', id, arn: instanceArn(config, id), instanceId: id };
  }
  const [, region, account, kind, id] = TARGET_ARN_PATTERN.exec(member.TargetArn) ?? [];
  const known =
    region === config.region &&
    account === config.accountId &&
    id !== undefined &&
    (kind === 'instance' ? config.instances : config.trafficDistributionGroups).includes(id);
  if (!known || id === undefined) {
    throw new ResourceNotFoundError(
      `TargetArn: no instance or traffic distribution group ${member.TargetArn} in ${config.region} for account ${config.accountId}`,
    );
  }
  return kind === 'instance'
    ? { kind, id, arn: instanceArn(config, id), instanceId: id }
    : { kind: 'traffic-distribution-group', id, arn: member.TargetArn, instanceId: firstInstance(config) };
}

/**
 * The phone-number id of a path label: the id itself or the number's full ARN. An ARN of another Region
 * or account yields `undefined` (the caller answers 404, as Connect does for a number it does not hold).
 */
export function phoneNumberIdOf(config: EmulatorConfig, label: string): string | undefined {
  if (!label.startsWith('arn:')) return label;
  const [, region, account, id] = PHONE_NUMBER_ARN_PATTERN.exec(label) ?? [];
  return region === config.region && account === config.accountId ? id : undefined;
}
