import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { WorkflowDefinitionError } from './workflow-definition.ts';

/**
 * Offline, every figure of the workflow is in simulated seconds and the wall clock runs `timeScale` times
 * slower. These overrides make the engine's own waits (Wait states, Retry intervals) follow the same scale,
 * computed from the definition itself so that nothing of it is restated here.
 */

/** A Step Functions runtime error the engine must neither retry nor catch (as `States.Runtime` on AWS). */
export class StatesRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'States.Runtime';
  }
  // aws-local-stepfunctions reads these two flags of the errors it meets.
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

/**
 * `waitTimeOverrides` with one getter per Wait state. The engine takes fixed milliseconds per state name,
 * but it reads `overrides.waitTimeOverrides[stateName]` at the moment the state runs; by then the task
 * that chose the wait has returned, so a getter can compute the wait from that task's output: the same
 * `SecondsPath` (or `Seconds`) the deployed state machine reads, divided by the time scale.
 */
export function scaledWaitOverrides(
  definition: StateMachineDefinition,
  timeScale: number,
  lastTaskOutput: () => unknown,
): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Wait') continue;
    const { Seconds: seconds, SecondsPath: secondsPath } = state;
    if (seconds === undefined && secondsPath === undefined) {
      throw new WorkflowDefinitionError(
        `Wait state ${stateName} waits until a timestamp; the local runner can only scale Seconds and SecondsPath`,
      );
    }
    Object.defineProperty(overrides, stateName, {
      enumerable: true,
      get: () => {
        const value = secondsPath === undefined ? seconds : readPath(lastTaskOutput(), secondsPath);
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
          throw new StatesRuntimeError(
            `Wait state ${stateName}: ${secondsPath ?? 'Seconds'} must be a non-negative integer, got ${JSON.stringify(value)}`,
          );
        }
        return (value * 1000) / timeScale;
      },
    });
  }
  return overrides;
}

/**
 * `retryIntervalOverrides` with one getter per state that has a Retry. The engine takes one fixed interval
 * per retrier, and skips its own backoff and jitter when given one; the getter therefore recomputes what
 * Step Functions would wait before this retry (IntervalSeconds × BackoffRate^attempt, capped at
 * MaxDelaySeconds, FULL jitter drawn uniformly below it), then scales it. `failedAttempts` says how many
 * attempts of the state have failed in a row: the engine reads the override right after the last of them.
 */
export function scaledRetryOverrides(
  definition: StateMachineDefinition,
  timeScale: number,
  failedAttempts: (stateName: string) => number,
  random: () => number = Math.random,
): Record<string, number[]> {
  const overrides: Record<string, number[]> = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (!('Retry' in state) || state.Retry === undefined) continue;
    const retriers = state.Retry;
    Object.defineProperty(overrides, stateName, {
      enumerable: true,
      get: () => {
        const attempt = Math.max(0, failedAttempts(stateName) - 1);
        return retriers.map((retrier) => {
          // Step Functions' defaults for absent fields.
          const interval = retrier.IntervalSeconds ?? 1;
          const backoff = retrier.BackoffRate ?? 2;
          const uncapped = interval * backoff ** attempt;
          const delay =
            retrier.MaxDelaySeconds === undefined ? uncapped : Math.min(uncapped, retrier.MaxDelaySeconds);
          const jittered = retrier.JitterStrategy === 'FULL' ? random() * delay : delay;
          return (jittered * 1000) / timeScale;
        });
      },
    });
  }
  return overrides;
}

/** Reads a reference path (`$.a.b`), the only form the workflow's SecondsPath takes. */
function readPath(value: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
    throw new WorkflowDefinitionError(`the local runner reads only simple paths like $.a.b, not ${path}`);
  }
  let current = value;
  for (const key of path.split('.').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
