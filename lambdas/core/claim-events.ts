/**
 * The workflow's events (SPEC section 6), defined once: the source and detail types it reads and writes, and the
 * rule that starts it, as plain data with no CDK in it, so the deployed rule (lib/claim-trigger.ts), the publish
 * step and the CLI's `--event` all use the same definition.
 */

/** The `source` of the events this project reads and writes (SPEC section 6). */
export const EVENT_SOURCE = 'phone-number-claimer';

export const DetailType = {
  /** Starts the workflow with the event's detail as its input. */
  requested: 'Claim Phone Numbers Requested',
  /** One per number the run left claimed. */
  claimed: 'Phone Number Claimed',
  /** One per requested number or search slot left unclaimed. */
  failed: 'Phone Number Claim Failed',
  /** The run's result. */
  completed: 'Phone Number Claim Completed',
} as const;

/** The rule's event pattern, as EventBridge stores it. */
export const claimRequestedEventPattern = {
  source: [EVENT_SOURCE],
  'detail-type': [DetailType.requested],
} as const;

/** The target's input path: the workflow input IS the event's detail. */
export const claimRequestedInputPath = '$.detail';

export type ClaimRequestedEventMatch =
  | { readonly matched: true; readonly input: unknown }
  | { readonly matched: false; readonly reason: string };

/**
 * Applies the rule's pattern and input path to an event, as EventBridge does: what the CLI's `--event`
 * uses so that a local run starts from exactly what the deployed rule would hand the state machine.
 */
export function matchClaimRequestedEvent(event: unknown): ClaimRequestedEventMatch {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { matched: false, reason: `the event must be a JSON object, got ${describe(event)}` };
  }
  const fields = event as Record<string, unknown>;
  for (const [field, allowed] of Object.entries(claimRequestedEventPattern)) {
    const value = fields[field];
    if (!(allowed as readonly unknown[]).includes(value)) {
      const expected = allowed.map((v) => `'${v}'`).join(' or ');
      const actual = value === undefined ? 'missing' : `${describe(value)}`;
      return { matched: false, reason: `${field} is ${actual}, the rule matches ${expected}` };
    }
  }
  if (!('detail' in fields)) {
    return { matched: false, reason: 'detail is missing: it carries the workflow input' };
  }
  return { matched: true, input: fields.detail };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
