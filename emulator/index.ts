import type { AddressInfo } from 'node:net';
import {
  DEFAULT_EMULATOR_CONFIG,
  type EmulatorConfig,
  type EmulatorConfigInput,
  mergeEmulatorConfig,
  parseEmulatorConfig,
  parseEmulatorConfigInput,
} from './config.ts';
import { Emulator, type EmulatorState } from './emulator.ts';
import { createEmulatorServer } from './http-server.ts';
import { readStateFile, writeStateFile } from './state-file.ts';

export { instanceArn, phoneNumberArn, trafficDistributionGroupArn } from './arns.ts';
export {
  DEFAULT_EMULATOR_CONFIG,
  DEMO_INSTANCE_ID,
  DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID,
  type EmulatorConfig,
  type EmulatorConfigInput,
  parseEmulatorConfig,
  parseEmulatorConfigInput,
} from './config.ts';
export type { CallStats, EmulatorState } from './emulator.ts';
export { EmulatorConfigError, StateFileError } from './errors.ts';
export type { RecordedEvent } from './event-sink.ts';
export type { PhoneNumberView } from './phone-numbers.ts';

export type StartEmulatorOptions = {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /** Merged onto the defaults, or onto the config kept in the state file. */
  readonly config?: EmulatorConfigInput;
  /** Keep the state in this file across restarts (written atomically after each request that changes it). */
  readonly stateFile?: string;
  /** The wall clock simulated time runs from; tests hand in their own. @default Date.now */
  readonly wallClock?: () => number;
};

export type RunningEmulator = {
  /** `http://HOST:PORT`, the endpoint to give an SDK client or `--endpoint-url`. */
  readonly url: string;
  close(): Promise<void>;
  /** The same object as `GET /_emulator/state`. */
  snapshot(): EmulatorState;
  /** Merges a validated patch onto the config (as `PUT /_emulator/config`). */
  configure(patch: EmulatorConfigInput): void;
  /** Back to the initial state for the current config (as `POST /_emulator/reset`). */
  reset(): void;
  /** Moves simulated time forward (as `POST /_emulator/clock`). */
  advanceClock(seconds: number): void;
  /** Simulated now, epoch milliseconds: what an offline run's clock should follow. */
  now(): number;
  /** The current config. */
  readonly config: EmulatorConfig;
};

/** Starts the Connect phone-number emulator in this process. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const input = parseEmulatorConfigInput(options.config ?? {});
  const stateFile = options.stateFile;
  const persisted = stateFile === undefined ? undefined : readStateFile(stateFile);
  const base = persisted ? parseEmulatorConfig(persisted.config) : DEFAULT_EMULATOR_CONFIG;
  const config = mergeEmulatorConfig(base, input);
  const emulator = new Emulator({
    config,
    wallClock: options.wallClock ?? Date.now,
    ...(persisted ? { persisted } : {}),
  });
  const persist =
    stateFile === undefined ? () => {} : () => writeStateFile(stateFile, emulator.toPersisted());
  persist();

  const server = createEmulatorServer(emulator, { persist });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${shownHost}:${port}`,
    // Idempotent: a test or a signal handler may close an emulator that is already closed.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; close them so that close() does not wait for their timeout.
        server.closeAllConnections();
      });
      return closing;
    },
    snapshot: () => emulator.snapshot(),
    configure: (patch) => {
      emulator.configure(patch);
      persist();
    },
    reset: () => {
      emulator.reset();
      persist();
    },
    advanceClock: (seconds) => {
      emulator.advanceClock(seconds);
      persist();
    },
    now: () => emulator.now(),
    get config() {
      return emulator.config;
    },
  };
}
