import { SFNClient } from '@aws-sdk/client-sfn';
import { parseClaimRequest } from '../lambdas/core/claim-request.ts';
import type { ClaimRequest } from '../lambdas/core/claim-run.ts';
import { requestIdempotencyKey } from '../lambdas/core/idempotency.ts';
import { type CliOptions, parseCliArguments, usage } from './arguments.ts';
import { type ExecutionObserver, runOnAws } from './aws-execution.ts';
import { ExitStatus, UsageError } from './exit-status.ts';
import { type ExecutionEnd, exitStatusOf, type Outcome, outcomeOf } from './outcome.ts';
import { createProgressReporter, isClaimRun } from './progress.ts';
import { flagForField, type InputSource, workflowInputFrom } from './request-input.ts';
import { formatResultTable } from './result-table.ts';

/** What the CLI talks to: its streams and environment, and (for tests) the Step Functions client. */
export type CliEnvironment = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sfnClient?: () => SFNClient;
  readonly pollIntervalMs?: number;
};

/** Runs the claim CLI (SPEC section 2) and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArguments(argv);
    if (options.help) {
      io.stdout(`${usage}\n`);
      return ExitStatus.Succeeded;
    }
    const offline = options.stateMachineArn === undefined;
    checkModeOptions(options, offline);
    const { input, source } = await workflowInputFrom(options, io.readStdin, offline);
    const request = validRequest(input, source);
    const outcome = await execute(options, input, request, io);
    report(outcome, options, io);
    return exitStatusOf(outcome);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr(`${error.problems.map((p) => `error: ${p}`).join('\n')}\n`);
      return ExitStatus.InvalidInput;
    }
    io.stderr(`error: ${describeError(error)}\n`);
    return ExitStatus.Error;
  }
}

const stateMachineArnPattern = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

function checkModeOptions(options: CliOptions, offline: boolean): void {
  if (offline) return;
  if (!stateMachineArnPattern.test(options.stateMachineArn ?? '')) {
    throw new UsageError([
      `--state-machine-arn: must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>), got '${options.stateMachineArn}'`,
    ]);
  }
  const offlineOnly = [
    options.emulatorConfig !== undefined && '--emulator-config',
    options.emulatorReport !== undefined && '--emulator-report',
  ].filter((flag): flag is string => typeof flag === 'string');
  if (offlineOnly.length > 0) {
    const verb = offlineOnly.length > 1 ? 'apply' : 'applies';
    throw new UsageError([`${offlineOnly.join(' and ')} ${verb} only offline, not with --state-machine-arn`]);
  }
}

/** The workflow's own schema decides; the CLI only says which flag set a bad field. */
function validRequest(input: unknown, source: InputSource): ClaimRequest {
  const parsed = parseClaimRequest(input);
  if (parsed.ok) return parsed.request;
  throw new UsageError(
    parsed.problems.map(({ Field, Rule }) => {
      const flag = source === 'flags' ? flagForField(Field) : undefined;
      const where = source === 'event' ? `detail.${Field}` : Field;
      return flag ? `${flag} (${where}): ${Rule}` : `${where}: ${Rule}`;
    }),
  );
}

async function execute(
  options: CliOptions,
  input: unknown,
  request: ClaimRequest,
  io: CliEnvironment,
): Promise<Outcome> {
  let startedAt = Date.now();
  let timeScale = 1;
  const progress = createProgressReporter(
    (line) => io.stderr(`${line}\n`),
    () => ((Date.now() - startedAt) / 1000) * timeScale,
  );
  const observer: ExecutionObserver = {
    stateEntered: (name, stateInput) => progress.stateEntered(name, stateInput),
    stateExited: (_name, output) => {
      if (isClaimRun(output)) progress.runObserved(output);
    },
    started: (arn, reused) => {
      if (options.stateMachineArn !== undefined) {
        io.stderr(reused ? `found the earlier execution of this request: ${arn}\n` : `started ${arn}\n`);
      }
    },
  };

  let end: ExecutionEnd;
  if (options.stateMachineArn !== undefined) {
    end = await runOnAws({
      // The state machine's own region, whatever the profile's default is.
      sfn: io.sfnClient?.() ?? new SFNClient({ region: regionOf(options.stateMachineArn) }),
      stateMachineArn: options.stateMachineArn,
      input,
      idempotencyKey: requestIdempotencyKey(request),
      observer,
      ...(io.pollIntervalMs !== undefined && { pollIntervalMs: io.pollIntervalMs }),
    });
  } else {
    const connectEndpoint = io.env.AWS_ENDPOINT_URL_CONNECT;
    // Loaded on demand: the embedded engine, emulator and CDK synthesis are only needed offline.
    const { runOffline } = await import('./offline-execution.ts');
    end = await runOffline({
      input,
      ...(connectEndpoint && { connectEndpoint }),
      ...(options.emulatorConfig !== undefined && { emulatorConfigFile: options.emulatorConfig }),
      ...(options.emulatorReport !== undefined && { emulatorReportFile: options.emulatorReport }),
      observer,
      onExecutionStarted: (scale) => {
        timeScale = scale;
        startedAt = Date.now();
      },
    });
  }
  return outcomeOf(end);
}

function report(outcome: Outcome, options: CliOptions, io: CliEnvironment): void {
  switch (outcome.kind) {
    case 'result':
      if (options.json) io.stdout(`${JSON.stringify(outcome.result, null, 2)}\n`);
      else io.stdout(`\n${formatResultTable(outcome.result)}\n`);
      return;
    case 'invalid':
      io.stderr(`error: invalid input: ${outcome.message}\n`);
      return;
    case 'error':
      io.stderr(`error: ${outcome.message}\n`);
      return;
  }
}

/** arn:aws:states:<region>:… → <region> (an ARN that is not one is refused by StartExecution itself). */
function regionOf(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${cause}`;
}
