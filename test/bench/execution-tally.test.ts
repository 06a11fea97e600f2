import { describe, expect, it } from 'vitest';
import {
  EventLogError,
  type ExecutionEvent,
  estimateHistoryEvents,
  tallyExecution,
} from '../../bench/execution-tally.ts';

/** A synthetic engine log: each entry is [wall ms, type, state name?, state type?]. */
function log(entries: readonly [number, string, string?, string?][]): ExecutionEvent[] {
  return entries.map(([timestamp, type, name, stateType]) =>
    name === undefined
      ? { type, timestamp }
      : { type, timestamp, state: { name, type: stateType ?? 'Task' } },
  );
}

const taskFunctions = { Validate: 'validate', Claim: 'claim', Publish: 'publish' };

describe('Function: tallyExecution', () => {
  it('counts a transition per state entered and per retry, and a Lambda invocation per Task attempt', () => {
    // Prepare
    const events = log([
      [1000, 'ExecutionStarted'],
      [1000, 'StateEntered', 'Validate'],
      [1010, 'StateExited', 'Validate'],
      [1010, 'StateEntered', 'Route', 'Choice'],
      [1010, 'StateExited', 'Route', 'Choice'],
      [1010, 'StateEntered', 'Claim'],
      [1020, 'StateFailed', 'Claim'],
      [1060, 'StateRetried', 'Claim'],
      [1100, 'StateExited', 'Claim'],
      [1100, 'StateEntered', 'Wait', 'Wait'],
      [1500, 'StateExited', 'Wait', 'Wait'],
      [1500, 'StateEntered', 'Publish'],
      [1504, 'StateExited', 'Publish'],
      [1504, 'ExecutionSucceeded'],
    ]);

    // Act
    const tally = tallyExecution(events, { taskFunctions, timeScale: 10 });

    // Assess
    expect(tally.stateTransitions).toBe(6);
    expect(tally.lambdaInvocations).toBe(4);
    expect(tally.lambdas.claim?.invocations).toBe(2);
    expect(tally.statesEntered).toEqual({ Validate: 1, Route: 1, Claim: 1, Wait: 1, Publish: 1 });
  });

  it('bills each attempt from its start to its end in simulated time, leaving out the retry interval', () => {
    // Prepare
    const events = log([
      [0, 'ExecutionStarted'],
      [0, 'StateEntered', 'Claim'],
      [20, 'StateFailed', 'Claim'],
      [1000, 'StateRetried', 'Claim'],
      [1100, 'StateExited', 'Claim'],
      [1100, 'ExecutionSucceeded'],
    ]);

    // Act
    const tally = tallyExecution(events, { taskFunctions, timeScale: 25 });

    // Assess: (20 + 100) wall ms × 25
    expect(tally.lambdas.claim?.billedMs).toBe(3000);
    expect(tally.makespanSeconds).toBe(27.5);
  });

  it('estimates the history from the states entered and exited and three events per Lambda attempt', () => {
    // Prepare: a run that ends in a Fail state, which is entered but never exited
    const events = log([
      [0, 'ExecutionStarted'],
      [0, 'StateEntered', 'Validate'],
      [5, 'StateExited', 'Validate'],
      [5, 'StateEntered', 'Reject', 'Fail'],
      [5, 'StateFailed', 'Reject', 'Fail'],
      [5, 'ExecutionFailed'],
    ]);

    // Act
    const tally = tallyExecution(events, { taskFunctions, timeScale: 1 });

    // Assess: 2 execution events + 2 entered + 1 exited + 3 for the one Lambda attempt
    expect(tally.historyEvents).toBe(8);
  });

  it('bills an attempt cut short by the end of the log until the last event', () => {
    // Prepare
    const events = log([
      [0, 'ExecutionStarted'],
      [0, 'StateEntered', 'Claim'],
      [40, 'ExecutionTerminated'],
    ]);

    // Act
    const tally = tallyExecution(events, { taskFunctions, timeScale: 2 });

    // Assess
    expect(tally.lambdas.claim).toEqual({ invocations: 1, billedMs: 80 });
  });

  it('rejects a log without ExecutionStarted', () => {
    // Prepare
    const events = log([[0, 'StateEntered', 'Claim']]);

    // Act
    const act = () => tallyExecution(events, { taskFunctions, timeScale: 1 });

    // Assess
    expect(act).toThrow(EventLogError);
    expect(act).toThrow(/ExecutionStarted/);
  });
});

describe('Function: estimateHistoryEvents', () => {
  it('adds the execution start and end to the state events and three per Lambda attempt', () => {
    // Act
    const events = estimateHistoryEvents({ statesEntered: 10, statesExited: 9, lambdaAttempts: 4 });

    // Assess
    expect(events).toBe(2 + 10 + 9 + 12);
  });
});
