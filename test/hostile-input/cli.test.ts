/**
 * Hostile input through the CLI: the request flags, `--input` and `--event` (in-process, every row of the
 * table), and the real `bin/claim.ts` spawned for a few rows. Each is rejected with exit status 2 and a message
 * naming the field (and the flag that set it) and the rule. The CLI is pointed at a running emulator through
 * AWS_ENDPOINT_URL_CONNECT, so any Connect call it made would show in the emulator's call log: there must be none.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTANCE_ID, type RunningEmulator, startEmulator } from '../../emulator/index.ts';
import { DetailType, EVENT_SOURCE } from '../../lambdas/core/claim-events.ts';
import { runCliCaptured } from '../cli/cli-harness.ts';
import { hostileInputs, namesFieldAndRule } from './hostile-inputs.ts';

const INVALID_INPUT = 2;
const projectRoot = join(import.meta.dirname, '..', '..');

let emulator: RunningEmulator;
let scratch: string;

beforeAll(async () => {
  emulator = await startEmulator({ config: { timeScale: 100 } });
  scratch = await mkdtemp(join(tmpdir(), 'hostile-input-'));
});

afterAll(async () => {
  await emulator.close();
  await rm(scratch, { recursive: true, force: true });
});

function connectCalls(): number {
  return Object.values(emulator.snapshot().calls).reduce((sum, stats) => sum + stats.total, 0);
}

function claim(argv: readonly string[], stdin = '') {
  return runCliCaptured(argv, { stdin, env: { AWS_ENDPOINT_URL_CONNECT: emulator.url } });
}

function claimRequestedEvent(detail: unknown): Record<string, unknown> {
  return { version: '0', source: EVENT_SOURCE, 'detail-type': DetailType.requested, detail };
}

const numberSearch = ['--country', 'US', '--type', 'TOLL_FREE'];

/** Malformed requests as flags: the flag, the field it sets, and the rule. */
const hostileFlags: readonly { name: string; argv: string[]; names: string[]; rule: string }[] = [
  {
    name: 'quantity 0',
    argv: [...numberSearch, '--quantity', '0'],
    names: ['--quantity', 'Search.Quantity'],
    rule: 'at least 1',
  },
  {
    name: 'quantity 101',
    argv: [...numberSearch, '--quantity', '101'],
    names: ['--quantity'],
    rule: 'at most 100',
  },
  {
    name: 'quantity 2.5',
    argv: [...numberSearch, '--quantity', '2.5'],
    names: ['--quantity'],
    rule: 'whole number',
  },
  {
    name: 'quantity "three"',
    argv: [...numberSearch, '--quantity', 'three'],
    names: ['--quantity'],
    rule: 'whole number',
  },
  {
    name: 'prefix without +',
    argv: [...numberSearch, '--prefix', '1800'],
    names: ['--prefix', 'Search.PhoneNumberPrefix'],
    rule: "'+'",
  },
  {
    name: 'unknown country',
    argv: ['--country', 'XX', '--type', 'DID'],
    names: ['--country'],
    rule: 'country code',
  },
  {
    name: 'unknown type',
    argv: ['--country', 'US', '--type', 'FREEPHONE'],
    names: ['--type'],
    rule: 'must be one of',
  },
  { name: 'a country without a type', argv: ['--country', 'US'], names: ['--type'], rule: 'must be one of' },
  {
    name: 'a number without +',
    argv: ['--phone-number', '18005550100'],
    names: ['--phone-number', 'PhoneNumber'],
    rule: 'E.164',
  },
  {
    name: 'a repeated number',
    argv: ['--phone-number', '+18005550100', '--phone-number', '+18005550100'],
    names: ['--phone-number', 'PhoneNumbers[1]'],
    rule: 'duplicates',
  },
  {
    name: 'a number and a search',
    argv: ['--phone-number', '+18005550100', ...numberSearch],
    names: ['Search'],
    rule: 'found PhoneNumber and Search',
  },
  {
    name: 'an upper-case client token',
    argv: ['--client-token', 'ABC-1'],
    names: ['--client-token', 'ClientToken'],
    rule: 'UUID',
  },
  {
    name: "an 'aws:' tag",
    argv: ['--tag', 'aws:team=x'],
    names: ['--tag', 'Tags["aws:team"]'],
    rule: "'aws:'",
  },
  { name: 'a tag without =', argv: ['--tag', 'team'], names: ['--tag'], rule: 'KEY=VALUE' },
  {
    name: 'a tag given twice',
    argv: ['--tag', 'a=1', '--tag', 'a=2'],
    names: ['--tag'],
    rule: 'given twice',
  },
  {
    name: 'both targets',
    argv: [
      '--instance-id',
      DEMO_INSTANCE_ID,
      '--target-arn',
      `arn:aws:connect:us-east-1:123456789012:instance/${DEMO_INSTANCE_ID}`,
    ],
    names: ['--target-arn', 'TargetArn'],
    rule: 'found both',
  },
  {
    name: 'an S3 ARN as the target',
    argv: ['--target-arn', 'arn:aws:s3:::b'],
    names: ['--target-arn'],
    rule: 'ARN',
  },
  {
    name: 'an instance id of 101 characters',
    argv: ['--instance-id', 'i'.repeat(101)],
    names: ['--instance-id'],
    rule: 'at most 100',
  },
  {
    name: 'an empty instance id',
    argv: ['--instance-id', ''],
    names: ['--instance-id'],
    rule: 'must not be empty',
  },
  {
    name: 'a description of 501 characters',
    argv: ['--description', 'd'.repeat(501)],
    names: ['--description'],
    rule: 'at most 500',
  },
  { name: 'an unknown option', argv: ['--quantitty', '2'], names: ['--quantitty'], rule: 'unknown option' },
  { name: 'a stray argument', argv: ['claim'], names: ["'claim'"], rule: 'unexpected argument' },
];

describe('CLI: hostile request flags', () => {
  it.each(hostileFlags)(
    'rejects $name with exit 2, naming the flag and field',
    async ({ argv, names, rule }) => {
      // Act
      const { status, stderr, stdout } = await claim(argv);

      // Assess
      expect(status).toBe(INVALID_INPUT);
      for (const name of names) expect(namesFieldAndRule(stderr, name, rule), stderr).toBe(true);
      expect(stdout).toBe('');
      expect(connectCalls()).toBe(0);
    },
  );
});

describe('CLI: hostile --input', () => {
  it.each(hostileInputs)('rejects $name with exit 2, naming $field', async ({ input, field, rule }) => {
    // Act
    const { status, stderr } = await claim(['--input', '-', '--json'], JSON.stringify(input));

    // Assess
    expect(status).toBe(INVALID_INPUT);
    expect(namesFieldAndRule(stderr, field, rule), stderr).toBe(true);
    expect(connectCalls()).toBe(0);
  });

  it.each([
    { name: 'text that is not JSON', stdin: 'InstanceId=abc', rule: 'not valid JSON' },
    { name: 'an empty document', stdin: '', rule: 'not valid JSON' },
    { name: 'JSON cut short', stdin: '{"InstanceId": "abc", "Search": {', rule: 'not valid JSON' },
  ])('rejects $name naming --input', async ({ stdin, rule }) => {
    // Act
    const { status, stderr } = await claim(['--input', '-'], stdin);

    // Assess
    expect(status).toBe(INVALID_INPUT);
    expect(namesFieldAndRule(stderr, '--input', rule), stderr).toBe(true);
    expect(connectCalls()).toBe(0);
  });

  it('rejects --input combined with request flags', async () => {
    // Act
    const { status, stderr } = await claim(['--input', '-', '--quantity', '2'], '{}');

    // Assess
    expect(status).toBe(INVALID_INPUT);
    expect(namesFieldAndRule(stderr, '--quantity', 'cannot be combined with --input'), stderr).toBe(true);
  });

  it('rejects an --input file that does not exist, naming it', async () => {
    // Act
    const { status, stderr } = await claim(['--input', join(scratch, 'missing.json')]);

    // Assess
    expect(status).toBe(INVALID_INPUT);
    expect(namesFieldAndRule(stderr, '--input', 'cannot read'), stderr).toBe(true);
  });
});

describe('CLI: hostile --event', () => {
  it.each(hostileInputs)(
    'rejects an event whose detail is $name, naming detail.$field',
    async ({ input, field, rule }) => {
      // Act
      const { status, stderr } = await claim(['--event', '-'], JSON.stringify(claimRequestedEvent(input)));

      // Assess
      expect(status).toBe(INVALID_INPUT);
      expect(namesFieldAndRule(stderr, `detail.${field}`, rule), stderr).toBe(true);
      expect(connectCalls()).toBe(0);
    },
  );

  it.each([
    { name: 'another source', event: { ...claimRequestedEvent({}), source: 'someone-else' }, rule: 'source' },
    {
      name: 'another detail-type',
      event: { ...claimRequestedEvent({}), 'detail-type': 'Claim' },
      rule: 'detail-type',
    },
    {
      name: 'no detail',
      event: { source: EVENT_SOURCE, 'detail-type': DetailType.requested },
      rule: 'detail is missing',
    },
    { name: 'an array', event: [claimRequestedEvent({})], rule: 'must be a JSON object' },
  ])('rejects an event the rule does not match: $name', async ({ event, rule }) => {
    // Act
    const { status, stderr } = await claim(['--event', '-'], JSON.stringify(event));

    // Assess
    expect(status).toBe(INVALID_INPUT);
    expect(namesFieldAndRule(stderr, '--event', rule), stderr).toBe(true);
    expect(connectCalls()).toBe(0);
  });
});

describe('CLI: hostile input to the real bin/claim.ts', () => {
  const run = promisify(execFile);

  /** Spawns the CLI as a user would; a rejected request exits 2, which execFile reports as an error. */
  async function spawnClaim(argv: readonly string[]): Promise<{ code: number; stderr: string }> {
    try {
      const { stderr } = await run(process.execPath, ['bin/claim.ts', ...argv], {
        cwd: projectRoot,
        env: { ...process.env, AWS_ENDPOINT_URL_CONNECT: emulator.url },
        timeout: 30_000,
      });
      return { code: 0, stderr };
    } catch (error: unknown) {
      if (error instanceof Error && 'code' in error && typeof error.code === 'number') {
        return { code: error.code, stderr: String((error as { stderr?: unknown }).stderr ?? '') };
      }
      throw error;
    }
  }

  it.each([
    {
      name: 'a bad --quantity flag',
      file: undefined,
      argv: [...numberSearch, '--quantity', '0'],
      names: ['--quantity', 'Search.Quantity'],
      rule: 'at least 1',
    },
    {
      name: 'an --input file with both targets',
      file: {
        InstanceId: DEMO_INSTANCE_ID,
        TargetArn: 'arn:aws:connect:us-east-1:123456789012:instance/x',
        PhoneNumber: '+18005550100',
      },
      argv: ['--input'],
      names: ['TargetArn'],
      rule: 'found both',
    },
    {
      name: 'an --event file whose detail has no target',
      file: claimRequestedEvent({ PhoneNumber: '+18005550100' }),
      argv: ['--event'],
      names: ['detail.InstanceId'],
      rule: 'found neither',
    },
  ])('exits 2 on $name, calls nothing and writes no emulator report', async ({ file, argv, names, rule }) => {
    // Prepare
    const report = join(scratch, `report-${names[0]}.json`);
    const args = [...argv];
    if (file !== undefined) {
      const path = join(scratch, `request-${names[0]}.json`);
      await writeFile(path, JSON.stringify(file));
      args.push(path);
    }

    // Act
    const { code, stderr } = await spawnClaim([...args, '--emulator-report', report]);

    // Assess
    expect(code).toBe(INVALID_INPUT);
    for (const name of names) expect(namesFieldAndRule(stderr, name, rule), stderr).toBe(true);
    expect(existsSync(report)).toBe(false);
    expect(connectCalls()).toBe(0);
  });
});
