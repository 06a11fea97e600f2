import { CONNECT_OPERATIONS } from '../emulator/emulator.ts';
import type { CallStats } from '../emulator/index.ts';

export type ConnectCallTally = {
  /** Connect requests that reached the emulator, answered or not (SDK retries included). */
  readonly total: number;
  readonly byOperation: Readonly<Record<string, number>>;
  /** Requests answered 429 (throttled), all operations. */
  readonly throttled: number;
  readonly throttledByOperation: Readonly<Record<string, number>>;
};

const connectOperations: ReadonlySet<string> = new Set(CONNECT_OPERATIONS);

/**
 * The Connect requests in the emulator's call statistics. The emulator also serves EventBridge PutEvents,
 * which is not a Connect call and is left out.
 */
export function tallyConnectCalls(calls: CallStats): ConnectCallTally {
  let total = 0;
  let throttled = 0;
  const byOperation: Record<string, number> = {};
  const throttledByOperation: Record<string, number> = {};
  for (const [operation, stats] of Object.entries(calls)) {
    if (!connectOperations.has(operation)) continue;
    total += stats.total;
    const refused = stats.byStatus['429'] ?? 0;
    throttled += refused;
    byOperation[operation] = stats.total;
    if (refused > 0) throttledByOperation[operation] = refused;
  }
  return { total, byOperation, throttled, throttledByOperation };
}
