#!/usr/bin/env node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatFootprints, measureLambdaFootprints } from '../bench/lambda-footprint.ts';

const usage = `Usage: npm run bench:lambdas -- [--runs N] [--json]

Bundles each Lambda as the stack deploys it and reports its size (raw, gzip, source map) and its cold
import time (median of N fresh node processes, default 5). --json prints one JSON object on stdout.
`;

async function main(args: string[]): Promise<number> {
  let values: { runs?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { runs: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const runs = values.runs === undefined ? 5 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    process.stderr.write(`--runs must be a whole number from 1 to 50, got '${values.runs}'\n\n${usage}`);
    return 2;
  }
  const workDirectory = mkdtempSync(join(tmpdir(), 'lambda-footprint-'));
  try {
    const footprints = await measureLambdaFootprints({ workDirectory, runs });
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ lambdas: footprints }, null, 2)}\n`
        : formatFootprints(footprints, runs),
    );
    return 0;
  } catch (error: unknown) {
    process.stderr.write(
      `Measuring the Lambdas failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 3;
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
