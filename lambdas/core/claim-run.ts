/**
 * The claim run: the one state object that travels through every state of the workflow as `$`.
 * Every Lambda takes a run and returns the next one; `Next` tells the state machine's `Route` choice
 * where to go. Keep it compact: Step Functions limits a state's payload to 256 KiB.
 */

/** Where the numbers are claimed: exactly one of the two, as in ClaimPhoneNumber. */
export type ClaimTarget = { readonly InstanceId: string } | { readonly TargetArn: string };

/** Where the run claims, as the members of a Connect request (the request itself carries more). */
export function targetOf(request: ClaimTarget): ClaimTarget {
  return 'TargetArn' in request ? { TargetArn: request.TargetArn } : { InstanceId: request.InstanceId };
}

export type SearchCriteria = {
  readonly PhoneNumberCountryCode: string;
  readonly PhoneNumberType: string;
  readonly PhoneNumberPrefix?: string;
  readonly Quantity: number;
};

/** The validated, normalized workflow input (SPEC section 3). */
export type ClaimRequest = ClaimTarget & {
  /** Explicit numbers, de-duplicated, in the order given; absent for a search request. */
  readonly PhoneNumbers?: readonly string[];
  readonly Search?: SearchCriteria;
  readonly PhoneNumberDescription?: string;
  readonly Tags?: Readonly<Record<string, string>>;
  readonly ClientToken?: string;
};

export type SlotStatus = 'PENDING' | 'IN_PROGRESS' | 'CLAIMED' | 'FAILED';

/** Stable failure names of SPEC section 4, matched by users and tests. */
export type FailureName =
  | 'NumberUnavailable' // taken by someone else, or not in the inventory
  | 'NoNumbersAvailable' // the search found no number for this slot
  | 'ClaimFailed' // Connect reported the claim FAILED
  | 'LimitExceeded' // the target's quota or the claim-and-release limit
  | 'StillInProgress' // the deadline passed while the claim was IN_PROGRESS
  | 'DeadlineExceeded' // the deadline passed before the claim could be sent
  | 'InvalidParameter' // Connect rejected the parameters
  | 'AccessDenied'
  | 'ResourceNotFound' // the instance or traffic distribution group does not exist
  | 'WorkflowError'; // a workflow step failed after all its retries

/** One requested number, or one search slot. */
export type Slot = {
  Status: SlotStatus;
  /** The number this slot claims now (explicit: fixed; search: the current candidate). */
  PhoneNumber?: string;
  PhoneNumberId?: string;
  PhoneNumberArn?: string;
  PhoneNumberCountryCode?: string;
  PhoneNumberType?: string;
  /** Simulated epoch ms of the accepted claim. */
  ClaimedAt?: number;
  /** Simulated epoch ms at which the next claim attempt or status check is due. */
  DueAt?: number;
  /** Status checks made since the claim was accepted. */
  Checks?: number;
  /** Claim attempts that met a retryable error. */
  Attempts?: number;
  /** Numbers that failed in this slot and were replaced by spares (search only). */
  Replaced?: number;
  Error?: FailureName;
  Message?: string;
};

export type NextAction =
  | { readonly Action: 'SEARCH' }
  | { readonly Action: 'CLAIM' }
  | { readonly Action: 'WAIT'; readonly WaitSeconds: number }
  | { readonly Action: 'DONE' };

export type ClaimRun = {
  readonly Valid: true;
  readonly Request: ClaimRequest;
  /** The idempotency key of the whole request (ClientToken, or derived from the request). */
  readonly IdempotencyKey: string;
  /** Simulated epoch ms after which nothing new is claimed and unsettled slots fail. */
  readonly DeadlineAt: number;
  /** What scopes the claims' ClientTokens besides the key: the execution (see `claimClientToken`). */
  readonly ClaimScope?: string;
  Slots: Slot[];
  /** Spare numbers found by the search and not yet tried (search only). */
  Candidates?: string[];
  /** Numbers already tried by this run, never searched or claimed again (search only). */
  Tried?: string[];
  SearchRounds?: number;
  Next: NextAction;
  /** Set by the workflow's Catch when a step failed after all its retries. */
  StepError?: { Error: string; Cause?: string };
};

export type InvalidRequest = {
  readonly Valid: false;
  readonly Message: string;
  readonly Problems: readonly { readonly Field: string; readonly Rule: string }[];
};

/** The workflow result (SPEC section 4). */
export type ClaimedNumber = {
  PhoneNumber: string;
  PhoneNumberId: string;
  PhoneNumberArn: string;
  PhoneNumberCountryCode: string;
  PhoneNumberType: string;
  PhoneNumberStatus: { Status: 'CLAIMED' };
};

export type FailedNumber = {
  PhoneNumber?: string;
  PhoneNumberId?: string;
  Error: FailureName;
  Message: string;
};

export type ClaimResult = {
  Status: 'SUCCEEDED' | 'PARTIALLY_SUCCEEDED' | 'FAILED';
  Requested: number;
  Claimed: ClaimedNumber[];
  Failed: FailedNumber[];
};
