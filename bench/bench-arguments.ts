import { parseArgs } from 'node:util';
import { DEFAULT_TIME_SCALE } from './run-benchmark.ts';
import type { BenchmarkScenario } from './scenarios.ts';

export type BenchArguments = {
  readonly help: boolean;
  readonly json: boolean;
  readonly timeScale: number;
  /** The scenarios to run, in the benchmark's order. */
  readonly scenarios: readonly BenchmarkScenario[];
};

/** A command line the benchmark cannot run; the message names the option and the rule. */
export class BenchUsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchUsageError';
  }
}

/** Above this, in-process overhead (a few wall ms per state) turns into seconds of simulated makespan. */
export const MAX_TIME_SCALE = 200;

export function benchUsage(scenarios: readonly BenchmarkScenario[]): string {
  return `Usage: npm run bench -- [options]

Runs the claim workflow offline on fixed scenarios against the Connect emulator (Connect's default
throttle, claim latency uniform over 2–20 simulated seconds) and reports makespan against its lower
bound, Connect calls, state transitions, Lambda invocations and estimated AWS cost per claimed number.

Options
  --json               print only one JSON object {"scenarios": [...], ...} on stdout; progress goes to stderr
  --scenario NAME      run only this scenario (repeatable); one of: ${scenarios.map((s) => s.name).join(', ')}
  --time-scale N       simulated seconds per wall-clock second, 1–${MAX_TIME_SCALE} (default ${DEFAULT_TIME_SCALE})
  -h, --help           show this help
`;
}

export function parseBenchArguments(
  args: readonly string[],
  scenarios: readonly BenchmarkScenario[],
): BenchArguments {
  let values: { help?: boolean; json?: boolean; scenario?: string[]; 'time-scale'?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        scenario: { type: 'string', multiple: true },
        'time-scale': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BenchUsageError(message, { cause: error });
  }

  let timeScale = DEFAULT_TIME_SCALE;
  const scaleText = values['time-scale'];
  if (scaleText !== undefined) {
    timeScale = Number(scaleText);
    if (
      scaleText.trim() === '' ||
      !Number.isFinite(timeScale) ||
      timeScale < 1 ||
      timeScale > MAX_TIME_SCALE
    ) {
      throw new BenchUsageError(
        `--time-scale must be a number from 1 to ${MAX_TIME_SCALE}, got '${scaleText}'`,
      );
    }
  }

  const wanted = values.scenario ?? [];
  for (const name of wanted) {
    if (!scenarios.some((scenario) => scenario.name === name)) {
      throw new BenchUsageError(
        `--scenario must be one of ${scenarios.map((scenario) => scenario.name).join(', ')}; got '${name}'`,
      );
    }
  }
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    timeScale,
    scenarios:
      wanted.length === 0 ? scenarios : scenarios.filter((scenario) => wanted.includes(scenario.name)),
  };
}
