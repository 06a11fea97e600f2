import { BenchUsageError, benchUsage, parseBenchArguments } from './bench-arguments.ts';
import { benchmarkReport, formatBenchmarkReport } from './benchmark-report.ts';
import { readDeployedFunctions } from './deployed-functions.ts';
import { runBenchmark } from './run-benchmark.ts';
import { type BenchmarkScenario, benchmarkScenarios } from './scenarios.ts';
import { checkTargets } from './targets.ts';

export type BenchIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
};

/** `npm run bench`: 0 when the benchmark ran (targets are reported, not enforced), 2 bad usage, 3 failure. */
export async function runBench(
  args: readonly string[],
  io: BenchIo,
  scenarios: readonly BenchmarkScenario[] = benchmarkScenarios,
): Promise<number> {
  let parsed: ReturnType<typeof parseBenchArguments>;
  try {
    parsed = parseBenchArguments(args, scenarios);
  } catch (error: unknown) {
    if (!(error instanceof BenchUsageError)) throw error;
    io.stderr(`${error.message}\n\n${benchUsage(scenarios)}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(benchUsage(scenarios));
    return 0;
  }
  try {
    const lambdaMemoryMb = Object.fromEntries(
      Object.entries(readDeployedFunctions()).map(([name, deployed]) => [name, deployed.memorySizeMb]),
    );
    const reports = await runBenchmark(parsed.scenarios, {
      timeScale: parsed.timeScale,
      memoryMb: lambdaMemoryMb,
      onProgress: (message) => io.stderr(`${message}\n`),
    });
    const report = benchmarkReport({
      scenarios: reports,
      targets: checkTargets(reports),
      timeScale: parsed.timeScale,
      lambdaMemoryMb,
    });
    io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchmarkReport(report));
    return 0;
  } catch (error: unknown) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`The benchmark failed: ${message}\n`);
    return 3;
  }
}
