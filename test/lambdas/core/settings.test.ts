import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lambdas/core/errors.ts';
import {
  defaultSettings,
  resolveSettings,
  settingsFromEnvironment,
  settingsToEnvironment,
} from '../../../lambdas/core/settings.ts';

describe('Constant: defaultSettings', () => {
  it("holds the documented defaults: 15 minutes, 25 s slices, Connect's 2/s burst 5", () => {
    // Assess
    expect(defaultSettings).toMatchObject({
      deadlineSeconds: 900,
      sliceSeconds: 25,
      eventBusName: 'default',
      rates: {
        search: { ratePerSecond: 2, burst: 5 },
        claim: { ratePerSecond: 2, burst: 5 },
        describe: { ratePerSecond: 2, burst: 5 },
        list: { ratePerSecond: 2, burst: 5 },
      },
      checkScheduleSeconds: [15, 10, 10, 20, 30, 60],
    });
  });
});

describe('Function: resolveSettings', () => {
  it('fills the optional tunables with their defaults', () => {
    // Prepare
    const { deadlineSeconds, sliceSeconds, rates, eventBusName } = defaultSettings;

    // Act
    const resolved = resolveSettings({
      deadlineSeconds,
      sliceSeconds,
      rates,
      eventBusName: `${eventBusName}-x`,
    });

    // Assess
    expect(resolved).toEqual({ ...defaultSettings, eventBusName: 'default-x' });
  });

  it.each([
    [{ deadlineSeconds: 0 }, 'deadlineSeconds'],
    [{ sliceSeconds: 900 }, 'sliceSeconds'],
    [{ eventBusName: '' }, 'eventBusName'],
    [{ checkScheduleSeconds: [] }, 'checkScheduleSeconds'],
    [{ checkScheduleSeconds: [15, -1] }, 'checkScheduleSeconds[1]'],
    [{ rates: { ...defaultSettings.rates, claim: { ratePerSecond: 2, burst: 0 } } }, 'rates.claim.burst'],
    [{ maxSearchRounds: 0 }, 'maxSearchRounds'],
  ])('rejects %j, naming the setting', (change, setting) => {
    // Act & Assess
    expect(() => resolveSettings({ ...defaultSettings, ...change })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', variable: setting }),
    );
  });
});

describe('Function: settingsFromEnvironment', () => {
  it('gives the defaults for an empty environment', () => {
    // Act & Assess
    expect(settingsFromEnvironment({})).toEqual(defaultSettings);
  });

  it('reads every documented variable', () => {
    // Act
    const settings = settingsFromEnvironment({
      CLAIM_DEADLINE_SECONDS: '600',
      CLAIM_SLICE_SECONDS: '20',
      EVENT_BUS_NAME: 'claims',
      CONNECT_SEARCH_RATE: '1/2',
      CONNECT_CLAIM_RATE: '4 / 10',
      CONNECT_DESCRIBE_RATE: '0.5/1',
      CONNECT_LIST_RATE: '2/5',
      CLAIM_CHECK_SCHEDULE_SECONDS: '5, 5, 30',
      CLAIM_CHECK_RETRY_SECONDS: '3',
      CLAIM_RETRY_BASE_SECONDS: '2',
      CLAIM_RETRY_MAX_SECONDS: '20',
      MAX_SEARCH_ROUNDS: '3',
      MAX_REPLACEMENTS_PER_SLOT: '0',
    });

    // Assess
    expect(settings).toEqual({
      deadlineSeconds: 600,
      sliceSeconds: 20,
      eventBusName: 'claims',
      rates: {
        search: { ratePerSecond: 1, burst: 2 },
        claim: { ratePerSecond: 4, burst: 10 },
        describe: { ratePerSecond: 0.5, burst: 1 },
        list: { ratePerSecond: 2, burst: 5 },
      },
      checkScheduleSeconds: [5, 5, 30],
      checkRetrySeconds: 3,
      claimRetry: { baseSeconds: 2, maxSeconds: 20 },
      maxSearchRounds: 3,
      maxReplacementsPerSlot: 0,
    });
  });

  it.each([
    ['CLAIM_DEADLINE_SECONDS', 'soon', /must be a number/],
    ['CLAIM_DEADLINE_SECONDS', '-5', /positive/],
    ['CLAIM_SLICE_SECONDS', '0', /positive/],
    ['CONNECT_CLAIM_RATE', '2', /<requests per second>\/<burst>/],
    ['CONNECT_DESCRIBE_RATE', '2/0', /burst|at least 1/],
    ['CLAIM_CHECK_SCHEDULE_SECONDS', '15,,10', /must be a number/],
    ['MAX_SEARCH_ROUNDS', '2.5', /whole number/],
  ])('rejects %s=%s with an error naming the variable', (variable, value, rule) => {
    // Act
    let thrown: unknown;
    try {
      settingsFromEnvironment({ [variable]: value });
    } catch (error: unknown) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).variable).toBe(variable);
    expect((thrown as ConfigurationError).message).toMatch(new RegExp(`^${variable}: `));
    expect((thrown as ConfigurationError).message).toMatch(rule);
  });
});

describe('Function: settingsToEnvironment', () => {
  it('gives back the same settings through settingsFromEnvironment', () => {
    // Prepare
    const settings = {
      ...defaultSettings,
      deadlineSeconds: 300,
      rates: { ...defaultSettings.rates, claim: { ratePerSecond: 5, burst: 10 } },
      checkScheduleSeconds: [2, 4],
    };

    // Act & Assess
    expect(settingsFromEnvironment(settingsToEnvironment(settings))).toEqual(settings);
  });
});
