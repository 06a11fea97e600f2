import { MAX_PHONE_NUMBERS } from '../lambdas/core/claim-request.ts';
import type { ScenarioReport } from './run-benchmark.ts';

/** The figures a target can bound: the numeric ones of a scenario report. */
export type TargetFigure =
  | 'ratio'
  | 'connectCallsPerClaimed'
  | 'stateTransitionsPerClaimed'
  | 'failed'
  | 'historyEvents';

export type Target = {
  readonly scenario: string;
  readonly figure: TargetFigure;
  /** The figure must be at most this. */
  readonly atMost: number;
  /** What the target means, in words. */
  readonly label: string;
};

export type TargetCheck = Target & { readonly actual: number | null; readonly met: boolean };

/** Step Functions ends an execution whose history reaches 25,000 events. */
export const HISTORY_EVENT_LIMIT = 25_000;

/** Issue 6's targets. "Room to spare" under the history limit is read as at most half of it. */
export const benchmarkTargets: readonly Target[] = [
  { scenario: 'search-100', figure: 'ratio', atMost: 1.2, label: 'makespan within 1.2 × the lower bound' },
  {
    scenario: 'search-100',
    figure: 'connectCallsPerClaimed',
    atMost: 2.5,
    label: 'at most 2.5 Connect calls per claimed number',
  },
  {
    scenario: 'search-100',
    figure: 'stateTransitionsPerClaimed',
    atMost: 8,
    label: 'at most 8 state transitions per claimed number',
  },
  {
    // Without faults, any failure can only come from throttling (or a bug): none may happen.
    scenario: 'search-100',
    figure: 'failed',
    atMost: 0,
    label: 'no throttled call turned into a failure (every number claimed)',
  },
  {
    scenario: `explicit-${MAX_PHONE_NUMBERS}`,
    figure: 'historyEvents',
    atMost: HISTORY_EVENT_LIMIT / 2,
    label: `history well under the ${HISTORY_EVENT_LIMIT.toLocaleString('en-US')}-event limit (at most half)`,
  },
  {
    scenario: 'search-100-faults',
    figure: 'historyEvents',
    atMost: HISTORY_EVENT_LIMIT / 2,
    label: `history well under the ${HISTORY_EVENT_LIMIT.toLocaleString('en-US')}-event limit (at most half)`,
  },
];

/**
 * Checks the targets of the scenarios that ran. A figure that could not be computed (null: nothing was
 * claimed) misses its target.
 */
export function checkTargets(
  reports: readonly ScenarioReport[],
  targets: readonly Target[] = benchmarkTargets,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const target of targets) {
    const report = reports.find((candidate) => candidate.name === target.scenario);
    if (report === undefined) continue;
    const actual = report[target.figure];
    checks.push({ ...target, actual, met: actual !== null && actual <= target.atMost });
  }
  return checks;
}
