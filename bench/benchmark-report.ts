import { AWS_PRICES, type AwsPrices } from './prices.ts';
import type { ScenarioReport } from './run-benchmark.ts';
import { benchmarkConditions } from './scenarios.ts';
import type { TargetCheck } from './targets.ts';

/** Everything one benchmark run reports: the `--json` object. */
export type BenchmarkReport = {
  readonly scenarios: readonly ScenarioReport[];
  readonly targets: readonly TargetCheck[];
  readonly conditions: typeof benchmarkConditions & {
    readonly timeScale: number;
    readonly lambdaMemoryMb: Readonly<Record<string, number>>;
    readonly lowerBound: string;
    readonly lambdaDuration: string;
  };
  readonly prices: AwsPrices;
};

export function benchmarkReport(options: {
  readonly scenarios: readonly ScenarioReport[];
  readonly targets: readonly TargetCheck[];
  readonly timeScale: number;
  readonly lambdaMemoryMb: Readonly<Record<string, number>>;
}): BenchmarkReport {
  return {
    scenarios: options.scenarios,
    targets: options.targets,
    conditions: {
      ...benchmarkConditions,
      timeScale: options.timeScale,
      lambdaMemoryMb: options.lambdaMemoryMb,
      lowerBound: 'max(0, requested − burst) / ratePerSecond + claimLatencySeconds.max',
      lambdaDuration:
        'each Task attempt from entry (or retry) to exit (or failure), in simulated seconds: paced waits are real time on AWS',
    },
    prices: AWS_PRICES,
  };
}

type Row = { readonly label: string; readonly cell: (report: ScenarioReport) => string };

const fixed = (digits: number) => (value: number | null) => (value === null ? '—' : value.toFixed(digits));
/** Whole figures as they are, others to two decimals. */
const figure = (value: number | null) =>
  value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(2);
const usd = (value: number | null | undefined) => (value == null ? '—' : `$${value.toFixed(4)}`);
const perOperation = (operation: string) => (report: ScenarioReport) =>
  fixed(2)(report.connectCallsPerClaimedByOperation[operation] ?? 0);

const rows: readonly Row[] = [
  { label: 'requested', cell: (r) => String(r.requested) },
  { label: 'claimed', cell: (r) => String(r.claimed) },
  { label: 'result status', cell: (r) => r.outcome },
  { label: 'makespan (simulated s)', cell: (r) => fixed(1)(r.makespanSeconds) },
  { label: 'lower bound (s)', cell: (r) => fixed(1)(r.lowerBoundSeconds) },
  { label: 'ratio', cell: (r) => fixed(2)(r.ratio) },
  { label: 'Connect calls / claimed', cell: (r) => fixed(2)(r.connectCallsPerClaimed) },
  { label: '  SearchAvailablePhoneNumbers', cell: perOperation('SearchAvailablePhoneNumbers') },
  { label: '  ClaimPhoneNumber', cell: perOperation('ClaimPhoneNumber') },
  { label: '  DescribePhoneNumber', cell: perOperation('DescribePhoneNumber') },
  { label: '  ListPhoneNumbersV2', cell: perOperation('ListPhoneNumbersV2') },
  { label: 'state transitions / claimed', cell: (r) => fixed(2)(r.stateTransitionsPerClaimed) },
  { label: 'Lambda invocations / claimed', cell: (r) => fixed(2)(r.lambdaInvocationsPerClaimed) },
  { label: 'cost / 1,000 claimed (USD)', cell: (r) => usd(r.costPer1000ClaimedUsd) },
  {
    label: '  Step Functions transitions',
    cell: (r) => usd(r.costPer1000ClaimedUsdByItem?.stepFunctionsTransitions),
  },
  { label: '  Lambda requests', cell: (r) => usd(r.costPer1000ClaimedUsdByItem?.lambdaRequests) },
  { label: '  Lambda duration', cell: (r) => usd(r.costPer1000ClaimedUsdByItem?.lambdaDuration) },
  { label: 'history events', cell: (r) => String(r.historyEvents) },
  { label: 'throttled (429 answers)', cell: (r) => String(r.throttled) },
];

/** The readable form: one column per scenario, then the conditions, prices and targets. */
export function formatBenchmarkReport(report: BenchmarkReport): string {
  const header = ['', ...report.scenarios.map((scenario) => scenario.name)];
  const body = rows.map((row) => [row.label, ...report.scenarios.map(row.cell)]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();

  const { conditions, prices } = report;
  const memory = Object.entries(conditions.lambdaMemoryMb)
    .map(([name, mb]) => `${name} ${mb} MB`)
    .join(', ');
  const lines = [
    line(header),
    ...body.map(line),
    '',
    ...report.scenarios.map((scenario) => `${scenario.name}: ${scenario.description}`),
    '',
    `Conditions: Connect emulator, throttle ${conditions.throttle.ratePerSecond}/s burst ${conditions.throttle.burst} per operation, ` +
      `claim latency uniform ${conditions.claimLatencySeconds.min}–${conditions.claimLatencySeconds.max} simulated s, ` +
      `seed ${conditions.seed}, time scale ${conditions.timeScale}× (simulated s per wall s).`,
    `Lower bound = ${conditions.lowerBound}.`,
    `Prices (${prices.region}, no free tier): Step Functions Standard $${(prices.stepFunctionsStandardPerTransitionUsd * 1000).toFixed(3)} per 1,000 transitions; ` +
      `Lambda Arm64 $${(prices.lambdaArm64PerRequestUsd * 1e6).toFixed(2)} per 1M requests and $${prices.lambdaArm64PerGbSecondUsd} per GB-second (${memory}).`,
    `Lambda duration: ${conditions.lambdaDuration}.`,
    '',
    'Targets:',
    ...report.targets.map(
      (check) =>
        `  [${check.met ? 'PASS' : 'FAIL'}] ${check.scenario} ${check.figure} ${figure(check.actual)} ≤ ${check.atMost}: ${check.label}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
