import { readFile, writeFile } from 'node:fs/promises';
import { type EmulatorConfigInput, parseEmulatorConfig, startEmulator } from '../emulator/index.ts';
import { runWorkflowLocally } from '../local/run-workflow.ts';
import type { ExecutionObserver } from './aws-execution.ts';
import { UsageError } from './exit-status.ts';
import type { ExecutionEnd } from './outcome.ts';

/**
 * The CLI's own emulator defaults: Connect's realistic 2–20 s claim latency, passed 60 times faster
 * than real time, so the default run finishes in about a second. An --emulator-config file overrides any of it.
 */
export const offlineEmulatorDefaults: EmulatorConfigInput = { timeScale: 60 };

export type OfflineOptions = {
  readonly input: unknown;
  /** A Connect endpoint to use instead of an embedded emulator (AWS_ENDPOINT_URL_CONNECT). */
  readonly connectEndpoint?: string;
  readonly emulatorConfigFile?: string;
  readonly emulatorReportFile?: string;
  readonly observer: ExecutionObserver;
  /** Told when the execution starts, with the emulator's time scale, so progress can show simulated time. */
  readonly onExecutionStarted?: (timeScale: number) => void;
};

export type OfflineEnd = ExecutionEnd & { readonly timeScale: number };

/** Runs the synthesized workflow on the embedded engine against the embedded (or given) emulator. */
export async function runOffline(options: OfflineOptions): Promise<OfflineEnd> {
  const config = options.emulatorConfigFile ? await readEmulatorConfig(options.emulatorConfigFile) : {};
  const connection = options.connectEndpoint
    ? await useRunningEmulator(options.connectEndpoint, config)
    : await startEmbeddedEmulator(config);
  try {
    const execution = await runWorkflowLocally({
      input: options.input,
      connectEndpoint: connection.url,
      timeScale: connection.timeScale,
      onEvent: (event) => {
        if (event.type === 'ExecutionStarted') options.onExecutionStarted?.(connection.timeScale);
        if (event.type === 'StateEntered') options.observer.stateEntered(event.state.name, event.state.input);
        if (event.type === 'StateExited') options.observer.stateExited(event.state.name, event.state.output);
      },
    });
    options.observer.started(execution.executionArn, false);
    if (options.emulatorReportFile) {
      await writeFile(options.emulatorReportFile, `${JSON.stringify(await connection.state(), null, 2)}\n`);
    }
    return { ...execution, timeScale: connection.timeScale };
  } finally {
    await connection.close();
  }
}

type EmulatorConnection = {
  url: string;
  timeScale: number;
  state(): Promise<unknown>;
  close(): Promise<void>;
};

async function startEmbeddedEmulator(config: EmulatorConfigInput): Promise<EmulatorConnection> {
  const emulator = await startEmulator({ config: { ...offlineEmulatorDefaults, ...config } });
  return {
    url: emulator.url,
    timeScale: emulator.config.timeScale,
    state: async () => emulator.snapshot(),
    close: () => emulator.close(),
  };
}

/** A standalone emulator keeps its state across runs; its time scale is read from its control plane. */
async function useRunningEmulator(url: string, config: EmulatorConfigInput): Promise<EmulatorConnection> {
  const controlPlane = new URL('/_emulator/', url);
  if (Object.keys(config).length > 0) {
    await control(new URL('config', controlPlane), { method: 'PUT', body: JSON.stringify(config) });
  }
  const state = () => control(new URL('state', controlPlane), { method: 'GET' });
  const { config: current } = (await state()) as { config: { timeScale: number } };
  return { url, timeScale: current.timeScale, state, close: async () => {} };
}

async function control(url: URL, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  } catch (error: unknown) {
    throw new Error(`Cannot reach the Connect emulator at ${url.origin} (AWS_ENDPOINT_URL_CONNECT)`, {
      cause: error,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { Message?: string } | undefined)?.Message ?? response.statusText;
    throw new Error(`The emulator at ${url.origin} refused ${init.method} ${url.pathname}: ${message}`);
  }
  return body;
}

async function readEmulatorConfig(path: string): Promise<EmulatorConfigInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    throw new UsageError([`--emulator-config: cannot read '${path}': ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new UsageError([`--emulator-config: '${path}' is not valid JSON: ${(error as Error).message}`]);
  }
  try {
    parseEmulatorConfig(json);
  } catch (error: unknown) {
    throw new UsageError([`--emulator-config: ${(error as Error).message}`]);
  }
  return json as EmulatorConfigInput;
}
