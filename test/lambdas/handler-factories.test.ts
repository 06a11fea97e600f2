import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClaimHandler } from '../../lambdas/claim/app.ts';
import type { ClaimResult, ClaimRun, InvalidRequest } from '../../lambdas/core/claim-run.ts';
import { createPublishHandler } from '../../lambdas/publish/app.ts';
import { createSearchHandler } from '../../lambdas/search/app.ts';
import { createValidateHandler } from '../../lambdas/validate/app.ts';
import { createFakeConnect, type FakeConnect, tollFreeNumbers } from './support/fake-connect.ts';
import { handlerDependencies, lambdaContext } from './support/handler-dependencies.ts';
import { INSTANCE_ID } from './support/runs.ts';
import { createVirtualClock } from './support/virtual-clock.ts';

/** The four handler factories through their middy chains, with the local runner's quiet Powertools. */
const eventsMock = mockClient(EventBridgeClient);
let fake: FakeConnect | undefined;
afterEach(() => {
  fake?.mock.restore();
  eventsMock.reset();
});

function setUp() {
  const clock = createVirtualClock();
  fake = createFakeConnect({ clock, inventory: tollFreeNumbers(50), latencyMs: () => 3_000 });
  const deps = handlerDependencies(fake.client, clock);
  return { clock, fake, deps };
}

const EXECUTION_ID = 'arn:aws:states:us-east-1:123456789012:execution:claims:run-1';

describe('Handler factories', () => {
  it('run a search request from input to result, adding correlation keys and metrics', async () => {
    // Prepare
    const { clock, fake, deps } = setUp();
    eventsMock
      .on(PutEventsCommand)
      .callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({})) }));
    const appendKeys = vi.spyOn(deps.logger, 'appendKeys');
    const addMetric = vi.spyOn(deps.metrics, 'addMetric');
    const validate = createValidateHandler(deps);
    const search = createSearchHandler(deps);
    const claim = createClaimHandler(deps);
    const publish = createPublishHandler(deps);

    // Act
    const validated = (await validate(
      {
        Input: {
          InstanceId: INSTANCE_ID,
          Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 2 },
        },
        ExecutionId: EXECUTION_ID,
      },
      lambdaContext('validate'),
    )) as ClaimRun;
    let run = await clock.run(search({ Run: validated, ExecutionId: EXECUTION_ID }, lambdaContext('search')));
    while (run.Next.Action !== 'DONE') {
      if (run.Next.Action === 'WAIT') clock.advance(run.Next.WaitSeconds * 1000);
      run = await clock.run(claim({ Run: run, ExecutionId: EXECUTION_ID }, lambdaContext('claim')));
    }
    const result = (await clock.run(
      publish({ Run: run, ExecutionId: EXECUTION_ID }, lambdaContext('publish')),
    )) as ClaimResult;

    // Assess
    expect(validated.Next).toEqual({ Action: 'SEARCH' });
    expect(result).toMatchObject({ Status: 'SUCCEEDED', Requested: 2 });
    expect(fake.requests.ClaimPhoneNumber).toBe(2);
    expect(appendKeys).toHaveBeenCalledWith({
      executionId: EXECUTION_ID,
      idempotencyKey: validated.IdempotencyKey,
    });
    expect(addMetric).toHaveBeenCalledWith('NumbersClaimed', 'Count', 2);
    expect(addMetric).toHaveBeenCalledWith('RunsSucceeded', 'Count', 1);
    expect(eventsMock.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('validate returns an InvalidRequest naming the problems, without calling Connect', async () => {
    // Prepare
    const { fake, deps } = setUp();

    // Act
    const outcome = (await createValidateHandler(deps)(
      { Input: { InstanceId: INSTANCE_ID, PhoneNumer: '+18005550000' }, ExecutionId: EXECUTION_ID },
      lambdaContext('validate'),
    )) as InvalidRequest;

    // Assess
    expect(outcome.Valid).toBe(false);
    expect(outcome.Message).toContain("PhoneNumer: unknown field (did you mean 'PhoneNumber'?)");
    expect(outcome.Problems).toContainEqual({ Field: 'PhoneNumer', Rule: expect.any(String) });
    expect(Object.values(fake.requests).every((count) => count === 0)).toBe(true);
  });

  it.each([
    ['search', createSearchHandler],
    ['claim', createClaimHandler],
    ['publish', createPublishHandler],
  ])('%s rejects an event that carries no claim run', async (name, factory) => {
    // Prepare
    const { deps } = setUp();

    // Act
    const invocation = factory(deps)(
      { Run: { Valid: true }, ExecutionId: EXECUTION_ID } as never,
      lambdaContext(name),
    );

    // Assess
    await expect(invocation).rejects.toMatchObject({
      name: 'InvalidRunError',
      message: expect.stringContaining(name),
    });
  });

  it('claim reports Connect calls by operation', async () => {
    // Prepare
    const { clock, deps } = setUp();
    const recorded: { dimension?: string; metric?: [string, string, number] }[] = [];
    vi.spyOn(deps.metrics, 'singleMetric').mockImplementation(() => {
      const entry: (typeof recorded)[number] = {};
      recorded.push(entry);
      return {
        addDimension: (_name: string, value: string) => {
          entry.dimension = value;
        },
        addMetric: (name: string, unit: string, value: number) => {
          entry.metric = [name, unit, value];
        },
      } as never;
    });
    const validated = (await createValidateHandler(deps)(
      { Input: { InstanceId: INSTANCE_ID, PhoneNumbers: tollFreeNumbers(3) }, ExecutionId: EXECUTION_ID },
      lambdaContext('validate'),
    )) as ClaimRun;

    // Act
    await clock.run(
      createClaimHandler(deps)({ Run: validated, ExecutionId: EXECUTION_ID }, lambdaContext('claim')),
    );

    // Assess
    expect(recorded).toEqual([{ dimension: 'ClaimPhoneNumber', metric: ['ConnectCalls', 'Count', 3] }]);
  });
});
