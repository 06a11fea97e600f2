import { readFile } from 'node:fs/promises';
import { DEMO_INSTANCE_ID } from '../emulator/config.ts';
import { matchClaimRequestedEvent } from '../lambdas/core/claim-events.ts';
import type { CliOptions } from './arguments.ts';
import { UsageError } from './exit-status.ts';

/** The request the CLI makes when it is given none, offline: 3 US toll-free numbers. */
const defaultSearch = { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE', Quantity: 3 };

/** Where the workflow input came from: the request flags, --input or --event. */
export type InputSource = 'flags' | 'input' | 'event';

export type WorkflowInput = { readonly input: unknown; readonly source: InputSource };

const requestFlags = [
  ['instanceId', '--instance-id'],
  ['targetArn', '--target-arn'],
  ['phoneNumbers', '--phone-number'],
  ['country', '--country'],
  ['type', '--type'],
  ['prefix', '--prefix'],
  ['quantity', '--quantity'],
  ['description', '--description'],
  ['tags', '--tag'],
  ['clientToken', '--client-token'],
] as const satisfies readonly (readonly [keyof CliOptions, string])[];

/**
 * Builds the workflow input (SPEC section 3) from the command line. It is not validated here: the
 * workflow's own schema does that, so the CLI, the console and events reject exactly the same inputs.
 */
export async function workflowInputFrom(
  options: CliOptions,
  readStdin: () => Promise<string>,
  offline: boolean,
): Promise<WorkflowInput> {
  const given = requestFlags.filter(([key]) => isGiven(options[key])).map(([, flag]) => flag);
  if (options.input !== undefined && options.event !== undefined) {
    throw new UsageError(['--input and --event are alternatives: give one of them']);
  }
  const whole = options.input !== undefined ? '--input' : options.event !== undefined ? '--event' : undefined;
  if (whole !== undefined) {
    if (given.length > 0) {
      throw new UsageError([
        `${given.join(', ')} cannot be combined with ${whole}: the JSON is the whole request`,
      ]);
    }
    const text = await readSource(whole, (options.input ?? options.event) as string, readStdin);
    const json = parseJson(whole, text);
    if (whole === '--input') return { input: json, source: 'input' };
    const match = matchClaimRequestedEvent(json);
    if (!match.matched)
      throw new UsageError([`--event: the rule does not match this event: ${match.reason}`]);
    return { input: match.input, source: 'event' };
  }
  return { input: inputFromFlags(options, offline), source: 'flags' };
}

function inputFromFlags(options: CliOptions, offline: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (options.instanceId !== undefined) input.InstanceId = options.instanceId;
  if (options.targetArn !== undefined) input.TargetArn = options.targetArn;
  // Offline, the default target is the emulator's demo instance.
  if (options.instanceId === undefined && options.targetArn === undefined && offline) {
    input.InstanceId = DEMO_INSTANCE_ID;
  }

  const searching = [options.country, options.type, options.prefix, options.quantity].some(isGiven);
  if (options.phoneNumbers.length === 1) input.PhoneNumber = options.phoneNumbers[0];
  if (options.phoneNumbers.length > 1) input.PhoneNumbers = [...options.phoneNumbers];
  if (searching) {
    input.Search = {
      PhoneNumberCountryCode: options.country?.toUpperCase(),
      PhoneNumberType: options.type?.toUpperCase(),
      ...(options.prefix !== undefined && { PhoneNumberPrefix: options.prefix }),
      Quantity: options.quantity === undefined ? 1 : quantityFrom(options.quantity),
    };
  }
  if (!searching && options.phoneNumbers.length === 0) {
    if (!offline) {
      throw new UsageError([
        'Nothing to claim: give --phone-number, or --country and --type (a search), or --input / --event',
      ]);
    }
    input.Search = defaultSearch;
  }

  if (options.description !== undefined) input.PhoneNumberDescription = options.description;
  if (options.tags.length > 0) input.Tags = tagsFrom(options.tags);
  if (options.clientToken !== undefined) input.ClientToken = options.clientToken;
  return input;
}

/** A number when the text is one, else the text itself, so the schema names the rule it breaks. */
function quantityFrom(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

function tagsFrom(pairs: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 0) {
      problems.push(`--tag: expected KEY=VALUE, got '${pair}'`);
      continue;
    }
    const key = pair.slice(0, at);
    if (Object.hasOwn(tags, key)) problems.push(`--tag: the key '${key}' is given twice`);
    tags[key] = pair.slice(at + 1);
  }
  if (problems.length > 0) throw new UsageError(problems);
  return tags;
}

/** Maps a workflow input field (as the schema names it) to the flag that set it. */
export function flagForField(field: string): string | undefined {
  const flags: [RegExp, string][] = [
    [/^InstanceId$/, '--instance-id'],
    [/^TargetArn$/, '--target-arn'],
    [/^PhoneNumbers?\b/, '--phone-number'],
    [/^Search\.PhoneNumberCountryCode$/, '--country'],
    [/^Search\.PhoneNumberType$/, '--type'],
    [/^Search\.PhoneNumberPrefix$/, '--prefix'],
    [/^Search\.Quantity$/, '--quantity'],
    [/^PhoneNumberDescription$/, '--description'],
    [/^Tags\b/, '--tag'],
    [/^ClientToken$/, '--client-token'],
  ];
  return flags.find(([pattern]) => pattern.test(field))?.[1];
}

async function readSource(flag: string, path: string, readStdin: () => Promise<string>): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError([`${flag}: cannot read '${path}': ${reason}`]);
  }
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError([`${flag}: not valid JSON: ${reason}`]);
  }
}

function isGiven(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}
