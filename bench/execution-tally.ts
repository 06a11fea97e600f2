/**
 * Figures of one execution read from the local engine's event log: what Step Functions would bill and
 * record for the same run. The log's timestamps are wall-clock ms; the run's time is simulated, so every
 * duration is scaled by the run's `timeScale`.
 */

/** The part of an aws-local-stepfunctions event the tally reads (the engine's `EventLog` fits it). */
export type ExecutionEvent = {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly type: string };
};

export type LambdaUsage = {
  /** Attempts of the function's Task states: entries plus retries. */
  invocations: number;
  /** Simulated milliseconds the attempts ran, each rounded up to a whole ms as Lambda bills them. */
  billedMs: number;
};

export type ExecutionTally = {
  /** Simulated seconds from ExecutionStarted to the execution's last event. */
  readonly makespanSeconds: number;
  /** Billed Standard transitions: every state entered, plus every retry of a state. */
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** Per Lambda (named as in `taskFunctions`). */
  readonly lambdas: Readonly<Record<string, LambdaUsage>>;
  /** How often each state was entered: where the transitions went. */
  readonly statesEntered: Readonly<Record<string, number>>;
  /** The estimated length of the execution's Step Functions history (see `estimateHistoryEvents`). */
  readonly historyEvents: number;
};

export class EventLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventLogError';
  }
}

/**
 * The events a Standard execution's history would hold, from the local log:
 * ExecutionStarted and its end (2), each state's `…StateEntered` and `…StateExited` as the engine logged
 * them (a Fail state has no exit), and per Lambda attempt LambdaFunctionScheduled, …Started and
 * …Succeeded|Failed|TimedOut (3). A retry adds only the attempt's 3: the state is not re-entered.
 */
export function estimateHistoryEvents(counts: {
  readonly statesEntered: number;
  readonly statesExited: number;
  readonly lambdaAttempts: number;
}): number {
  return 2 + counts.statesEntered + counts.statesExited + 3 * counts.lambdaAttempts;
}

/**
 * Tallies an execution's event log. `taskFunctions` names the Lambda of each Task state; `timeScale`
 * is simulated seconds per wall-clock second of the run.
 */
export function tallyExecution(
  events: readonly ExecutionEvent[],
  options: { readonly taskFunctions: Readonly<Record<string, string>>; readonly timeScale: number },
): ExecutionTally {
  const started = events.find((event) => event.type === 'ExecutionStarted');
  const last = events.at(-1);
  if (started === undefined || last === undefined) {
    throw new EventLogError('the event log has no ExecutionStarted event: the execution never started');
  }
  const toSimulatedMs = (wallMs: number) => wallMs * options.timeScale;

  let stateTransitions = 0;
  let statesEnteredTotal = 0;
  let statesExited = 0;
  const statesEntered: Record<string, number> = {};
  const lambdas: Record<string, LambdaUsage> = {};
  // The wall-clock start of the attempt each Task state is running now.
  const running = new Map<string, number>();

  const usageOf = (name: string): LambdaUsage => {
    const usage = lambdas[name] ?? { invocations: 0, billedMs: 0 };
    lambdas[name] = usage;
    return usage;
  };
  const endAttempt = (stateName: string, at: number) => {
    const startedAt = running.get(stateName);
    const name = options.taskFunctions[stateName];
    if (startedAt === undefined || name === undefined) return;
    running.delete(stateName);
    usageOf(name).billedMs += Math.ceil(toSimulatedMs(at - startedAt));
  };
  const startAttempt = (stateName: string, at: number) => {
    const name = options.taskFunctions[stateName];
    if (name === undefined) return;
    usageOf(name).invocations += 1;
    running.set(stateName, at);
  };

  for (const event of events) {
    const state = event.state;
    if (state === undefined) continue;
    switch (event.type) {
      case 'StateEntered':
        stateTransitions += 1;
        statesEnteredTotal += 1;
        statesEntered[state.name] = (statesEntered[state.name] ?? 0) + 1;
        startAttempt(state.name, event.timestamp);
        break;
      case 'StateRetried':
        // The engine logs the retry after its interval, just before the next attempt starts.
        stateTransitions += 1;
        startAttempt(state.name, event.timestamp);
        break;
      case 'StateFailed':
        endAttempt(state.name, event.timestamp);
        break;
      case 'StateExited':
        statesExited += 1;
        endAttempt(state.name, event.timestamp);
        break;
    }
  }
  // An execution cut short (aborted, timed out) still ran its last attempt until then.
  for (const stateName of [...running.keys()]) endAttempt(stateName, last.timestamp);

  const lambdaInvocations = Object.values(lambdas).reduce((sum, usage) => sum + usage.invocations, 0);
  return {
    makespanSeconds: toSimulatedMs(last.timestamp - started.timestamp) / 1000,
    stateTransitions,
    lambdaInvocations,
    lambdas,
    statesEntered,
    historyEvents: estimateHistoryEvents({
      statesEntered: statesEnteredTotal,
      statesExited,
      lambdaAttempts: lambdaInvocations,
    }),
  };
}
