import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { parseJsonOrUndefined, withoutUndefined } from './json-values.ts';
import type { ExecutionEnd } from './outcome.ts';

/** What following a deployed execution reports, as the local engine's event log does. */
export type ExecutionObserver = {
  stateEntered(stateName: string, input: unknown): void;
  stateExited(stateName: string, output: unknown): void;
  /** Said once, when the execution is known: started now, or found from an earlier start. */
  started(executionArn: string, reused: boolean): void;
};

export type AwsExecutionOptions = {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly input: unknown;
  /** The request's idempotency key: the execution is named after it. */
  readonly idempotencyKey: string;
  readonly observer: ExecutionObserver;
  readonly pollIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
};

/**
 * Execution names are unique per state machine for 90 days, so naming the execution after the request's
 * idempotency key makes a repeated command find the first execution instead of claiming again.
 */
export function executionNameFor(idempotencyKey: string): string {
  return `claim-${idempotencyKey}`;
}

/** arn:aws:states:<region>:<account>:stateMachine:<name> → …:execution:<name>:<executionName> */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[5] !== 'stateMachine') {
    throw new Error(`Not a state machine ARN: ${stateMachineArn}`);
  }
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}

/** StartExecution (or find the earlier one), follow its history to the end, and return how it ended. */
export async function runOnAws(options: AwsExecutionOptions): Promise<ExecutionEnd> {
  const { sfn, stateMachineArn, observer } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const name = executionNameFor(options.idempotencyKey);
  let executionArn: string;
  try {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(options.input) }),
    );
    executionArn = required(started.executionArn, 'StartExecution returned no executionArn');
    observer.started(executionArn, false);
  } catch (error: unknown) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    executionArn = executionArnFor(stateMachineArn, name);
    observer.started(executionArn, true);
  }

  const cursor: HistoryCursor = { lastEventId: 0 };
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    await replayHistory(sfn, executionArn, cursor, observer);
    if (described.status !== 'RUNNING' && described.status !== 'PENDING_REDRIVE') {
      return withoutUndefined({
        status: described.status ?? 'UNKNOWN',
        output: described.output,
        error: described.error,
        cause: described.cause,
      });
    }
    await sleep(options.pollIntervalMs ?? 2000);
  }
}

/** Where the replay of a history got to: the page it is on and the last event it reported. */
type HistoryCursor = { pageToken?: string; lastEventId: number };

/** Feeds the history events not reported yet to the observer, moving the cursor on. */
async function replayHistory(
  sfn: SFNClient,
  executionArn: string,
  cursor: HistoryCursor,
  observer: ExecutionObserver,
): Promise<void> {
  for (;;) {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        nextToken: cursor.pageToken,
        maxResults: 1000,
        includeExecutionData: true,
      }),
    );
    for (const event of page.events ?? []) {
      if ((event.id ?? 0) <= cursor.lastEventId) continue;
      cursor.lastEventId = event.id ?? cursor.lastEventId;
      observe(event, observer);
    }
    if (!page.nextToken) return;
    cursor.pageToken = page.nextToken;
  }
}

function observe(event: HistoryEvent, observer: ExecutionObserver): void {
  const entered = event.stateEnteredEventDetails;
  if (entered?.name) observer.stateEntered(entered.name, parseJsonOrUndefined(entered.input));
  const exited = event.stateExitedEventDetails;
  if (exited?.name) observer.stateExited(exited.name, parseJsonOrUndefined(exited.output));
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}
