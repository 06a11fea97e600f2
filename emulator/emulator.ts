import { type EmulatorConfig, mergeEmulatorConfig, parseEmulatorConfigInput } from './config.ts';
import { InternalServiceError, InvalidParameterError, ThrottlingError } from './errors.ts';
import { putEvents, type RecordedEvent } from './event-sink.ts';
import type { JsonObject } from './members.ts';
import { PhoneNumberService, type PhoneNumberServiceState, type PhoneNumberView } from './phone-numbers.ts';
import { SeededRandom } from './random.ts';
import {
  parseClaimRequest,
  parseDescribeRequest,
  parseListRequest,
  parseReleaseRequest,
  parseSearchRequest,
  parseUpdateRequest,
} from './requests.ts';
import { SimulatedClock } from './simulated-clock.ts';
import { TokenBucket } from './token-bucket.ts';

export const CONNECT_OPERATIONS = [
  'SearchAvailablePhoneNumbers',
  'ClaimPhoneNumber',
  'DescribePhoneNumber',
  'ReleasePhoneNumber',
  'ListPhoneNumbersV2',
  'UpdatePhoneNumber',
] as const;
export type ConnectOperation = (typeof CONNECT_OPERATIONS)[number];

/** What one Connect operation was asked for: the decoded JSON body, the path label and the query. */
export type ConnectCall = {
  readonly body: JsonObject;
  readonly pathId?: string;
  readonly query?: URLSearchParams;
};

/** Calls per operation name; `byStatus` is keyed by HTTP status, `dropped` counts answers never sent. */
export type CallStats = Record<string, { total: number; byStatus: Record<string, number>; dropped: number }>;

/** What `GET /_emulator/state` answers and `snapshot()` returns. */
export type EmulatorState = {
  readonly config: EmulatorConfig;
  /** Simulated now, ISO 8601. */
  readonly now: string;
  readonly phoneNumbers: readonly PhoneNumberView[];
  readonly calls: CallStats;
  readonly events: readonly RecordedEvent[];
};

/** Everything the state file keeps, so that a restarted emulator carries on where it stopped. */
export type PersistedState = {
  readonly version: 1;
  readonly config: EmulatorConfig;
  readonly simulatedNow: number;
  readonly service: PhoneNumberServiceState;
  readonly calls: CallStats;
  readonly events: readonly RecordedEvent[];
  readonly random: { readonly faults: number; readonly events: number };
};

/**
 * The emulator's whole state and behaviour, free of HTTP: the configuration, the simulated clock,
 * the phone-number service, the event sink, throttling, fault injection and call accounting.
 */
export class Emulator {
  #config: EmulatorConfig;
  readonly #clock: SimulatedClock;
  #service: PhoneNumberService;
  #events: RecordedEvent[];
  #calls: CallStats;
  #faults: SeededRandom;
  #eventIds: SeededRandom;
  #buckets = new Map<string, TokenBucket>();

  constructor(options: { config: EmulatorConfig; wallClock: () => number; persisted?: PersistedState }) {
    const { config, wallClock, persisted } = options;
    this.#config = config;
    this.#clock = new SimulatedClock({
      startAt: persisted?.simulatedNow ?? wallClock(),
      timeScale: config.timeScale,
      wallClock,
    });
    this.#service = new PhoneNumberService(this.#serviceDeps(), persisted?.service);
    this.#events = persisted ? structuredClone([...persisted.events]) : [];
    this.#calls = persisted ? structuredClone(persisted.calls) : {};
    this.#faults = new SeededRandom(
      persisted?.random.faults ?? SeededRandom.derive(config.seed, 'faults').state,
    );
    this.#eventIds = new SeededRandom(
      persisted?.random.events ?? SeededRandom.derive(config.seed, 'events').state,
    );
  }

  get config(): EmulatorConfig {
    return this.#config;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.#clock.now();
  }

  snapshot(): EmulatorState {
    this.#service.settle();
    return structuredClone({
      config: this.#config,
      now: new Date(this.now()).toISOString(),
      phoneNumbers: this.#service.views(),
      calls: this.#calls,
      events: this.#events,
    });
  }

  /** Merges a patch onto the config (validated); a new seed takes effect at the next reset. */
  configure(patch: unknown): EmulatorConfig {
    const next = mergeEmulatorConfig(this.#config, parseEmulatorConfigInput(patch));
    if (next.timeScale !== this.#config.timeScale) this.#clock.setTimeScale(next.timeScale);
    this.#config = next;
    return next;
  }

  /** Back to the initial state for the current config: fresh inventory, no claims, calls or events. */
  reset(): void {
    this.#clock.restartAt(this.#clock.wallNow(), this.#config.timeScale);
    this.#service = new PhoneNumberService(this.#serviceDeps());
    this.#events = [];
    this.#calls = {};
    this.#faults = SeededRandom.derive(this.#config.seed, 'faults');
    this.#eventIds = SeededRandom.derive(this.#config.seed, 'events');
    this.#buckets = new Map();
  }

  advanceClock(seconds: number): void {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new InvalidParameterError('advanceSeconds: must be a finite number of seconds, at least 0');
    }
    this.#clock.advance(seconds);
  }

  /**
   * Lets a Connect call in or refuses it: 429 when its operation's bucket is empty, then 500 at the
   * configured rate. Returns whether the answer is to be dropped after the call is carried out. Both
   * fault draws are made for every admitted call so that the sequence depends only on the request order.
   */
  admit(operation: ConnectOperation): { readonly dropResponse: boolean } {
    const now = this.now();
    let bucket = this.#buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(this.#config.throttle.burst, now);
      this.#buckets.set(operation, bucket);
    }
    if (!bucket.take(now, this.#config.throttle)) throw new ThrottlingError('Rate exceeded');
    const internalError = this.#faults.chance(this.#config.internalErrorRate);
    const dropResponse = this.#faults.chance(this.#config.dropResponseRate);
    if (internalError)
      throw new InternalServiceError('Internal service error; the request was not carried out.');
    return { dropResponse };
  }

  /** Carries out one Connect operation after settling due claims; throws a ConnectApiError to refuse it. */
  call(operation: ConnectOperation, input: ConnectCall): unknown {
    this.#service.settle();
    const service = this.#service;
    const label = input.pathId ?? '';
    switch (operation) {
      case 'SearchAvailablePhoneNumbers':
        return service.search(parseSearchRequest(input.body));
      case 'ClaimPhoneNumber':
        return service.claim(parseClaimRequest(input.body));
      case 'DescribePhoneNumber':
        return service.describe(parseDescribeRequest(label).PhoneNumberId);
      case 'ReleasePhoneNumber':
        service.release(parseReleaseRequest(label, input.query?.get('clientToken') ?? undefined));
        return undefined;
      case 'ListPhoneNumbersV2':
        return service.list(parseListRequest(input.body));
      case 'UpdatePhoneNumber':
        return service.update(parseUpdateRequest(label, input.body));
    }
  }

  putEvents(body: unknown): unknown {
    const { answer, recorded } = putEvents(body, { now: this.now(), ids: this.#eventIds });
    this.#events.push(...recorded);
    return answer;
  }

  recordCall(operation: string, status: number, dropped = false): void {
    const stats = this.#calls[operation] ?? { total: 0, byStatus: {}, dropped: 0 };
    stats.total += 1;
    stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
    if (dropped) stats.dropped += 1;
    this.#calls[operation] = stats;
  }

  toPersisted(): PersistedState {
    return {
      version: 1,
      config: this.#config,
      simulatedNow: this.now(),
      service: this.#service.toState(),
      calls: structuredClone(this.#calls),
      events: structuredClone(this.#events),
      random: { faults: this.#faults.state, events: this.#eventIds.state },
    };
  }

  #serviceDeps(): { config: () => EmulatorConfig; now: () => number } {
    return { config: () => this.#config, now: () => this.now() };
  }
}
