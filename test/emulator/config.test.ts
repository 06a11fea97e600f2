import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMULATOR_CONFIG,
  EmulatorConfigError,
  parseEmulatorConfig,
  parseEmulatorConfigInput,
} from '../../emulator/index.ts';

describe('Function: parseEmulatorConfig', () => {
  it('fills every key left out with the SPEC defaults', () => {
    // Act
    const config = parseEmulatorConfig({ seed: 9, throttle: { burst: 10 } });

    // Assess
    expect(config).toEqual({
      ...DEFAULT_EMULATOR_CONFIG,
      seed: 9,
      throttle: { ratePerSecond: 2, burst: 10 },
    });
    expect(DEFAULT_EMULATOR_CONFIG).toMatchObject({
      region: 'us-east-1',
      accountId: '123456789012',
      instances: ['11111111-2222-4333-8444-555555555555'],
      trafficDistributionGroups: ['66666666-7777-4888-8999-000000000000'],
      phoneNumberQuota: 100,
      claimLatencySeconds: { min: 2, max: 20 },
      releaseCooldownDays: 180,
      churnWindowDays: 180,
      timeScale: 1,
    });
  });

  it.each([
    ['(config): must be a JSON object', []],
    ['region: must be an AWS Region name such as us-east-1', { region: 'Virginia' }],
    ['accountId: must be 12 digits', { accountId: '123' }],
    ['instances: must list at least one instance', { instances: [] }],
    ['instances: must not repeat an id', { instances: ['a', 'a'] }],
    ['instances.0: must be 1-100 characters', { instances: ['has space'] }],
    ['seed: must be an integer', { seed: 1.5 }],
    ['phoneNumberQuota: must be at least 0', { phoneNumberQuota: -1 }],
    ['claimLatencySeconds: min (9) must not exceed max (3)', { claimLatencySeconds: { min: 9, max: 3 } }],
    ['claimLatencySeconds.max: must be a number', { claimLatencySeconds: { max: '3' } }],
    ['claimFailureRate: must be between 0 and 1', { claimFailureRate: 1.5 }],
    ['dropResponseRate: must be a number', { dropResponseRate: null }],
    ['throttle.ratePerSecond: must be greater than 0', { throttle: { ratePerSecond: 0 } }],
    ['throttle.burst: must be at least 1', { throttle: { burst: 0 } }],
    ['throttle.extra: unknown key', { throttle: { extra: 1 } }],
    ['timeScale: must be at least 0', { timeScale: -1 }],
    ['colour: unknown key', { colour: 'blue' }],
  ])('refuses with "%s"', (message, json) => {
    // Act
    const parse = () => parseEmulatorConfig(json);

    // Assess
    expect(parse).toThrow(EmulatorConfigError);
    expect(parse).toThrow(message);
  });

  it('lists every problem at once', () => {
    // Act
    let problems: readonly string[] = [];
    try {
      parseEmulatorConfigInput({ seed: 'x', contentionRate: 3 });
    } catch (error: unknown) {
      if (error instanceof EmulatorConfigError) problems = error.problems;
    }

    // Assess
    expect(problems).toEqual(['seed: must be an integer', 'contentionRate: must be between 0 and 1']);
  });
});
