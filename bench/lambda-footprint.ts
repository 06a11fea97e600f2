/**
 * Each Lambda's deployed footprint: the bundle the stack's own bundling produces (NodejsFunction, local
 * esbuild: ESM, minified, node24), its size raw and gzipped (roughly what the deployment zip holds), and
 * its cold import time: a fresh `node` imports the bundle with the environment the stack gives the function.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { WorkflowFunctionName } from '../lib/claim-workflow.ts';
import { readDeployedFunctions } from './deployed-functions.ts';

export type LambdaFootprint = {
  readonly name: WorkflowFunctionName;
  readonly memorySizeMb: number;
  readonly bundleBytes: number;
  readonly bundleGzipBytes: number;
  /** The source map deployed beside the bundle (`--enable-source-maps` reads it when an error is logged). */
  readonly sourceMapBytes: number;
  readonly coldImportMs: { readonly median: number; readonly runs: readonly number[] };
};

export class FootprintError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FootprintError';
  }
}

/** What Lambda sets in every function's environment, beside the function's own variables. */
function lambdaRuntimeEnvironment(name: string, memorySizeMb: number): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `phone-number-claimer-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    // Dummy credentials: importing must not look for real ones, and nothing here calls AWS.
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    TZ: ':UTC',
  };
}

/** The time from `import()` to the module's evaluation, printed in ms by the child. */
const importProbe = `
const started = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - started));
`;

/** Imports the bundle in a fresh process once; the module's top level (the handler's cold start) runs. */
export async function measureColdImport(
  bundleUrl: string,
  environment: Readonly<Record<string, string>>,
): Promise<number> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', importProbe, bundleUrl], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const milliseconds = Number(stdout);
  if (code !== 0 || stdout === '' || !Number.isFinite(milliseconds)) {
    throw new FootprintError(
      `importing ${bundleUrl} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`,
    );
  }
  return milliseconds;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('the median of no values is undefined');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function bundleFile(directory: string): string {
  const entry = readdirSync(directory).find((file) => /^index\.(m?js)$/.test(file));
  if (entry === undefined) throw new FootprintError(`no index.mjs or index.js in ${directory}`);
  return join(directory, entry);
}

/** Bundles every Lambda as the stack does (into `workDirectory`) and measures each; `runs` imports apiece. */
export async function measureLambdaFootprints(options: {
  readonly workDirectory: string;
  readonly runs: number;
}): Promise<LambdaFootprint[]> {
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    throw new RangeError(`runs must be a whole number of at least 1, got ${options.runs}`);
  }
  const deployed = readDeployedFunctions({ bundleInto: options.workDirectory });
  const footprints: LambdaFootprint[] = [];
  for (const [name, fn] of Object.entries(deployed) as [
    WorkflowFunctionName,
    (typeof deployed)[WorkflowFunctionName],
  ][]) {
    if (fn.assetDirectory === undefined) throw new FootprintError(`the ${name} Lambda was not bundled`);
    const bundle = bundleFile(fn.assetDirectory);
    const code = readFileSync(bundle);
    const map = `${bundle}.map`;
    const environment = { ...fn.environment, ...lambdaRuntimeEnvironment(name, fn.memorySizeMb) };
    const runs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      runs.push(await measureColdImport(pathToFileURL(bundle).href, environment));
    }
    footprints.push({
      name,
      memorySizeMb: fn.memorySizeMb,
      bundleBytes: code.byteLength,
      bundleGzipBytes: gzipSync(code, { level: 9 }).byteLength,
      sourceMapBytes: safeSize(map),
      coldImportMs: { median: roundTenth(median(runs)), runs: runs.map(roundTenth) },
    });
  }
  return footprints;
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 0;
    throw error;
  }
}

/** The readable form of the footprints. */
export function formatFootprints(footprints: readonly LambdaFootprint[], runs: number): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const header = ['Lambda', 'memory', 'bundle', 'gzip', 'source map', `cold import (median of ${runs})`];
  const body = footprints.map((footprint) => [
    footprint.name,
    `${footprint.memorySizeMb} MB`,
    kib(footprint.bundleBytes),
    kib(footprint.bundleGzipBytes),
    kib(footprint.sourceMapBytes),
    `${footprint.coldImportMs.median.toFixed(0)} ms`,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return (
    `${[line(header), ...body.map(line)].join('\n')}\n` +
    'Bundled by the stack itself (NodejsFunction: ESM, minified, node24); cold import = a fresh node importing the bundle with the function’s environment, on this machine.\n'
  );
}
