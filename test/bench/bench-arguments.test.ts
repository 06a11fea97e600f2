import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArguments } from '../../bench/bench-arguments.ts';
import { DEFAULT_TIME_SCALE } from '../../bench/run-benchmark.ts';
import type { BenchmarkScenario } from '../../bench/scenarios.ts';

const scenarios: BenchmarkScenario[] = [
  { name: 'one', description: '1', request: { kind: 'search', quantity: 1 } },
  { name: 'two', description: '2', request: { kind: 'explicit', count: 2 } },
];

describe('Function: parseBenchArguments', () => {
  it('runs every scenario at the default scale without options', () => {
    // Act
    const parsed = parseBenchArguments([], scenarios);

    // Assess
    expect(parsed).toEqual({ help: false, json: false, timeScale: DEFAULT_TIME_SCALE, scenarios });
  });

  it('keeps the chosen scenarios in the benchmark’s order', () => {
    // Act
    const parsed = parseBenchArguments(
      ['--json', '--scenario', 'two', '--scenario', 'one', '--time-scale', '10'],
      scenarios,
    );

    // Assess
    expect(parsed.json).toBe(true);
    expect(parsed.timeScale).toBe(10);
    expect(parsed.scenarios.map((scenario) => scenario.name)).toEqual(['one', 'two']);
  });

  it.each([
    [['--scenario', 'three'], /--scenario must be one of one, two; got 'three'/],
    [['--time-scale', '0'], /--time-scale must be a number from 1 to 200, got '0'/],
    [['--time-scale', 'fast'], /--time-scale must be a number/],
    [['--colour'], /colour/],
    [['extra'], /extra/],
  ])('rejects %j naming the option and the rule', (args, message) => {
    // Act
    const act = () => parseBenchArguments(args, scenarios);

    // Assess
    expect(act).toThrow(BenchUsageError);
    expect(act).toThrow(message);
  });
});
