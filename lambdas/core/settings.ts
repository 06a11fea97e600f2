/**
 * The workflow's tunables: defaults, and the environment variables a deployed Lambda reads them from.
 *
 * | variable                        | setting                 | format                         |
 * |---------------------------------|-------------------------|--------------------------------|
 * | CLAIM_DEADLINE_SECONDS          | deadlineSeconds         | seconds                        |
 * | CLAIM_SLICE_SECONDS             | sliceSeconds            | seconds                        |
 * | EVENT_BUS_NAME                  | eventBusName            | name or ARN                    |
 * | CONNECT_SEARCH_RATE             | rates.search            | `<per second>/<burst>`, e.g. `2/5` |
 * | CONNECT_CLAIM_RATE              | rates.claim             | same                           |
 * | CONNECT_DESCRIBE_RATE           | rates.describe          | same                           |
 * | CONNECT_LIST_RATE               | rates.list              | same                           |
 * | CLAIM_CHECK_SCHEDULE_SECONDS    | checkScheduleSeconds    | comma-separated seconds        |
 * | CLAIM_CHECK_RETRY_SECONDS       | checkRetrySeconds       | seconds                        |
 * | CLAIM_RETRY_BASE_SECONDS        | claimRetry.baseSeconds  | seconds                        |
 * | CLAIM_RETRY_MAX_SECONDS         | claimRetry.maxSeconds   | seconds                        |
 * | MAX_SEARCH_ROUNDS               | maxSearchRounds         | whole number                   |
 * | MAX_REPLACEMENTS_PER_SLOT       | maxReplacementsPerSlot  | whole number                   |
 *
 * An unset variable keeps the default; an invalid one stops the Lambda with an error naming it.
 */
import type { RateLimit, WorkflowSettings } from './dependencies.ts';
import { ConfigurationError } from './errors.ts';

/** Settings with every optional tunable filled in. */
export type ResolvedSettings = Required<WorkflowSettings>;

const connectDefaultRate: RateLimit = { ratePerSecond: 2, burst: 5 };

export const defaultSettings: ResolvedSettings = {
  deadlineSeconds: 900,
  sliceSeconds: 25,
  rates: {
    search: connectDefaultRate,
    claim: connectDefaultRate,
    describe: connectDefaultRate,
    list: connectDefaultRate,
  },
  eventBusName: 'default',
  // Connect's claim latency is seconds to minutes: a first look after 15 s settles most claims in one call.
  checkScheduleSeconds: [15, 10, 10, 20, 30, 60],
  checkRetrySeconds: 5,
  claimRetry: { baseSeconds: 1, maxSeconds: 30 },
  maxSearchRounds: 5,
  maxReplacementsPerSlot: 5,
};

/** The longest a Lambda may run: a slice must leave it room to finish its last calls. */
const MAX_SLICE_SECONDS = 840;

type Operation = keyof WorkflowSettings['rates'];
const RATE_VARIABLES: Record<Operation, string> = {
  search: 'CONNECT_SEARCH_RATE',
  claim: 'CONNECT_CLAIM_RATE',
  describe: 'CONNECT_DESCRIBE_RATE',
  list: 'CONNECT_LIST_RATE',
};

/** Fills in defaults and checks every value, naming the setting at fault. */
export function resolveSettings(settings: WorkflowSettings): ResolvedSettings {
  const resolved: ResolvedSettings = {
    deadlineSeconds: settings.deadlineSeconds,
    sliceSeconds: settings.sliceSeconds,
    rates: settings.rates,
    eventBusName: settings.eventBusName,
    checkScheduleSeconds: settings.checkScheduleSeconds ?? defaultSettings.checkScheduleSeconds,
    checkRetrySeconds: settings.checkRetrySeconds ?? defaultSettings.checkRetrySeconds,
    claimRetry: settings.claimRetry ?? defaultSettings.claimRetry,
    maxSearchRounds: settings.maxSearchRounds ?? defaultSettings.maxSearchRounds,
    maxReplacementsPerSlot: settings.maxReplacementsPerSlot ?? defaultSettings.maxReplacementsPerSlot,
  };
  positive('deadlineSeconds', resolved.deadlineSeconds);
  positive('sliceSeconds', resolved.sliceSeconds);
  if (resolved.sliceSeconds > MAX_SLICE_SECONDS) {
    throw new ConfigurationError(
      'sliceSeconds',
      `must be at most ${MAX_SLICE_SECONDS}, got ${resolved.sliceSeconds}`,
    );
  }
  for (const operation of Object.keys(RATE_VARIABLES) as Operation[]) {
    const rate = resolved.rates[operation];
    positive(`rates.${operation}.ratePerSecond`, rate?.ratePerSecond);
    wholeAtLeast(`rates.${operation}.burst`, rate?.burst, 1);
  }
  if (typeof resolved.eventBusName !== 'string' || resolved.eventBusName === '') {
    throw new ConfigurationError('eventBusName', 'must be a non-empty string');
  }
  if (!Array.isArray(resolved.checkScheduleSeconds) || resolved.checkScheduleSeconds.length === 0) {
    throw new ConfigurationError('checkScheduleSeconds', 'must hold at least one delay');
  }
  for (const [index, delay] of resolved.checkScheduleSeconds.entries()) {
    positive(`checkScheduleSeconds[${index}]`, delay);
  }
  positive('checkRetrySeconds', resolved.checkRetrySeconds);
  positive('claimRetry.baseSeconds', resolved.claimRetry.baseSeconds);
  positive('claimRetry.maxSeconds', resolved.claimRetry.maxSeconds);
  wholeAtLeast('maxSearchRounds', resolved.maxSearchRounds, 1);
  wholeAtLeast('maxReplacementsPerSlot', resolved.maxReplacementsPerSlot, 0);
  return resolved;
}

/** Settings from the Lambda's environment; unset variables keep their defaults. */
export function settingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): ResolvedSettings {
  const read = (variable: string) => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const seconds = (variable: string, fallback: number) => {
    const value = read(variable);
    return value === undefined ? fallback : parseNumber(variable, value);
  };
  const rate = (operation: Operation): RateLimit => {
    const variable = RATE_VARIABLES[operation];
    const value = read(variable);
    return value === undefined ? defaultSettings.rates[operation] : parseRate(variable, value);
  };
  const schedule = read('CLAIM_CHECK_SCHEDULE_SECONDS');

  const settings: WorkflowSettings = {
    deadlineSeconds: seconds('CLAIM_DEADLINE_SECONDS', defaultSettings.deadlineSeconds),
    sliceSeconds: seconds('CLAIM_SLICE_SECONDS', defaultSettings.sliceSeconds),
    eventBusName: read('EVENT_BUS_NAME') ?? defaultSettings.eventBusName,
    rates: { search: rate('search'), claim: rate('claim'), describe: rate('describe'), list: rate('list') },
    checkScheduleSeconds:
      schedule === undefined
        ? defaultSettings.checkScheduleSeconds
        : schedule.split(',').map((part) => parseNumber('CLAIM_CHECK_SCHEDULE_SECONDS', part.trim())),
    checkRetrySeconds: seconds('CLAIM_CHECK_RETRY_SECONDS', defaultSettings.checkRetrySeconds),
    claimRetry: {
      baseSeconds: seconds('CLAIM_RETRY_BASE_SECONDS', defaultSettings.claimRetry.baseSeconds),
      maxSeconds: seconds('CLAIM_RETRY_MAX_SECONDS', defaultSettings.claimRetry.maxSeconds),
    },
    maxSearchRounds: seconds('MAX_SEARCH_ROUNDS', defaultSettings.maxSearchRounds),
    maxReplacementsPerSlot: seconds('MAX_REPLACEMENTS_PER_SLOT', defaultSettings.maxReplacementsPerSlot),
  };
  try {
    return resolveSettings(settings);
  } catch (error: unknown) {
    if (error instanceof ConfigurationError) {
      throw new ConfigurationError(variableOf(error.variable), error.rule, { cause: error });
    }
    throw error;
  }
}

/** The environment that makes `settingsFromEnvironment` return these settings: what the stack sets. */
export function settingsToEnvironment(settings: WorkflowSettings): Record<string, string> {
  const resolved = resolveSettings(settings);
  const rate = (limit: RateLimit) => `${limit.ratePerSecond}/${limit.burst}`;
  return {
    CLAIM_DEADLINE_SECONDS: String(resolved.deadlineSeconds),
    CLAIM_SLICE_SECONDS: String(resolved.sliceSeconds),
    EVENT_BUS_NAME: resolved.eventBusName,
    CONNECT_SEARCH_RATE: rate(resolved.rates.search),
    CONNECT_CLAIM_RATE: rate(resolved.rates.claim),
    CONNECT_DESCRIBE_RATE: rate(resolved.rates.describe),
    CONNECT_LIST_RATE: rate(resolved.rates.list),
    CLAIM_CHECK_SCHEDULE_SECONDS: resolved.checkScheduleSeconds.join(','),
    CLAIM_CHECK_RETRY_SECONDS: String(resolved.checkRetrySeconds),
    CLAIM_RETRY_BASE_SECONDS: String(resolved.claimRetry.baseSeconds),
    CLAIM_RETRY_MAX_SECONDS: String(resolved.claimRetry.maxSeconds),
    MAX_SEARCH_ROUNDS: String(resolved.maxSearchRounds),
    MAX_REPLACEMENTS_PER_SLOT: String(resolved.maxReplacementsPerSlot),
  };
}

const SETTING_VARIABLES: Record<string, string> = {
  deadlineSeconds: 'CLAIM_DEADLINE_SECONDS',
  sliceSeconds: 'CLAIM_SLICE_SECONDS',
  eventBusName: 'EVENT_BUS_NAME',
  checkRetrySeconds: 'CLAIM_CHECK_RETRY_SECONDS',
  'claimRetry.baseSeconds': 'CLAIM_RETRY_BASE_SECONDS',
  'claimRetry.maxSeconds': 'CLAIM_RETRY_MAX_SECONDS',
  maxSearchRounds: 'MAX_SEARCH_ROUNDS',
  maxReplacementsPerSlot: 'MAX_REPLACEMENTS_PER_SLOT',
};

function variableOf(setting: string): string {
  if (setting.startsWith('checkScheduleSeconds')) return 'CLAIM_CHECK_SCHEDULE_SECONDS';
  const operation = /^rates\.(\w+)\./.exec(setting)?.[1] as Operation | undefined;
  if (operation && operation in RATE_VARIABLES) return RATE_VARIABLES[operation];
  return SETTING_VARIABLES[setting] ?? setting;
}

function parseNumber(variable: string, text: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new ConfigurationError(variable, `must be a number, got '${text}'`);
  }
  return value;
}

function parseRate(variable: string, text: string): RateLimit {
  const match = /^([0-9.]+)\s*\/\s*([0-9]+)$/.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new ConfigurationError(
      variable,
      `must be '<requests per second>/<burst>' (e.g. 2/5), got '${text}'`,
    );
  }
  return { ratePerSecond: parseNumber(variable, match[1]), burst: parseNumber(variable, match[2]) };
}

function positive(setting: string, value: number | undefined): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(setting, `must be a positive number, got ${value}`);
  }
}

function wholeAtLeast(setting: string, value: number | undefined, minimum: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new ConfigurationError(setting, `must be a whole number of at least ${minimum}, got ${value}`);
  }
}
