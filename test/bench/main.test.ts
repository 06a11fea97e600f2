import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/main.ts';
import type { BenchmarkScenario } from '../../bench/scenarios.ts';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (text: string) => (out.stdout += text), stderr: (text: string) => (out.stderr += text) },
  };
}

const smoke: BenchmarkScenario = {
  name: 'smoke-3',
  description: '3 numbers from the inventory, listed explicitly',
  request: { kind: 'explicit', count: 3 },
};

describe('Function: runBench', () => {
  it('runs a scenario on the emulator and prints only one JSON object with its figures', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const status = await runBench(['--json', '--time-scale', '50'], io, [smoke]);

    // Assess
    expect(status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.scenarios).toHaveLength(1);
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({
      name: 'smoke-3',
      requested: 3,
      claimed: 3,
      failed: 0,
      lowerBoundSeconds: 20,
    });
    expect(scenario.makespanSeconds).toBeGreaterThan(0);
    expect(scenario.ratio).toBeCloseTo(scenario.makespanSeconds / 20, 10);
    // Each number is claimed once and checked at least once; nothing is searched by the workflow.
    expect(scenario.connectCallsPerClaimedByOperation.ClaimPhoneNumber).toBeGreaterThanOrEqual(1);
    expect(scenario.connectCallsPerClaimedByOperation.DescribePhoneNumber).toBeGreaterThanOrEqual(1);
    expect(scenario.connectCallsPerClaimedByOperation.SearchAvailablePhoneNumbers).toBeUndefined();
    expect(scenario.statesEntered).toMatchObject({ ValidateRequest: 1, PublishResults: 1 });
    expect(scenario.lambdaInvocations).toBeGreaterThanOrEqual(3);
    expect(scenario.stateTransitions).toBeGreaterThan(scenario.lambdaInvocations);
    expect(scenario.historyEvents).toBeGreaterThan(scenario.stateTransitions);
    expect(scenario.costPer1000ClaimedUsd).toBeGreaterThan(0);
    expect(report.conditions.timeScale).toBe(50);
    expect(report.prices.stepFunctionsStandardPerTransitionUsd).toBe(0.025 / 1000);
    expect(out.stderr).toContain('smoke-3');
  });

  it('prints the usage for --help without running anything', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const status = await runBench(['--help'], io, [smoke]);

    // Assess
    expect(status).toBe(0);
    expect(out.stdout).toContain('Usage: npm run bench');
    expect(out.stdout).toContain('smoke-3');
  });

  it('answers a bad option with exit status 2 and a message naming it', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const status = await runBench(['--time-scale', '0.5'], io, [smoke]);

    // Assess
    expect(status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain("--time-scale must be a number from 1 to 200, got '0.5'");
  });
});
