import { describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../bench/run-benchmark.ts';
import { checkTargets, type Target } from '../../bench/targets.ts';

function report(name: string, figures: Partial<ScenarioReport>): ScenarioReport {
  return {
    name,
    ratio: 1,
    connectCallsPerClaimed: 2,
    failed: 0,
    historyEvents: 100,
    ...figures,
  } as ScenarioReport;
}

const targets: Target[] = [
  { scenario: 'a', figure: 'ratio', atMost: 1.2, label: 'fast' },
  { scenario: 'a', figure: 'connectCallsPerClaimed', atMost: 2.5, label: 'frugal' },
  { scenario: 'b', figure: 'historyEvents', atMost: 1000, label: 'short history' },
];

describe('Function: checkTargets', () => {
  it('marks each target of a scenario that ran as met or missed, with the actual figure', () => {
    // Prepare
    const reports = [report('a', { ratio: 1.3, connectCallsPerClaimed: 2.5 })];

    // Act
    const checks = checkTargets(reports, targets);

    // Assess: scenario b did not run, so its target is not checked
    expect(checks.map((check) => [check.figure, check.actual, check.met])).toEqual([
      ['ratio', 1.3, false],
      ['connectCallsPerClaimed', 2.5, true],
    ]);
  });

  it('misses a target whose figure could not be computed', () => {
    // Prepare
    const reports = [report('a', { ratio: null })];

    // Act
    const [ratio] = checkTargets(reports, targets);

    // Assess
    expect(ratio?.met).toBe(false);
  });
});
