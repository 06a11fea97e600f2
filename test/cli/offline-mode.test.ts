import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../lambdas/core/claim-run.ts';

const root = join(import.meta.dirname, '../..');
const demoInstanceArn =
  'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-4333-8444-555555555555';
const groupArn =
  'arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/66666666-7777-4888-8999-000000000000';

type CliRun = { status: number; stdout: string; stderr: string };

/** Spawns the real CLI as a user would (`node bin/claim.ts`, which is what `npm start --` runs). */
function claim(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/claim.ts', ...args],
      { cwd: root, env: { ...process.env, ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ status, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

let work: string;
const file = async (name: string, content: unknown) => {
  const path = join(work, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

type EmulatorReport = {
  phoneNumbers: { PhoneNumber: string; TargetArn: string; Status: string }[];
  calls: Record<string, { total: number }>;
  events: { DetailType: string }[];
};
const connectCalls = (report: EmulatorReport) =>
  Object.entries(report.calls)
    .filter(([operation]) => operation !== 'PutEvents')
    .reduce((sum, [, stats]) => sum + stats.total, 0);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'claim-cli-'));
});

describe('CLI: npm start (offline)', () => {
  it('claims 3 US toll-free numbers to the demo instance when given no options', async () => {
    const report = join(work, 'default-report.json');

    const run = await claim(['--emulator-report', report]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCEEDED: 3 of 3 claimed');
    expect(run.stderr).toMatch(/\+1\d{10}\s+CLAIMED/);
    const state = await readJson<EmulatorReport>(report);
    const claimedToDemo = state.phoneNumbers.filter(
      (n) => n.Status === 'CLAIMED' && n.TargetArn === demoInstanceArn,
    );
    expect(claimedToDemo).toHaveLength(3);
    expect(state.events.map((e) => e.DetailType)).toContain('Phone Number Claim Completed');
  });

  it('searches another country with a quantity and prints only the result with --json', async () => {
    const run = await claim(['--country', 'GB', '--type', 'DID', '--quantity', '2', '--json']);

    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ClaimResult;
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 2, Failed: [] });
    expect(result.Claimed.map((n) => [n.PhoneNumberCountryCode, n.PhoneNumberType])).toEqual([
      ['GB', 'DID'],
      ['GB', 'DID'],
    ]);
    expect(result.Claimed.every((n) => n.PhoneNumber.startsWith('+44'))).toBe(true);
  });

  it('claims explicit numbers to a traffic distribution group', async () => {
    const found = JSON.parse(
      (await claim(['--country', 'US', '--type', 'DID', '--quantity', '2', '--json'])).stdout,
    );
    // A fresh embedded emulator per run has the same seeded inventory: those numbers are free again.
    const numbers = (found as ClaimResult).Claimed.map((n) => n.PhoneNumber);

    const run = await claim([
      '--target-arn',
      groupArn,
      ...numbers.flatMap((n) => ['--phone-number', n]),
      '--json',
    ]);

    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ClaimResult).Claimed.map((n) => n.PhoneNumber).sort()).toEqual(
      [...numbers].sort(),
    );
  });

  it('takes the ClaimPhoneNumber request syntax with --input, from a file or stdin', async () => {
    const request = {
      TargetArn: demoInstanceArn,
      PhoneNumber: '+18005550100',
      PhoneNumberDescription: 'Support line',
      Tags: { team: 'support' },
      ClientToken: '3f2b8c1e-7d4a-4b9e-9c0f-1a2b3c4d5e6f',
    };
    const free = JSON.parse(
      (await claim(['--country', 'US', '--type', 'TOLL_FREE', '--json'])).stdout,
    ) as ClaimResult;
    const input = { ...request, PhoneNumber: free.Claimed[0]?.PhoneNumber };

    const fromFile = await claim(['--input', await file('input.json', input), '--json']);
    const fromStdin = await claim(['--input', '-', '--json'], { stdin: JSON.stringify(input) });

    for (const run of [fromFile, fromStdin]) {
      expect(run.status, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as ClaimResult).Claimed[0]?.PhoneNumber).toBe(input.PhoneNumber);
    }
  });

  it('runs an EventBridge event the deployed rule matches, with its detail as the input', async () => {
    const event = {
      version: '0',
      id: 'f1e2d3c4-0000-4000-8000-000000000001',
      source: 'phone-number-claimer',
      'detail-type': 'Claim Phone Numbers Requested',
      account: '123456789012',
      time: '2026-12-04T12:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {
        InstanceId: '11111111-2222-4333-8444-555555555555',
        Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity: 1 },
      },
    };

    const run = await claim(['--event', await file('event.json', event), '--json']);

    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ClaimResult).Claimed).toHaveLength(1);
  });

  it('refuses an event the rule would not match, with the reason, exit status 2', async () => {
    const event = { source: 'someone-else', 'detail-type': 'Claim Phone Numbers Requested', detail: {} };

    const run = await claim(['--event', await file('other-event.json', event)]);

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/rule does not match.*source/);
  });

  it.each([
    [['--phone-number', '18005550100'], '--phone-number (PhoneNumber)'],
    [['--country', 'US', '--type', 'TOLL_FREE', '--quantity', '0'], '--quantity (Search.Quantity)'],
    [['--country', 'ZZ', '--type', 'DID'], '--country (Search.PhoneNumberCountryCode)'],
    [['--country', 'US', '--type', 'CHEAP'], '--type (Search.PhoneNumberType)'],
    [['--country', 'US', '--type', 'DID', '--prefix', '1800x'], '--prefix (Search.PhoneNumberPrefix)'],
    [['--instance-id', 'x', '--target-arn', demoInstanceArn, '--phone-number', '+18005550100'], 'InstanceId'],
    [['--phone-number', '+18005550100', '--client-token', 'NOT-A-UUID'], '--client-token (ClientToken)'],
    [['--phone-number', '+18005550100', '--tag', 'aws:team=x'], '--tag'],
    [['--phone-number', '+18005550100', '--tag', 'novalue'], '--tag: expected KEY=VALUE'],
    [['--phone-number', '+18005550100', '--country', 'US', '--type', 'DID'], 'PhoneNumber'],
    [['--frobnicate'], 'frobnicate'],
  ])('refuses %j with exit status 2, naming %s, and calls nothing on Connect', async (args, named) => {
    const report = join(work, 'invalid-report.json');

    const run = await claim([...args, '--emulator-report', report]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(named);
    await expect(readFile(report)).rejects.toThrow(); // the emulator never even started
  });

  it('prints the options with --help', async () => {
    const run = await claim(['--help']);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--state-machine-arn');
  });
});

describe('CLI: against a standalone emulator (AWS_ENDPOINT_URL_CONNECT)', () => {
  let emulator: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const config = await file('standalone-config.json', { timeScale: 60 });
    emulator = spawn(process.execPath, ['bin/emulator.ts', '--port', '0', '--config', config], { cwd: root });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: emulator.stdout as NodeJS.ReadableStream }).once('line', resolve);
      emulator.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    url = firstLine.replace('Connect emulator listening on ', '').trim();
  });
  afterAll(() => {
    emulator?.kill();
  });

  it('claims nothing new when the same request runs twice with the same --client-token', async () => {
    const env = { AWS_ENDPOINT_URL_CONNECT: url };
    const args = [
      '--country',
      'US',
      '--type',
      'TOLL_FREE',
      '--quantity',
      '3',
      '--client-token',
      'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      '--json',
    ];

    const first = await claim(args, { env });
    const claimsAfterFirst = (await (await fetch(`${url}/_emulator/state`)).json()) as EmulatorReport;
    const second = await claim(args, { env });
    const claimsAfterSecond = (await (await fetch(`${url}/_emulator/state`)).json()) as EmulatorReport;

    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    const numbers = (run: CliRun) =>
      (JSON.parse(run.stdout) as ClaimResult).Claimed.map((n) => n.PhoneNumber).sort();
    expect(numbers(second)).toEqual(numbers(first));
    expect(claimsAfterSecond.phoneNumbers).toHaveLength(claimsAfterFirst.phoneNumbers.length);
    expect(claimsAfterSecond.calls.ClaimPhoneNumber?.total).toBe(
      claimsAfterFirst.calls.ClaimPhoneNumber?.total,
    );
    expect(connectCalls(claimsAfterSecond)).toBeGreaterThan(connectCalls(claimsAfterFirst)); // it did look
  });
});
