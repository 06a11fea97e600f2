import { type ClaimTarget, phoneNumberArn, phoneNumberIdOf, resolveTarget } from './arns.ts';
import type { EmulatorConfig } from './config.ts';
import {
  IdempotencyError,
  InvalidParameterError,
  ResourceInUseError,
  ResourceNotFoundError,
} from './errors.ts';
import { Inventory, type InventoryNumber } from './inventory.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';
import { SeededRandom } from './random.ts';
import type { ClaimRequest, ListRequest, ReleaseRequest, SearchRequest, UpdateRequest } from './requests.ts';

const DAY_MS = 86_400_000;
/** How long a number whose claim FAILED stays out of search results (CONNECT_API.md: one day). */
const FAILED_CLAIM_HOLD_MS = DAY_MS;

export type PhoneNumberStatusName = 'IN_PROGRESS' | 'CLAIMED' | 'FAILED' | 'RELEASED';

export type HistoryEntry = {
  readonly Status: PhoneNumberStatusName;
  readonly At: string;
  readonly Message?: string;
};

/** The fate of a claim or update, decided when Connect accepts it so that runs are reproducible. */
type PendingTransition = {
  readonly SettleAt: number;
  readonly Outcome: 'CLAIMED' | 'FAILED';
  readonly Message?: string;
  /** A failed update leaves the number claimed to where it was. */
  readonly RevertTo?: { readonly TargetArn: string; readonly InstanceId: string };
};

/** One claim of a number, from ClaimPhoneNumber to its release. A number claimed again gets a new record. */
export type PhoneNumberRecord = {
  readonly PhoneNumberId: string;
  readonly PhoneNumberArn: string;
  readonly PhoneNumber: string;
  readonly PhoneNumberCountryCode: string;
  readonly PhoneNumberType: string;
  readonly PhoneNumberDescription?: string;
  readonly Tags: Readonly<Record<string, string>>;
  TargetArn: string;
  InstanceId: string;
  Status: PhoneNumberStatusName;
  Message?: string;
  /** Whether the number is claimed to `TargetArn`: IN_PROGRESS, CLAIMED, or FAILED by an update. */
  Held: boolean;
  history: HistoryEntry[];
  Pending?: PendingTransition;
  ReleasedAt?: number;
  /** When a claim of the number FAILED: Connect keeps it for the claimant for a day, out of search results. */
  FailedAt?: number;
  /** The target the number was released from: churn is counted per target. */
  ReleasedFrom?: string;
};

/** A number as `GET /_emulator/state` shows it. */
export type PhoneNumberView = {
  readonly PhoneNumber: string;
  readonly PhoneNumberId: string;
  readonly PhoneNumberArn: string;
  readonly TargetArn: string;
  readonly InstanceId: string;
  readonly Status: PhoneNumberStatusName;
  readonly Message?: string;
  readonly PhoneNumberCountryCode: string;
  readonly PhoneNumberType: string;
  readonly PhoneNumberDescription?: string;
  readonly Tags: Readonly<Record<string, string>>;
  readonly history: readonly HistoryEntry[];
  /** For a RELEASED number: when it may be searched and claimed again. */
  readonly CooldownUntil?: string;
};

type StoredAnswer = { readonly fingerprint: string; readonly answer: Readonly<Record<string, string>> };

/** Everything the service must keep to carry on after a restart (the state file). */
export type PhoneNumberServiceState = {
  readonly inventorySeed: number;
  readonly records: readonly PhoneNumberRecord[];
  /** Numbers "someone else" claimed after a search (contention): gone from the inventory for good. */
  readonly taken: readonly string[];
  readonly tokens: readonly (readonly [string, StoredAnswer])[];
  readonly random: { readonly fates: number; readonly ids: number };
};

export type ClaimAnswer = { readonly PhoneNumberId: string; readonly PhoneNumberArn: string };

const iso = (ms: number): string => new Date(ms).toISOString();

function withPlus(prefix: string): string {
  return prefix.startsWith('+') ? prefix : `+${prefix}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The emulated Connect phone-number service: inventory, claims and their asynchronous settling,
 * idempotency, quota, churn limit and cooldown. Time is the simulated clock's; claims settle lazily, so
 * every operation first calls `settle()`.
 */
export class PhoneNumberService {
  readonly #config: () => EmulatorConfig;
  readonly #now: () => number;
  readonly #inventory: Inventory;
  readonly #inventorySeed: number;
  readonly #records: PhoneNumberRecord[];
  readonly #byId = new Map<string, PhoneNumberRecord>();
  readonly #latestByNumber = new Map<string, PhoneNumberRecord>();
  readonly #taken: Set<string>;
  readonly #tokens: Map<string, StoredAnswer>;
  readonly #fates: SeededRandom;
  readonly #ids: SeededRandom;

  constructor(deps: { config: () => EmulatorConfig; now: () => number }, state?: PhoneNumberServiceState) {
    this.#config = deps.config;
    this.#now = deps.now;
    const seed = state?.inventorySeed ?? deps.config().seed;
    this.#inventorySeed = seed;
    this.#inventory = new Inventory(seed);
    this.#records = state ? structuredClone([...state.records]) : [];
    for (const record of this.#records) {
      this.#byId.set(record.PhoneNumberId, record);
      this.#latestByNumber.set(record.PhoneNumber, record);
    }
    this.#taken = new Set(state?.taken);
    this.#tokens = new Map(state?.tokens.map(([key, answer]) => [key, answer]));
    this.#fates = new SeededRandom(state?.random.fates ?? SeededRandom.derive(seed, 'fates').state);
    this.#ids = new SeededRandom(state?.random.ids ?? SeededRandom.derive(seed, 'ids').state);
  }

  toState(): PhoneNumberServiceState {
    return structuredClone({
      inventorySeed: this.#inventorySeed,
      records: this.#records,
      taken: [...this.#taken],
      tokens: [...this.#tokens.entries()],
      random: { fates: this.#fates.state, ids: this.#ids.state },
    });
  }

  /** Applies every claim or update whose time has come, in the order they settle. */
  settle(): void {
    const now = this.#now();
    const due = this.#records
      .filter((record) => record.Pending !== undefined && record.Pending.SettleAt <= now)
      .sort((a, b) => (a.Pending?.SettleAt ?? 0) - (b.Pending?.SettleAt ?? 0));
    for (const record of due) {
      const pending = record.Pending;
      if (!pending) continue;
      delete record.Pending;
      if (pending.Outcome === 'CLAIMED') {
        record.Status = 'CLAIMED';
        delete record.Message;
      } else {
        record.Status = 'FAILED';
        record.Message = pending.Message ?? 'The phone number could not be provisioned by the carrier.';
        if (pending.RevertTo) {
          record.TargetArn = pending.RevertTo.TargetArn;
          record.InstanceId = pending.RevertTo.InstanceId;
        } else {
          record.Held = false;
          record.FailedAt = pending.SettleAt;
        }
      }
      record.history.push({
        Status: record.Status,
        At: iso(pending.SettleAt),
        ...(record.Message === undefined ? {} : { Message: record.Message }),
      });
    }
  }

  /** Whether a claim (this account's) may take the number. */
  isAvailable(phoneNumber: string): boolean {
    if (!this.#inventory.get(phoneNumber) || this.#taken.has(phoneNumber)) return false;
    const latest = this.#latestByNumber.get(phoneNumber);
    if (!latest) return true;
    if (latest.Held) return false;
    if (latest.Status === 'RELEASED') {
      return this.#now() >= (latest.ReleasedAt ?? 0) + this.#config().releaseCooldownDays * DAY_MS;
    }
    // A FAILED claim: the claimant may retry the number (with a new ClientToken) at once.
    return true;
  }

  /**
   * Whether a search may offer the number: an available one, except that a number whose claim FAILED is kept
   * for the claimant for one day before it returns to the inventory (Connect's documented behaviour), so a
   * search in that day does not offer it again.
   */
  isSearchable(phoneNumber: string): boolean {
    if (!this.isAvailable(phoneNumber)) return false;
    const failedAt = this.#latestByNumber.get(phoneNumber)?.FailedAt;
    return failedAt === undefined || this.#now() >= failedAt + FAILED_CLAIM_HOLD_MS;
  }

  search(request: SearchRequest): { AvailableNumbersList: InventoryNumber[]; NextToken?: string } {
    resolveTarget(this.#config(), request.target);
    const query = {
      c: request.PhoneNumberCountryCode,
      t: request.PhoneNumberType,
      p: request.PhoneNumberPrefix ? withPlus(request.PhoneNumberPrefix) : undefined,
    };
    const after = decodePageToken('SearchAvailablePhoneNumbers', query, request.NextToken);
    const found: InventoryNumber[] = [];
    const numbers = this.#inventory.numbers;
    for (let index = after + 1; index < numbers.length; index++) {
      const number = numbers[index];
      if (
        !number ||
        number.PhoneNumberCountryCode !== query.c ||
        number.PhoneNumberType !== query.t ||
        (query.p !== undefined && !number.PhoneNumber.startsWith(query.p)) ||
        !this.isSearchable(number.PhoneNumber)
      ) {
        continue;
      }
      if (found.length === request.MaxResults) {
        return {
          AvailableNumbersList: found,
          NextToken: encodePageToken('SearchAvailablePhoneNumbers', query, index - 1),
        };
      }
      found.push({ ...number });
    }
    return { AvailableNumbersList: found };
  }

  claim(request: ClaimRequest): ClaimAnswer {
    const config = this.#config();
    const target = resolveTarget(config, request.target);
    const clientToken = request.ClientToken ?? this.#ids.uuid();
    const fingerprint = canonical({
      PhoneNumber: request.PhoneNumber,
      TargetArn: target.arn,
      PhoneNumberDescription: request.PhoneNumberDescription,
      Tags: request.Tags,
    });
    const replayed = this.#replay('ClaimPhoneNumber', clientToken, fingerprint);
    if (replayed)
      return { PhoneNumberId: replayed.PhoneNumberId ?? '', PhoneNumberArn: replayed.PhoneNumberArn ?? '' };

    const number = this.#inventory.get(request.PhoneNumber);
    const unavailable = new InvalidParameterError(`Phone number not available: ${request.PhoneNumber}`);
    if (!number || !this.isAvailable(request.PhoneNumber)) throw unavailable;
    if (this.#fates.chance(config.contentionRate)) {
      // Search does not reserve: another account claimed the number since it was found.
      this.#taken.add(request.PhoneNumber);
      throw unavailable;
    }

    const now = this.#now();
    const pending = this.#decideClaim(target, now);
    const id = this.#ids.uuid();
    const record: PhoneNumberRecord = {
      PhoneNumberId: id,
      PhoneNumberArn: phoneNumberArn(config, id),
      PhoneNumber: number.PhoneNumber,
      PhoneNumberCountryCode: number.PhoneNumberCountryCode,
      PhoneNumberType: number.PhoneNumberType,
      ...(request.PhoneNumberDescription === undefined
        ? {}
        : { PhoneNumberDescription: request.PhoneNumberDescription }),
      Tags: { ...request.Tags },
      TargetArn: target.arn,
      InstanceId: target.instanceId,
      Status: 'IN_PROGRESS',
      Held: true,
      history: [{ Status: 'IN_PROGRESS', At: iso(now) }],
      Pending: pending,
    };
    this.#records.push(record);
    this.#byId.set(id, record);
    this.#latestByNumber.set(record.PhoneNumber, record);
    const answer = { PhoneNumberId: id, PhoneNumberArn: record.PhoneNumberArn };
    this.#tokens.set(`ClaimPhoneNumber:${clientToken}`, { fingerprint, answer });
    return answer;
  }

  describe(label: string): { ClaimedPhoneNumberSummary: Record<string, unknown> } {
    const record = this.#find(label);
    return {
      ClaimedPhoneNumberSummary: {
        PhoneNumberId: record.PhoneNumberId,
        PhoneNumberArn: record.PhoneNumberArn,
        PhoneNumber: record.PhoneNumber,
        PhoneNumberCountryCode: record.PhoneNumberCountryCode,
        PhoneNumberType: record.PhoneNumberType,
        PhoneNumberDescription: record.PhoneNumberDescription,
        TargetArn: record.TargetArn,
        InstanceId: record.InstanceId,
        Tags: { ...record.Tags },
        PhoneNumberStatus: { Status: record.Status, Message: record.Message },
      },
    };
  }

  release(request: ReleaseRequest): void {
    const id = phoneNumberIdOf(this.#config(), request.PhoneNumberId) ?? request.PhoneNumberId;
    const fingerprint = canonical({ PhoneNumberId: id });
    const clientToken = request.ClientToken;
    if (clientToken !== undefined && this.#replay('ReleasePhoneNumber', clientToken, fingerprint)) return;
    const record = this.#find(request.PhoneNumberId);
    this.#assertSettledAndHeld(record, 'released');
    const now = this.#now();
    record.ReleasedFrom = record.TargetArn;
    record.ReleasedAt = now;
    record.Status = 'RELEASED';
    record.Held = false;
    delete record.Message;
    record.history.push({ Status: 'RELEASED', At: iso(now) });
    if (clientToken !== undefined) {
      this.#tokens.set(`ReleasePhoneNumber:${clientToken}`, { fingerprint, answer: {} });
    }
  }

  list(request: ListRequest): { ListPhoneNumbersSummaryList: Record<string, unknown>[]; NextToken?: string } {
    const target = request.target ? resolveTarget(this.#config(), request.target) : undefined;
    const query = {
      a: target?.arn,
      c: request.PhoneNumberCountryCodes,
      t: request.PhoneNumberTypes,
      p: request.PhoneNumberPrefix ? withPlus(request.PhoneNumberPrefix) : undefined,
    };
    const after = decodePageToken('ListPhoneNumbersV2', query, request.NextToken);
    const found: Record<string, unknown>[] = [];
    for (let index = after + 1; index < this.#records.length; index++) {
      const record = this.#records[index];
      // Held: IN_PROGRESS or CLAIMED, and a number whose update FAILED (it stays claimed to its old target).
      if (
        !record?.Held ||
        (query.a !== undefined && record.TargetArn !== query.a) ||
        (query.c !== undefined && !query.c.includes(record.PhoneNumberCountryCode)) ||
        (query.t !== undefined && !query.t.includes(record.PhoneNumberType)) ||
        (query.p !== undefined && !record.PhoneNumber.startsWith(query.p))
      ) {
        continue;
      }
      if (found.length === request.MaxResults) {
        return {
          ListPhoneNumbersSummaryList: found,
          NextToken: encodePageToken('ListPhoneNumbersV2', query, index - 1),
        };
      }
      found.push({
        PhoneNumberId: record.PhoneNumberId,
        PhoneNumberArn: record.PhoneNumberArn,
        PhoneNumber: record.PhoneNumber,
        PhoneNumberCountryCode: record.PhoneNumberCountryCode,
        PhoneNumberType: record.PhoneNumberType,
        TargetArn: record.TargetArn,
        InstanceId: record.InstanceId,
        PhoneNumberDescription: record.PhoneNumberDescription,
      });
    }
    return { ListPhoneNumbersSummaryList: found };
  }

  update(request: UpdateRequest): ClaimAnswer {
    const config = this.#config();
    const target = resolveTarget(config, request.target);
    const id = phoneNumberIdOf(config, request.PhoneNumberId) ?? request.PhoneNumberId;
    const fingerprint = canonical({ PhoneNumberId: id, TargetArn: target.arn });
    const clientToken = request.ClientToken;
    if (clientToken !== undefined) {
      const replayed = this.#replay('UpdatePhoneNumber', clientToken, fingerprint);
      if (replayed)
        return { PhoneNumberId: replayed.PhoneNumberId ?? '', PhoneNumberArn: replayed.PhoneNumberArn ?? '' };
    }
    const record = this.#find(request.PhoneNumberId);
    this.#assertSettledAndHeld(record, 'updated');
    const now = this.#now();
    const latency = this.#fates.between(config.claimLatencySeconds.min, config.claimLatencySeconds.max);
    const SettleAt = now + latency * 1000;
    const overQuota =
      target.arn !== record.TargetArn && this.#activeOn(target.arn) >= config.phoneNumberQuota;
    record.Pending = overQuota
      ? {
          SettleAt,
          Outcome: 'FAILED',
          Message: quotaMessage(config.phoneNumberQuota),
          RevertTo: { TargetArn: record.TargetArn, InstanceId: record.InstanceId },
        }
      : { SettleAt, Outcome: 'CLAIMED' };
    record.TargetArn = target.arn;
    record.InstanceId = target.instanceId;
    record.Status = 'IN_PROGRESS';
    delete record.Message;
    record.history.push({ Status: 'IN_PROGRESS', At: iso(now) });
    const answer = { PhoneNumberId: record.PhoneNumberId, PhoneNumberArn: record.PhoneNumberArn };
    if (clientToken !== undefined)
      this.#tokens.set(`UpdatePhoneNumber:${clientToken}`, { fingerprint, answer });
    return answer;
  }

  views(): PhoneNumberView[] {
    const cooldownMs = this.#config().releaseCooldownDays * DAY_MS;
    return this.#records.map((record) => ({
      PhoneNumber: record.PhoneNumber,
      PhoneNumberId: record.PhoneNumberId,
      PhoneNumberArn: record.PhoneNumberArn,
      TargetArn: record.TargetArn,
      InstanceId: record.InstanceId,
      Status: record.Status,
      ...(record.Message === undefined ? {} : { Message: record.Message }),
      PhoneNumberCountryCode: record.PhoneNumberCountryCode,
      PhoneNumberType: record.PhoneNumberType,
      ...(record.PhoneNumberDescription === undefined
        ? {}
        : { PhoneNumberDescription: record.PhoneNumberDescription }),
      Tags: { ...record.Tags },
      history: record.history.map((entry) => ({ ...entry })),
      ...(record.ReleasedAt === undefined ? {} : { CooldownUntil: iso(record.ReleasedAt + cooldownMs) }),
    }));
  }

  /** Claims and updates are decided now and settle later: churn limit first, then quota, then the carrier. */
  #decideClaim(target: ClaimTarget, now: number): PendingTransition {
    const config = this.#config();
    const latency = this.#fates.between(config.claimLatencySeconds.min, config.claimLatencySeconds.max);
    const carrierFails = this.#fates.chance(config.claimFailureRate);
    const SettleAt = now + latency * 1000;
    const blockedUntil = this.#churnBlockedUntil(target.arn, now);
    if (blockedUntil !== undefined) {
      return {
        SettleAt,
        Outcome: 'FAILED',
        Message: `The account has reached its claim and release limit (200% of the quota within ${config.churnWindowDays} days); claims are blocked until ${iso(blockedUntil)}.`,
      };
    }
    if (this.#activeOn(target.arn) >= config.phoneNumberQuota) {
      return { SettleAt, Outcome: 'FAILED', Message: quotaMessage(config.phoneNumberQuota) };
    }
    if (carrierFails) {
      return {
        SettleAt,
        Outcome: 'FAILED',
        Message: 'The phone number could not be provisioned by the carrier.',
      };
    }
    return { SettleAt, Outcome: 'CLAIMED' };
  }

  /** Numbers claimed to a target (IN_PROGRESS, CLAIMED, or FAILED by an update): what its quota counts. */
  #activeOn(targetArn: string): number {
    return this.#records.filter((record) => record.Held && record.TargetArn === targetArn).length;
  }

  /**
   * Connect allows claims and releases up to 200% of the quota in a rolling window, then blocks until enough
   * releases leave the window. The emulator counts the releases from the claim's target.
   */
  #churnBlockedUntil(targetArn: string, now: number): number | undefined {
    const config = this.#config();
    const windowMs = config.churnWindowDays * DAY_MS;
    const limit = 2 * config.phoneNumberQuota;
    const releases = this.#records
      .filter((record) => record.ReleasedFrom === targetArn && (record.ReleasedAt ?? 0) > now - windowMs)
      .map((record) => record.ReleasedAt ?? 0)
      .sort((a, b) => a - b);
    if (releases.length === 0 || releases.length < limit) return undefined;
    // The block lifts when the count falls below the limit: when the release at this index leaves the window.
    return (releases[releases.length - limit] ?? now) + windowMs;
  }

  #replay(operation: string, clientToken: string, fingerprint: string): StoredAnswer['answer'] | undefined {
    const stored = this.#tokens.get(`${operation}:${clientToken}`);
    if (!stored) return undefined;
    if (stored.fingerprint !== fingerprint) {
      throw new IdempotencyError(
        `ClientToken: An entity with the same name already exists (token ${clientToken} was used for ${operation} with different parameters)`,
      );
    }
    return stored.answer;
  }

  #find(label: string): PhoneNumberRecord {
    const id = phoneNumberIdOf(this.#config(), label);
    const record = id === undefined ? undefined : this.#byId.get(id);
    if (!record || record.Status === 'RELEASED') {
      throw new ResourceNotFoundError(
        `PhoneNumberId: no phone number ${label} is claimed in this account and Region`,
      );
    }
    return record;
  }

  #assertSettledAndHeld(record: PhoneNumberRecord, action: 'released' | 'updated'): void {
    if (record.Status === 'IN_PROGRESS') {
      throw new ResourceInUseError(
        `PhoneNumberId: ${record.PhoneNumberId} has a claim or update IN_PROGRESS; it can be ${action} once it is CLAIMED or FAILED`,
        record.PhoneNumberArn,
      );
    }
    if (!record.Held) {
      throw new InvalidParameterError(
        `PhoneNumberId: the claim of ${record.PhoneNumber} (${record.PhoneNumberId}) FAILED; only a claimed phone number can be ${action}`,
      );
    }
  }
}

function quotaMessage(quota: number): string {
  return `The target has reached its limit of claimed phone numbers (quota ${quota}).`;
}
