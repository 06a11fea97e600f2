import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../lambdas/core/claim-run.ts';
import { runCliCaptured } from './cli-harness.ts';

const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:PhoneNumberClaimer';
const executionArn = (name: string) =>
  `arn:aws:states:us-east-1:123456789012:execution:PhoneNumberClaimer:${name}`;
const instanceId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const clientToken = '0f1e2d3c-4b5a-4978-8877-665544332211';

const claimed: ClaimResult = {
  Status: 'SUCCEEDED',
  Requested: 1,
  Claimed: [
    {
      PhoneNumber: '+18005550100',
      PhoneNumberId: 'd0c0ffee-0000-4000-8000-000000000001',
      PhoneNumberArn:
        'arn:aws:connect:us-east-1:123456789012:phone-number/d0c0ffee-0000-4000-8000-000000000001',
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: 'TOLL_FREE',
      PhoneNumberStatus: { Status: 'CLAIMED' },
    },
  ],
  Failed: [],
};
const nothingClaimed: ClaimResult = {
  Status: 'FAILED',
  Requested: 1,
  Claimed: [],
  Failed: [
    {
      PhoneNumber: '+18005550100',
      Error: 'NumberUnavailable',
      Message: 'Phone number not available: +18005550100',
    },
  ],
};

const args = [
  '--state-machine-arn',
  stateMachineArn,
  '--instance-id',
  instanceId,
  '--phone-number',
  '+18005550100',
];
const sfn = mockClient(SFNClient);

function executionEnds(end: { status: string; output?: string; error?: string; cause?: string }) {
  sfn
    .on(DescribeExecutionCommand)
    .resolvesOnce({ status: 'RUNNING' } as never)
    .resolves(end as never);
  sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
}

describe('CLI: --state-machine-arn (AWS mode)', () => {
  beforeEach(() => {
    sfn.reset();
    sfn
      .on(StartExecutionCommand)
      .callsFake((input: { name: string }) => ({ executionArn: executionArn(input.name) }));
  });

  it('starts an execution named after the request, follows it to the end and prints its result', async () => {
    executionEnds({ status: 'SUCCEEDED', output: JSON.stringify(claimed) });

    const run = await runCliCaptured([...args, '--client-token', clientToken, '--json']);

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(claimed);
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start?.stateMachineArn).toBe(stateMachineArn);
    expect(start?.name).toBe(`claim-${clientToken}`);
    expect(JSON.parse(start?.input ?? '')).toEqual({
      InstanceId: instanceId,
      PhoneNumber: '+18005550100',
      ClientToken: clientToken,
    });
    expect(sfn.commandCalls(DescribeExecutionCommand).length).toBeGreaterThanOrEqual(2);
  });

  it('names a repeated request the same way, so Step Functions runs it once', async () => {
    executionEnds({ status: 'SUCCEEDED', output: JSON.stringify(claimed) });

    await runCliCaptured(args);
    await runCliCaptured(args);

    const [first, second] = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name);
    expect(first).toMatch(/^claim-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toBe(first);
  });

  it('follows the earlier execution when the request was already started, without starting another', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    executionEnds({ status: 'SUCCEEDED', output: JSON.stringify(claimed) });

    const run = await runCliCaptured([...args, '--client-token', clientToken, '--json']);

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(claimed);
    expect(run.stderr).toContain('found the earlier execution');
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input.executionArn).toBe(
      executionArn(`claim-${clientToken}`),
    );
  });

  it('reports a run that claimed nothing (ClaimFailed) with its result and exit status 1', async () => {
    executionEnds({ status: 'FAILED', error: 'ClaimFailed', cause: JSON.stringify(nothingClaimed) });

    const run = await runCliCaptured([...args, '--json']);

    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(nothingClaimed);
  });

  it('exits 2 when the deployed workflow refuses the input', async () => {
    executionEnds({ status: 'FAILED', error: 'InvalidInput', cause: 'PhoneNumber: must be E.164' });

    const run = await runCliCaptured(args);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PhoneNumber: must be E.164');
  });

  it('exits 3 with the error when the execution fails otherwise', async () => {
    executionEnds({ status: 'FAILED', error: 'States.Runtime', cause: 'boom' });

    const run = await runCliCaptured(args);

    expect(run.status).toBe(3);
    expect(run.stderr).toContain('States.Runtime: boom');
  });

  it('shows each number as it changes, from the execution history', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: 'SUCCEEDED', output: JSON.stringify(claimed) } as never);
    const slot = { Status: 'IN_PROGRESS', PhoneNumber: '+18005550100', PhoneNumberId: 'id-1' };
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 7,
          type: 'TaskStateExited',
          timestamp: new Date(),
          stateExitedEventDetails: {
            name: 'ClaimAndTrack',
            output: JSON.stringify({ Valid: true, Slots: [slot] }),
          },
        },
      ],
    });

    const run = await runCliCaptured(args);

    expect(run.stderr).toMatch(/\+18005550100\s+IN_PROGRESS/);
    expect(run.stdout).toContain('SUCCEEDED: 1 of 1 claimed');
  });

  it('refuses to run without a request, and calls nothing', async () => {
    const run = await runCliCaptured(['--state-machine-arn', stateMachineArn, '--instance-id', instanceId]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Nothing to claim');
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a --state-machine-arn that is no state machine ARN, and calls nothing', async () => {
    const run = await runCliCaptured([
      '--state-machine-arn',
      'PhoneNumberClaimer',
      '--phone-number',
      '+18005550100',
    ]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--state-machine-arn: must be a state machine ARN');
    expect(sfn.calls()).toHaveLength(0);
  });

  it("asks Step Functions in the state machine's own region", async () => {
    executionEnds({ status: 'SUCCEEDED', output: JSON.stringify(claimed) });
    const regional = `arn:aws:states:eu-west-2:123456789012:stateMachine:PhoneNumberClaimer`;

    await runCliCaptured([
      '--state-machine-arn',
      regional,
      '--instance-id',
      instanceId,
      '--phone-number',
      '+18005550100',
    ]);

    expect(await sfn.commandCalls(StartExecutionCommand)[0]?.thisValue.config.region()).toBe('eu-west-2');
  });

  it('refuses emulator options, which only apply offline', async () => {
    const run = await runCliCaptured([...args, '--emulator-report', 'x.json']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--emulator-report applies only offline');
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses invalid input before calling Step Functions, naming the flag and the field', async () => {
    const run = await runCliCaptured([
      '--state-machine-arn',
      stateMachineArn,
      '--instance-id',
      instanceId,
      '--phone-number',
      '555',
    ]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--phone-number (PhoneNumber)');
    expect(sfn.calls()).toHaveLength(0);
  });
});
