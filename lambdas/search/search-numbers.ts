/**
 * The search step: finds numbers for a search request's open slots, with spares for numbers that turn out
 * unavailable or whose claim fails. Its first round first recovers what an earlier run of the same request
 * claimed (Connect keeps our request tag on each number), so a re-run claims nothing new.
 */
import type {
  ListPhoneNumbersV2CommandInput,
  PhoneNumberCountryCode,
  PhoneNumberType,
} from '@aws-sdk/client-connect';
import { type ClaimRun, type FailureName, type SearchCriteria, targetOf } from '../core/claim-run.ts';
import { type ConnectCalls, connectCalls } from '../core/connect-calls.ts';
import { classifyConnectError } from '../core/connect-errors.ts';
import type { StepDependencies } from '../core/dependencies.ts';
import { ConnectUnavailableError, InvalidRunError } from '../core/errors.ts';
import { describeIfOwn, takeOverClaim } from '../core/own-claims.ts';
import { resolveSettings } from '../core/settings.ts';
import { assignCandidates, failSlot, isOpen } from '../core/slots.ts';

/** SearchAvailablePhoneNumbers returns at most 10 numbers a page. */
const SEARCH_PAGE_SIZE = 10;
/** Pages a round may read beyond those it needs, for numbers skipped as already tried. */
const EXTRA_SEARCH_PAGES = 5;
const LIST_PAGE_SIZE = 1000;

/** Spares gathered beyond the open slots: enough for a quarter of them failing, and a couple more. */
export function sparesFor(openSlots: number): number {
  return Math.ceil(openSlots / 4) + 2;
}

export async function searchNumbers(input: ClaimRun, deps: StepDependencies): Promise<ClaimRun> {
  const run = structuredClone(input);
  const search = run.Request.Search;
  const settings = resolveSettings(deps.settings);
  const calls = connectCalls(deps);
  const round = run.SearchRounds ?? 0;

  if (!search) {
    // Explicit numbers: nothing to search, only what an earlier run of the request claimed to find.
    if (round > 0) throw new InvalidRunError('The search step was asked to search for explicit numbers');
    // A terminal error (no such target, access denied) is left to the claim step, which fails the slots
    // with Connect's own answer to their claims.
    await handlingConnectErrors(
      () => recoverEarlierClaims(run, calls, deps),
      () => {},
    );
    run.SearchRounds = 1;
    run.Next = { Action: nextAction(run) };
    return run;
  }

  await handlingConnectErrors(
    async () => {
      if (round === 0) await recoverEarlierClaims(run, calls, deps);
      assignCandidates(run);
      const open = run.Slots.filter(isOpen);
      if (open.length > 0 && round >= settings.maxSearchRounds) {
        for (const slot of open) {
          failSlot(
            slot,
            'NoNumbersAvailable',
            `No number could be claimed for this slot in ${settings.maxSearchRounds} search rounds`,
          );
        }
      } else if (open.length > 0) {
        const wanted = open.length + sparesFor(open.length) - (run.Candidates?.length ?? 0);
        const exclude = new Set([...(run.Tried ?? []), ...(run.Candidates ?? [])]);
        for (const slot of run.Slots) if (slot.PhoneNumber !== undefined) exclude.add(slot.PhoneNumber);
        const found = await findAvailableNumbers(run, search, wanted, exclude, calls);
        run.Candidates = [...(run.Candidates ?? []), ...found.numbers];
        assignCandidates(run);
        if (found.exhausted) {
          for (const slot of run.Slots.filter(isOpen)) {
            failSlot(
              slot,
              'NoNumbersAvailable',
              `Connect has no more available numbers matching ${criteria(search)}`,
            );
          }
        }
      }
    },
    (failure, message) => failOpenSlots(run, failure, message),
  );

  // A call past the last round searches nothing: it only settles the slots still open.
  if (round < settings.maxSearchRounds) run.SearchRounds = round + 1;
  run.Next = { Action: nextAction(run) };
  deps.logger?.info('Search round done', {
    round: run.SearchRounds,
    open: run.Slots.filter(isOpen).length,
    candidates: run.Candidates?.length ?? 0,
  });
  return run;
}

/**
 * Runs the step's Connect work: a retryable error becomes ConnectUnavailable, which Step Functions retries
 * (the step is idempotent); a terminal one goes to `onTerminal`; anything else is a bug and propagates.
 */
async function handlingConnectErrors(
  work: () => Promise<void>,
  onTerminal: (failure: FailureName, message: string) => void,
): Promise<void> {
  try {
    await work();
  } catch (error: unknown) {
    const classified = classifyConnectError(error);
    if (!classified) throw error;
    if (classified.retryable) {
      throw new ConnectUnavailableError(`The search step could not reach Connect: ${classified.message}`, {
        cause: error,
      });
    }
    onTerminal(classified.failure, classified.message);
  }
}

/**
 * Finds the numbers an earlier run of the same request claimed: they carry the request's tag. CLAIMED ones
 * count as claimed, IN_PROGRESS ones are checked by the claim step, FAILED ones are never tried again. A
 * search request's recovered numbers fill its open slots; an explicit request's fill the slots of those
 * numbers, which are then not claimed again.
 */
async function recoverEarlierClaims(
  run: ClaimRun,
  calls: ConnectCalls,
  deps: StepDependencies,
): Promise<void> {
  const search = run.Request.Search;
  const description = run.Request.PhoneNumberDescription ?? '';
  const pendingNumbers = new Map(
    run.Slots.flatMap((slot) =>
      slot.Status === 'PENDING' && slot.PhoneNumber !== undefined ? [[slot.PhoneNumber, slot] as const] : [],
    ),
  );
  const listed: { PhoneNumberId: string; PhoneNumber?: string }[] = [];
  let nextToken: string | undefined;
  do {
    const request: ListPhoneNumbersV2CommandInput = {
      ...targetOf(run.Request),
      ...listFilter(search, [...pendingNumbers.keys()]),
      MaxResults: LIST_PAGE_SIZE,
      ...(nextToken !== undefined && { NextToken: nextToken }),
    };
    const page = await calls.list(request);
    for (const summary of page.ListPhoneNumbersSummaryList ?? []) {
      // Our claims carry the request's description: a number with another one was not claimed by this request,
      // and need not cost a DescribePhoneNumber call.
      if (summary.PhoneNumberId === undefined || (summary.PhoneNumberDescription ?? '') !== description)
        continue;
      const ours = search ? summary.PhoneNumber !== undefined : pendingNumbers.has(summary.PhoneNumber ?? '');
      if (!ours) continue;
      listed.push({ PhoneNumberId: summary.PhoneNumberId, PhoneNumber: summary.PhoneNumber });
    }
    nextToken = page.NextToken;
  } while (nextToken);

  let recovered = 0;
  for (const { PhoneNumberId, PhoneNumber } of listed) {
    const slot = search ? run.Slots.find(isOpen) : pendingNumbers.get(PhoneNumber ?? '');
    if (!slot) {
      if (search) break; // every open slot is filled
      continue;
    }
    const summary = await describeIfOwn(calls, PhoneNumberId, run.IdempotencyKey);
    if (summary === undefined) continue;
    if (takeOverClaim(slot, summary, deps.clock.now())) recovered++;
    else if (search && summary.PhoneNumber !== undefined)
      run.Tried = [...(run.Tried ?? []), summary.PhoneNumber];
  }
  if (recovered > 0) deps.logger?.info('Recovered numbers claimed by an earlier run', { recovered });
}

/** Narrows the list to what the request could have claimed: its search criteria, or its one number. */
function listFilter(
  search: SearchCriteria | undefined,
  numbers: readonly string[],
): Partial<ListPhoneNumbersV2CommandInput> {
  if (search) {
    return {
      PhoneNumberCountryCodes: [search.PhoneNumberCountryCode as PhoneNumberCountryCode],
      PhoneNumberTypes: [search.PhoneNumberType as PhoneNumberType],
      ...(search.PhoneNumberPrefix !== undefined && { PhoneNumberPrefix: search.PhoneNumberPrefix }),
    };
  }
  return numbers.length === 1 ? { PhoneNumberPrefix: numbers[0] } : {};
}

async function findAvailableNumbers(
  run: ClaimRun,
  search: SearchCriteria,
  wanted: number,
  exclude: Set<string>,
  calls: ConnectCalls,
): Promise<{ numbers: string[]; exhausted: boolean }> {
  const numbers: string[] = [];
  const maxPages = Math.ceil(wanted / SEARCH_PAGE_SIZE) + EXTRA_SEARCH_PAGES;
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await calls.searchAvailable({
      ...targetOf(run.Request),
      PhoneNumberCountryCode: search.PhoneNumberCountryCode as PhoneNumberCountryCode,
      PhoneNumberType: search.PhoneNumberType as PhoneNumberType,
      ...(search.PhoneNumberPrefix !== undefined && { PhoneNumberPrefix: search.PhoneNumberPrefix }),
      MaxResults: SEARCH_PAGE_SIZE,
      ...(nextToken !== undefined && { NextToken: nextToken }),
    });
    pages++;
    for (const available of page.AvailableNumbersList ?? []) {
      const number = available.PhoneNumber;
      if (number === undefined || exclude.has(number)) continue;
      exclude.add(number);
      numbers.push(number);
    }
    nextToken = page.NextToken;
  } while (numbers.length < wanted && nextToken && pages < maxPages);
  return { numbers, exhausted: !nextToken && numbers.length < wanted };
}

function failOpenSlots(run: ClaimRun, failure: FailureName, message: string): void {
  for (const slot of run.Slots.filter(isOpen)) failSlot(slot, failure, message);
}

function nextAction(run: ClaimRun): 'CLAIM' | 'SEARCH' | 'DONE' {
  if (
    run.Slots.some((slot) => slot.Status === 'IN_PROGRESS' || (slot.Status === 'PENDING' && !isOpen(slot)))
  ) {
    return 'CLAIM';
  }
  return run.Slots.some(isOpen) ? 'SEARCH' : 'DONE';
}

function criteria(search: SearchCriteria): string {
  return [search.PhoneNumberCountryCode, search.PhoneNumberType, search.PhoneNumberPrefix]
    .filter((part) => part !== undefined)
    .join(' ');
}
