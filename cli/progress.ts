import type { ClaimRun, Slot } from '../lambdas/core/claim-run.ts';

/**
 * Follows a run as a person would on a terminal: one line each time a number's state changes,
 * stamped with the elapsed (simulated, offline) time. It is fed the run after each workflow step,
 * from the local engine's event log or from a deployed execution's history alike.
 */
export type ProgressReporter = {
  /** A workflow state was entered (some are worth a line: searching, waiting). */
  stateEntered(stateName: string, input: unknown): void;
  /** A step returned this run. */
  runObserved(run: ClaimRun): void;
};

export function createProgressReporter(
  write: (line: string) => void,
  elapsedSeconds: () => number,
): ProgressReporter {
  const seen = new Map<number, string>();
  const stamp = () => `[${elapsedSeconds().toFixed(1).padStart(7)}s]`;
  return {
    stateEntered(stateName, input) {
      if (stateName === 'SearchNumbers') write(`${stamp()} searching the inventory for numbers`);
      if (stateName === 'WaitForClaims') {
        const seconds = waitSecondsOf(input);
        if (seconds !== undefined) write(`${stamp()} waiting ${seconds}s for claims to settle`);
      }
    },
    runObserved(run) {
      run.Slots.forEach((slot, index) => {
        const signature = `${slot.PhoneNumber ?? ''}|${slot.Status}|${slot.Error ?? ''}`;
        const before = seen.get(index);
        if (before === signature) return;
        seen.set(index, signature);
        const previousNumber = before?.split('|')[0];
        if (previousNumber && previousNumber !== slot.PhoneNumber) {
          const reason = slot.Message ? ` (last reason: ${slot.Message})` : '';
          write(
            `${stamp()} ${previousNumber.padEnd(16)} dropped      the slot moved on to a spare number${reason}`,
          );
        }
        const line = describeSlot(slot);
        if (line !== undefined) write(`${stamp()} ${line}`);
      });
    },
  };
}

function describeSlot(slot: Slot): string | undefined {
  const number = (slot.PhoneNumber ?? '(no number yet)').padEnd(16);
  switch (slot.Status) {
    case 'PENDING':
      return slot.PhoneNumber === undefined ? undefined : `${number} claiming`;
    case 'IN_PROGRESS':
      return `${number} IN_PROGRESS  claim accepted, id ${slot.PhoneNumberId}`;
    case 'CLAIMED':
      return `${number} CLAIMED      ${slot.PhoneNumberId}`;
    case 'FAILED':
      return `${number} FAILED       ${slot.Error}: ${slot.Message ?? ''}`;
  }
}

function waitSecondsOf(input: unknown): number | undefined {
  const next = (input as { Next?: { WaitSeconds?: unknown } } | undefined)?.Next;
  return typeof next?.WaitSeconds === 'number' ? next.WaitSeconds : undefined;
}

/** Whether a step's output is a claim run the reporter can follow. */
export function isClaimRun(value: unknown): value is ClaimRun {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { Valid?: unknown }).Valid === true &&
    Array.isArray((value as { Slots?: unknown }).Slots)
  );
}
