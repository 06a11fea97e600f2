#!/usr/bin/env node
/**
 * `npm run emulator -- [--host 127.0.0.1] [--port 4599] [--config FILE] [--state-file FILE]`:
 * the Connect phone-number emulator as a standalone HTTP server.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  EmulatorConfigError,
  instanceArn,
  parseEmulatorConfigInput,
  StateFileError,
  startEmulator,
  trafficDistributionGroupArn,
} from '../emulator/index.ts';

const USAGE = `Usage: npm run emulator -- [options]

The Amazon Connect phone-number emulator (SearchAvailablePhoneNumbers, ClaimPhoneNumber,
DescribePhoneNumber, ReleasePhoneNumber, ListPhoneNumbersV2, UpdatePhoneNumber) over HTTP.

Options:
  --host HOST         interface to listen on (default 127.0.0.1)
  --port PORT         port to listen on, 0 for any free port (default 4599)
  --config FILE       emulator behaviour as JSON (see emulator/README.md); every key optional
  --state-file FILE   keep the state in FILE across restarts
  -h, --help          show this help

Point a client at it with AWS_ENDPOINT_URL_CONNECT=http://HOST:PORT (or --endpoint-url) and any credentials.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    fail(`--config ${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    fail(`--config ${file}: is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function main(): Promise<void> {
  let values: { host?: string; port?: string; config?: string; 'state-file'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4599' },
        config: { type: 'string' },
        'state-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error: unknown) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port: must be an integer from 0 to 65535 (got ${values.port})`);
  }

  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    const config =
      values.config === undefined ? undefined : parseEmulatorConfigInput(readConfigFile(values.config));
    emulator = await startEmulator({
      host: values.host ?? '127.0.0.1',
      port,
      ...(config === undefined ? {} : { config }),
      ...(values['state-file'] === undefined ? {} : { stateFile: values['state-file'] }),
    });
  } catch (error: unknown) {
    if (error instanceof EmulatorConfigError) fail(`--config ${values.config}: ${error.message}`);
    if (error instanceof StateFileError) fail(error.message);
    throw error;
  }

  const { config } = emulator;
  const instance = config.instances[0] ?? '';
  process.stdout.write(`Connect emulator listening on ${emulator.url}\n`);
  process.stdout.write(`Demo instance: ${instance} (${instanceArn(config, instance)})\n`);
  for (const group of config.trafficDistributionGroups) {
    process.stdout.write(`Traffic distribution group: ${trafficDistributionGroupArn(config, group)}\n`);
  }

  const shutdown = (signal: string): void => {
    process.stderr.write(`Connect emulator: ${signal}, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Connect emulator: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Connect emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(3);
});
