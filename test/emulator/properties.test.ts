import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import {
  connectClient,
  findNumbers,
  GROUP_ARN,
  INSTANCE_ARN,
  INSTANCE_ID,
  startTestEmulator,
} from './harness.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const PATHS = [
  '/phone-number/search-available',
  '/phone-number/claim',
  '/phone-number/list',
  '/phone-number/some-id',
  `/phone-number/${encodeURIComponent('arn:aws:connect:us-east-1:123456789012:phone-number/x')}`,
  '/phone-number/',
  '/phone-number/a/b',
  '/',
  '/_emulator/config',
  '/_emulator/clock',
  '/_emulator/reset',
];
const MEMBERS = [
  'InstanceId',
  'TargetArn',
  'PhoneNumber',
  'PhoneNumberCountryCode',
  'PhoneNumberType',
  'PhoneNumberPrefix',
  'MaxResults',
  'NextToken',
  'Tags',
  'ClientToken',
  'PhoneNumberDescription',
  'PhoneNumberCountryCodes',
  'PhoneNumberTypes',
  'Entries',
  'advanceSeconds',
  'timeScale',
];

/** Members that are sometimes right and often of the wrong type, shape or range. */
const memberValue = fc.oneof(
  fc.constantFrom(
    INSTANCE_ID,
    INSTANCE_ARN,
    GROUP_ARN,
    'US',
    'TOLL_FREE',
    'DID',
    '+1800',
    '+18005550100',
    5,
    0,
    -1,
  ),
  fc.jsonValue(),
  fc.string(),
);
const body = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...MEMBERS), memberValue, { maxKeys: 6 })
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
);
const path = fc.oneof(
  fc.constantFrom(...PATHS),
  fc.webPath(),
  fc.string({ maxLength: 20 }).map((segment) => `/phone-number/${encodeURIComponent(segment)}`),
);

type Action =
  | { kind: 'claim'; number: number; target: 0 | 1 }
  | { kind: 'release'; pick: number }
  | { kind: 'update'; pick: number; target: 0 | 1 }
  | { kind: 'advance'; seconds: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    number: fc.nat(7),
    target: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(20),
    target: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(1, 5, 30, 86_400) }),
);

async function post(
  emulator: RunningEmulator,
  route: string,
  json: unknown,
  method = 'POST',
): Promise<unknown> {
  const response = await fetch(`${emulator.url}${route}`, { method, body: JSON.stringify(json) });
  const text = await response.text();
  return text === '' ? {} : JSON.parse(text);
}

describe('Property: the emulator survives anything a client sends', () => {
  it('answers every random request with JSON and a 2xx or 4xx status, and keeps serving', async () => {
    // Prepare
    const emulator = await startTestEmulator();

    // Act and Assess
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), path, body, async (method, route, text) => {
        const withBody = method !== 'GET';
        const response = await fetch(`${emulator.url}${route}`, {
          method,
          headers: { 'x-amz-target': 'AWSEvents.PutEvents' },
          ...(withBody ? { body: text } : {}),
        });
        const answer = await response.text();
        expect(response.status < 300 || (response.status >= 400 && response.status < 500)).toBe(true);
        expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
        if (answer !== '') expect(() => JSON.parse(answer)).not.toThrow();
        if (response.status >= 400) expect(response.headers.get('x-amzn-errortype')).toBeTruthy();
      }),
      { numRuns: 300 },
    );
    const health = await fetch(`${emulator.url}/_emulator/state`);
    expect(health.status).toBe(200);
  });
});

describe('Property: claims keep the inventory consistent', () => {
  it('never lets two targets hold a number, nor offers a number that is claimed or cooling down', async () => {
    // Prepare
    const emulator = await startTestEmulator({
      phoneNumberQuota: 3,
      claimFailureRate: 0.2,
      contentionRate: 0.1,
      claimLatencySeconds: { min: 0, max: 10 },
      releaseCooldownDays: 1,
      churnWindowDays: 2,
    });
    const client = connectClient(emulator);
    const pool = await findNumbers(client, 8);
    const targets = [{ InstanceId: INSTANCE_ID }, { TargetArn: GROUP_ARN }];

    // Act and Assess
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        emulator.reset();
        for (const step of actions) {
          const ids = emulator.snapshot().phoneNumbers.map((n) => n.PhoneNumberId);
          if (step.kind === 'claim') {
            await post(emulator, '/phone-number/claim', {
              ...targets[step.target],
              PhoneNumber: pool[step.number],
            });
          } else if (step.kind === 'release' && ids.length > 0) {
            await post(emulator, `/phone-number/${ids[step.pick % ids.length]}`, undefined, 'DELETE');
          } else if (step.kind === 'update' && ids.length > 0) {
            await post(emulator, `/phone-number/${ids[step.pick % ids.length]}`, targets[step.target], 'PUT');
          } else if (step.kind === 'advance') {
            emulator.advanceClock(step.seconds);
          }
        }

        const state = emulator.snapshot();
        const now = Date.parse(state.now);
        for (const number of pool) {
          const records = state.phoneNumbers.filter((n) => n.PhoneNumber === number);
          // A FAILED update leaves the number claimed where it was: it has been CLAIMED before.
          const held = records.filter(
            (n) =>
              n.Status === 'IN_PROGRESS' ||
              n.Status === 'CLAIMED' ||
              (n.Status === 'FAILED' && n.history.some((entry) => entry.Status === 'CLAIMED')),
          );
          const coolingDown = records.some(
            (n) => n.Status === 'RELEASED' && Date.parse(n.CooldownUntil ?? '') > now,
          );
          const search = (await post(emulator, '/phone-number/search-available', {
            InstanceId: INSTANCE_ID,
            PhoneNumberCountryCode: 'US',
            PhoneNumberType: 'TOLL_FREE',
            PhoneNumberPrefix: number,
          })) as { AvailableNumbersList: unknown[] };
          expect(held.length).toBeLessThanOrEqual(1);
          if (search.AvailableNumbersList.length > 0) {
            expect(held).toEqual([]);
            expect(coolingDown).toBe(false);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
