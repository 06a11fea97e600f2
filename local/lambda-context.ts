import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Clock } from '../lambdas/core/clock.ts';

export type LambdaContextOptions = {
  /** The function's name, as the deployed one would carry it. */
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryLimitInMB: number;
  /** The deployed function's timeout: the remaining time counts down from it. */
  readonly timeoutMs: number;
  /** The run's clock: remaining time is measured in the same (simulated) time as everything else. */
  readonly clock: Clock;
};

/** A Lambda context for one in-process invocation: what the middy chain and Powertools read. */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const startedAt = options.clock.now();
  const requestId = randomUUID();
  const unsupported = (method: string) => () => {
    throw new Error(`context.${method}() is a legacy callback API the workflow handlers do not use`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: options.functionArn,
    memoryLimitInMB: String(options.memoryLimitInMB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, options.timeoutMs - (options.clock.now() - startedAt)),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
