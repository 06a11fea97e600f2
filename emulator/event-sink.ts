import { EventBridgeValidationError } from './errors.ts';
import { isJsonObject } from './members.ts';
import type { SeededRandom } from './random.ts';

/** An event put on the emulated EventBridge bus, as `GET /_emulator/state` shows it in `events`. */
export type RecordedEvent = {
  readonly EventId: string;
  readonly Time: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: unknown;
  readonly EventBusName: string;
  readonly Resources: readonly string[];
};

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

function entryProblem(entry: unknown): { code: string; message: string } | undefined {
  if (!isJsonObject(entry)) return { code: 'InvalidArgument', message: 'Entry must be an object.' };
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[member];
    if (typeof value !== 'string' || value.length === 0) {
      return {
        code: 'InvalidArgument',
        message: `Parameter ${member} is not valid. Reason: ${member} is a required string.`,
      };
    }
  }
  try {
    if (!isJsonObject(JSON.parse(String(entry.Detail)))) {
      return { code: 'MalformedDetail', message: 'Detail is malformed: it must be a JSON object.' };
    }
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return { code: 'MalformedDetail', message: `Detail is malformed: ${reason}` };
  }
  if (
    entry.Resources !== undefined &&
    !(Array.isArray(entry.Resources) && entry.Resources.every((r) => typeof r === 'string'))
  ) {
    return {
      code: 'InvalidArgument',
      message: 'Parameter Resources is not valid. Reason: must be a list of strings.',
    };
  }
  return undefined;
}

/**
 * A minimal EventBridge PutEvents so that offline runs publish their result events through the real SDK.
 * A request that is malformed as a whole gets 400 ValidationException; a bad entry fails alone, with the
 * per-entry ErrorCode EventBridge uses (InvalidArgument, MalformedDetail), as the real service does.
 */
export function putEvents(
  body: unknown,
  context: { readonly now: number; readonly ids: SeededRandom },
): { answer: { FailedEntryCount: number; Entries: EntryResult[] }; recorded: RecordedEvent[] } {
  if (!isJsonObject(body)) throw new EventBridgeValidationError('The request body must be a JSON object.');
  const entries = body.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
    throw new EventBridgeValidationError(
      "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10",
    );
  }
  const recorded: RecordedEvent[] = [];
  const results: EntryResult[] = entries.map((entry: unknown) => {
    const problem = entryProblem(entry);
    if (problem || !isJsonObject(entry)) {
      return {
        ErrorCode: problem?.code ?? 'InvalidArgument',
        ErrorMessage: problem?.message ?? 'Invalid entry.',
      };
    }
    // The SDK sends Time as epoch seconds; anything outside the Date range falls back to the present.
    const given = typeof entry.Time === 'number' ? entry.Time * 1000 : Number.NaN;
    const time = Math.abs(given) <= 8.64e15 ? given : context.now;
    const event: RecordedEvent = {
      EventId: context.ids.uuid(),
      Time: new Date(time).toISOString(),
      Source: String(entry.Source),
      DetailType: String(entry.DetailType),
      Detail: JSON.parse(String(entry.Detail)),
      EventBusName:
        typeof entry.EventBusName === 'string' && entry.EventBusName !== '' ? entry.EventBusName : 'default',
      Resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
    };
    recorded.push(event);
    return { EventId: event.EventId };
  });
  return {
    answer: { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results },
    recorded,
  };
}
