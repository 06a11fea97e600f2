import { parseArgs } from 'node:util';
import { UsageError } from './exit-status.ts';
import { withoutUndefined } from './json-values.ts';

/** What the command line asked for, before the workflow input is built from it. */
export type CliOptions = {
  readonly help: boolean;
  readonly json: boolean;
  readonly instanceId?: string;
  readonly targetArn?: string;
  readonly phoneNumbers: readonly string[];
  readonly country?: string;
  readonly type?: string;
  readonly prefix?: string;
  readonly quantity?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly clientToken?: string;
  readonly input?: string;
  readonly event?: string;
  readonly stateMachineArn?: string;
  readonly emulatorConfig?: string;
  readonly emulatorReport?: string;
};

const optionSpec = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'instance-id': { type: 'string' },
  'target-arn': { type: 'string' },
  'phone-number': { type: 'string', multiple: true },
  country: { type: 'string' },
  type: { type: 'string' },
  prefix: { type: 'string' },
  quantity: { type: 'string' },
  description: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'client-token': { type: 'string' },
  input: { type: 'string' },
  event: { type: 'string' },
  'state-machine-arn': { type: 'string' },
  'emulator-config': { type: 'string' },
  'emulator-report': { type: 'string' },
} as const;

export const usage = `Usage: npm start -- [options]
       claim-phone-numbers [options]

Claims Amazon Connect phone numbers and waits until every claim is CLAIMED or FAILED.
Offline by default: the real workflow runs on an embedded Step Functions engine against the
embedded Connect emulator (or the Connect endpoint in AWS_ENDPOINT_URL_CONNECT).
With no request options it claims 3 US toll-free numbers to the emulator's demo instance.

Where to claim (exactly one; offline default: the emulator's demo instance)
  --instance-id ID            an Amazon Connect instance id
  --target-arn ARN            an instance or traffic distribution group ARN

What to claim (one of)
  --phone-number E164         claim this number (repeatable)
  --country CC --type TYPE [--prefix +P] [--quantity N]
                              search, then claim N numbers (default N=1), e.g. --country US --type TOLL_FREE
  --input FILE|-              the workflow input as JSON, as pasted in the Step Functions console
  --event FILE|-              an EventBridge event, matched and transformed exactly as the deployed rule does

Claim details
  --description TEXT          the numbers' description
  --tag KEY=VALUE             a tag on each number (repeatable)
  --client-token UUID         the request's idempotency key: the same token never claims twice

Where to run
  --state-machine-arn ARN     run on AWS: StartExecution, follow it to the end, print the result
  --emulator-config FILE      offline only: the emulator's behaviour (JSON, see emulator/README.md)
  --emulator-report FILE      offline only: write the emulator's final state as JSON

Output
  --json                      print only the result object on stdout; progress goes to stderr
  -h, --help                  show this help

Exit status: 0 all claimed; 1 some or none claimed; 2 invalid input (nothing was called on Connect);
3 any other error.`;

/** Parses the command line; unknown options and stray arguments are usage errors. */
export function parseCliArguments(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error: unknown) {
    throw new UsageError([error instanceof Error ? error.message : String(error)]);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    throw new UsageError([`Unexpected argument '${positionals[0]}': options start with -- (see --help)`]);
  }
  return withoutUndefined({
    help: values.help ?? false,
    json: values.json ?? false,
    instanceId: values['instance-id'],
    targetArn: values['target-arn'],
    phoneNumbers: values['phone-number'] ?? [],
    country: values.country,
    type: values.type,
    prefix: values.prefix,
    quantity: values.quantity,
    description: values.description,
    tags: values.tag ?? [],
    clientToken: values['client-token'],
    input: values.input,
    event: values.event,
    stateMachineArn: values['state-machine-arn'],
    emulatorConfig: values['emulator-config'],
    emulatorReport: values['emulator-report'],
  });
}
