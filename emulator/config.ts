import { z } from 'zod';
import { EmulatorConfigError } from './errors.ts';

/** How the emulator behaves (SPEC section 5). Every figure of time is in simulated seconds or days. */
export type EmulatorConfig = {
  readonly region: string;
  readonly accountId: string;
  readonly instances: readonly string[];
  readonly trafficDistributionGroups: readonly string[];
  readonly seed: number;
  readonly phoneNumberQuota: number;
  readonly claimLatencySeconds: { readonly min: number; readonly max: number };
  readonly claimFailureRate: number;
  readonly contentionRate: number;
  readonly internalErrorRate: number;
  readonly dropResponseRate: number;
  readonly throttle: { readonly ratePerSecond: number; readonly burst: number };
  readonly releaseCooldownDays: number;
  readonly churnWindowDays: number;
  readonly timeScale: number;
};

/** A config file, `PUT /_emulator/config` body or `configure()` patch: every key, nested ones too, optional. */
export type EmulatorConfigInput = Partial<Omit<EmulatorConfig, 'claimLatencySeconds' | 'throttle'>> & {
  readonly claimLatencySeconds?: Partial<EmulatorConfig['claimLatencySeconds']>;
  readonly throttle?: Partial<EmulatorConfig['throttle']>;
};

export const DEMO_INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
export const DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID = '66666666-7777-4888-8999-000000000000';

export const DEFAULT_EMULATOR_CONFIG: EmulatorConfig = {
  region: 'us-east-1',
  accountId: '123456789012',
  instances: [DEMO_INSTANCE_ID],
  trafficDistributionGroups: [DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID],
  seed: 1,
  phoneNumberQuota: 100,
  claimLatencySeconds: { min: 2, max: 20 },
  claimFailureRate: 0,
  contentionRate: 0,
  internalErrorRate: 0,
  dropResponseRate: 0,
  throttle: { ratePerSecond: 2, burst: 5 },
  releaseCooldownDays: 180,
  churnWindowDays: 180,
  timeScale: 1,
};

const rate = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' });
const nonNegative = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be at least 0' })
  .refine(Number.isFinite, { error: 'must be finite' });
const resourceId = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be 1-100 characters of A-Z a-z 0-9 _ -' });

const inputSchema = z.strictObject(
  {
    region: z
      .string({ error: 'must be a string' })
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS Region name such as us-east-1' }),
    accountId: z.string({ error: 'must be a string' }).regex(/^\d{12}$/, { error: 'must be 12 digits' }),
    instances: z
      .array(resourceId, { error: 'must be an array of instance ids' })
      .min(1, { error: 'must list at least one instance' })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' }),
    trafficDistributionGroups: z
      .array(resourceId, { error: 'must be an array of traffic distribution group ids' })
      .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' }),
    seed: z.int({ error: 'must be an integer' }),
    phoneNumberQuota: z.int({ error: 'must be an integer' }).min(0, { error: 'must be at least 0' }),
    claimLatencySeconds: z.strictObject(
      { min: nonNegative, max: nonNegative },
      { error: 'must be an object { min, max }' },
    ),
    claimFailureRate: rate,
    contentionRate: rate,
    internalErrorRate: rate,
    dropResponseRate: rate,
    throttle: z.strictObject(
      {
        ratePerSecond: z
          .number({ error: 'must be a number' })
          .positive({ error: 'must be greater than 0' })
          .refine(Number.isFinite, { error: 'must be finite' }),
        burst: z.int({ error: 'must be an integer' }).min(1, { error: 'must be at least 1' }),
      },
      { error: 'must be an object { ratePerSecond, burst }' },
    ),
    releaseCooldownDays: nonNegative,
    churnWindowDays: nonNegative,
    timeScale: nonNegative.max(1_000_000, { error: 'must be at most 1000000' }),
  },
  { error: 'must be a JSON object' },
);

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.join('.') || '(config)';
    if (issue.code === 'unrecognized_keys') {
      return `${issue.keys.map((k) => [...issue.path, k].join('.')).join(', ')}: unknown key`;
    }
    return `${key}: ${issue.message}`;
  });
}

/** Validates a partial config (file, PUT body or patch) without applying defaults. */
export function parseEmulatorConfigInput(json: unknown): EmulatorConfigInput {
  const parsed = inputSchema.partial().extend({
    claimLatencySeconds: inputSchema.shape.claimLatencySeconds.partial().optional(),
    throttle: inputSchema.shape.throttle.partial().optional(),
  });
  const result = parsed.safeParse(json);
  if (!result.success) throw new EmulatorConfigError(problemsOf(result.error));
  return result.data;
}

/** Merges a validated patch onto a full config and checks the rules that span keys. */
export function mergeEmulatorConfig(base: EmulatorConfig, patch: EmulatorConfigInput): EmulatorConfig {
  const merged: EmulatorConfig = {
    ...base,
    ...patch,
    claimLatencySeconds: { ...base.claimLatencySeconds, ...patch.claimLatencySeconds },
    throttle: { ...base.throttle, ...patch.throttle },
  };
  if (merged.claimLatencySeconds.min > merged.claimLatencySeconds.max) {
    throw new EmulatorConfigError([
      `claimLatencySeconds: min (${merged.claimLatencySeconds.min}) must not exceed max (${merged.claimLatencySeconds.max})`,
    ]);
  }
  return merged;
}

/** A full config from JSON: validated, defaults filled in. Used by `--config`, the CLI and PUT config. */
export function parseEmulatorConfig(json: unknown): EmulatorConfig {
  return mergeEmulatorConfig(DEFAULT_EMULATOR_CONFIG, parseEmulatorConfigInput(json));
}
