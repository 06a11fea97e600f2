import { BenchUsageError, benchUsage, parseBenchArguments } from './bench-arguments.ts';
import { benchmarkReport, formatBenchmarkReport } from './benchmark-report.ts';
import { readDeployedFunctions } from './deployed-functions.ts';
import { runBenchmark } from './run-benchmark.ts';
import { benchmarkScenarios } from './scenarios.ts';
import { checkTargets } from './targets.ts';

export type BenchIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
};

/** `npm run bench`: 0 when the benchmark ran (targets are reported, not enforced), 2 bad usage, 3 failure. */
export async function runBench(args: readonly string[], io: BenchIo): Promise<number> {
  let parsed: ReturnType<typeof parseBenchArguments>;
  try {
    parsed = parseBenchArguments(args, benchmarkScenarios);
  } catch (error: unknown) {
    if (!(error instanceof BenchUsageError)) throw error;
    io.stderr(`${error.message}\n\n${benchUsage(benchmarkScenarios)}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(benchUsage(benchmarkScenarios));
    return 0;
  }
  try {
    const lambdaMemoryMb = Object.fromEntries(
      Object.entries(readDeployedFunctions()).map(([name, deployed]) => [name, deployed.memorySizeMb]),
    );
    const scenarios = await runBenchmark(parsed.scenarios, {
      timeScale: parsed.timeScale,
      memoryMb: lambdaMemoryMb,
      onProgress: (message) => io.stderr(`${message}\n`),
    });
    const report = benchmarkReport({
      scenarios,
      targets: checkTargets(scenarios),
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
