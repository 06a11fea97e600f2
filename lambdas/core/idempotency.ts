/**
 * Idempotency keys. A request's key is its ClientToken, or one derived from its content, so a duplicate
 * EventBridge delivery or a repeated command claims nothing more; each claim's ClientToken derives from the
 * key and the number, so a retried or re-run claim is the same claim to Connect.
 */
import { v5 as uuidV5 } from 'uuid';
import type { ClaimRequest } from './claim-run.ts';

/** The project's UUID v5 namespace: fixed forever, or every derived key (and claim token) would change. */
export const IDEMPOTENCY_NAMESPACE = '4f1c7a52-9b3e-5d2a-8c61-0e7b9a3f2d18';

/**
 * The tag the workflow puts on every number it claims, valued with the request's idempotency key: how a re-run
 * of the same request finds what an earlier run claimed, and how a person sees which request claimed a number.
 */
export const REQUEST_TAG_KEY = 'phone-number-claimer:request';

/** The request's idempotency key: its ClientToken, or a UUID v5 of its canonical content. */
export function requestIdempotencyKey(request: ClaimRequest): string {
  if (request.ClientToken !== undefined) return request.ClientToken;
  const { ClientToken: _token, ...content } = request;
  // The same numbers in another order are the same request.
  const canonical = content.PhoneNumbers
    ? { ...content, PhoneNumbers: [...content.PhoneNumbers].sort() }
    : content;
  return uuidV5(canonicalJson(canonical), IDEMPOTENCY_NAMESPACE);
}

/**
 * The ClientToken of one claim of the request with key `key`: a lower-case UUID, as Connect requires.
 *
 * Every retry of a claim within an execution (the SDK's, the claim step's, Step Functions') is the same claim
 * to Connect, so a lost answer never becomes a second claim. Claims are scoped to the execution: a re-run of
 * the request finds what earlier runs claimed by the request's tag (the search step's recovery) and claims
 * only the rest, afresh. An unscoped token would make Connect answer a re-run's claim of a number whose claim
 * FAILED before (a target then full, say) with that old failure, instead of trying again.
 */
export function claimClientToken(key: string, phoneNumber: string, scope?: string): string {
  const name = scope === undefined ? `${key}\n${phoneNumber}` : `${key}\n${scope}\n${phoneNumber}`;
  return uuidV5(name, IDEMPOTENCY_NAMESPACE);
}

/** JSON with object keys sorted at every level, so equal content always yields equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    typeof member === 'object' && member !== null && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}
