/**
 * Changes to a run's slots shared by the search and claim steps. Each keeps the run compact: a field that no
 * longer applies is deleted, never left undefined (Step Functions carries every byte of the run).
 */
import type { ClaimRun, FailureName, Slot } from './claim-run.ts';

/** Fields that describe one claim attempt, dropped when the slot moves on to another number or settles. */
const ATTEMPT_FIELDS = ['DueAt', 'Checks', 'Attempts'] as const;

export function isSettled(slot: Slot): boolean {
  return slot.Status === 'CLAIMED' || slot.Status === 'FAILED';
}

/** A search slot still waiting for a number. */
export function isOpen(slot: Slot): boolean {
  return slot.Status === 'PENDING' && slot.PhoneNumber === undefined;
}

export function failSlot(slot: Slot, error: FailureName, message: string): void {
  slot.Status = 'FAILED';
  slot.Error = error;
  slot.Message = message;
  for (const field of ATTEMPT_FIELDS) delete slot[field];
}

export function claimedSlot(
  slot: Slot,
  fields: { PhoneNumberCountryCode?: string; PhoneNumberType?: string },
): void {
  slot.Status = 'CLAIMED';
  if (fields.PhoneNumberCountryCode !== undefined)
    slot.PhoneNumberCountryCode = fields.PhoneNumberCountryCode;
  if (fields.PhoneNumberType !== undefined) slot.PhoneNumberType = fields.PhoneNumberType;
  for (const field of [...ATTEMPT_FIELDS, 'Message', 'Error'] as const) delete slot[field];
}

/** Gives open slots the run's spare numbers, in order, while both last. */
export function assignCandidates(run: ClaimRun): void {
  const candidates = run.Candidates ?? [];
  for (const slot of run.Slots) {
    if (candidates.length === 0) break;
    if (isOpen(slot)) slot.PhoneNumber = candidates.shift();
  }
  setList(run, 'Candidates', candidates);
}

/**
 * A search slot's number failed (unavailable, or its claim FAILED): it is never tried again, and the slot
 * takes the next spare, or waits open for the next search round. After `maxReplacements` it fails.
 */
export function replaceNumber(
  run: ClaimRun,
  slot: Slot,
  failure: FailureName,
  message: string,
  maxReplacements: number,
): void {
  if (slot.PhoneNumber !== undefined) setList(run, 'Tried', [...(run.Tried ?? []), slot.PhoneNumber]);
  const replaced = slot.Replaced ?? 0;
  if (replaced >= maxReplacements) {
    failSlot(
      slot,
      failure,
      replaced === 0 ? message : `${message} (after ${replaced} other numbers in this slot)`,
    );
    return;
  }
  for (const field of [
    ...ATTEMPT_FIELDS,
    'PhoneNumber',
    'PhoneNumberId',
    'PhoneNumberArn',
    'ClaimedAt',
    'Error',
  ] as const) {
    delete slot[field];
  }
  slot.Status = 'PENDING';
  slot.Replaced = replaced + 1;
  // The reason stays as the slot's last error, reported if no later number settles it.
  slot.Message = message;
  assignCandidates(run);
}

function setList(run: ClaimRun, field: 'Candidates' | 'Tried', values: string[]): void {
  if (values.length > 0) run[field] = values;
  else delete run[field];
}
