import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { ConnectClient, ListPhoneNumbersV2Command } from '@aws-sdk/client-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIALS } from './harness.ts';

const BIN = join(import.meta.dirname, '../../bin/emulator.ts');
const run = promisify(execFile);
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `node bin/emulator.ts` and resolves with its first stdout lines once it listens. */
async function startServer(
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of reader) {
    lines.push(line);
    if (lines.length === 3) break;
  }
  const url = /^Connect emulator listening on (http:\/\/\S+)$/.exec(lines[0] ?? '')?.[1];
  if (!url) throw new Error(`unexpected first line: ${lines[0]}`);
  return { child, url, lines };
}

const awsCliPresent = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

describe('Command: npm run emulator (bin/emulator.ts)', () => {
  it('prints where it listens, then the demo instance and group, serves the SDK and stops on SIGTERM', async () => {
    // Prepare
    const { child, url, lines } = await startServer();
    const client = new ConnectClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });

    // Act
    const listed = await client.send(new ListPhoneNumbersV2Command({}));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');

    // Assess
    expect(lines[0]).toMatch(/^Connect emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toContain(
      'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-4333-8444-555555555555',
    );
    expect(lines[2]).toContain(
      'arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/66666666-7777-4888-8999-000000000000',
    );
    expect(listed.ListPhoneNumbersSummaryList).toEqual([]);
    expect(await exited).toBe(0);
  });

  it('prints its usage with --help', async () => {
    // Act
    const { stdout } = await run(process.execPath, [BIN, '--help']);

    // Assess
    expect(stdout).toContain('Usage: npm run emulator -- [options]');
    expect(stdout).toContain('--state-file FILE');
  });

  it('refuses a bad --config with exit status 2 and a message naming the key and the rule', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ claimFailureRate: 5 }));

    // Act
    const outcome = await run(process.execPath, [BIN, '--config', file]).catch((error: unknown) => error);

    // Assess
    expect(outcome).toMatchObject({ code: 2 });
    expect((outcome as { stderr: string }).stderr).toContain('claimFailureRate: must be between 0 and 1');
  });

  it.skipIf(!awsCliPresent)(
    'serves the AWS CLI as a second client (skipped when `aws` is not installed)',
    async () => {
      // Prepare
      const { url } = await startServer(['--config', writeQuietConfig()]);
      const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
        const common = ['--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'];
        const { stdout } = await run('aws', ['connect', ...args, ...common], { env });
        return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
      };

      // Act
      const search = await aws(
        'search-available-phone-numbers',
        '--instance-id',
        '11111111-2222-4333-8444-555555555555',
        '--phone-number-country-code',
        'US',
        '--phone-number-type',
        'TOLL_FREE',
        '--max-results',
        '2',
      );
      const [first] = search.AvailableNumbersList as { PhoneNumber: string }[];
      const claim = await aws(
        'claim-phone-number',
        '--instance-id',
        '11111111-2222-4333-8444-555555555555',
        '--phone-number',
        first?.PhoneNumber ?? '',
      );
      const described = await aws('describe-phone-number', '--phone-number-id', String(claim.PhoneNumberArn));
      const refused = await aws(
        'claim-phone-number',
        '--instance-id',
        'nope',
        '--phone-number',
        '18005550100',
      ).catch((error: unknown) => error as { stderr: string });

      // Assess
      expect(search.AvailableNumbersList).toHaveLength(2);
      expect(claim.PhoneNumberId).toMatch(/^[0-9a-f-]{36}$/);
      expect(described.ClaimedPhoneNumberSummary).toMatchObject({
        PhoneNumber: first?.PhoneNumber,
        PhoneNumberStatus: { Status: 'IN_PROGRESS' },
      });
      expect(String(refused.stderr)).toContain('(InvalidParameterException)');
      expect(String(refused.stderr)).toContain('PhoneNumber: must match');
    },
  );
});

function writeQuietConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'emulator-config-')), 'config.json');
  writeFileSync(file, JSON.stringify({ timeScale: 0 }));
  return file;
}
