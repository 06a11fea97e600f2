import { InvalidParameterError } from './errors.ts';

/**
 * Opaque pagination tokens: a cursor (the position after the last item returned) bound to the operation
 * and the query it came from, so a token from another query is refused rather than silently misread.
 */
type Cursor = { readonly operation: string; readonly query: string; readonly after: number };

function queryKey(query: unknown): string {
  let hash = 2166136261;
  for (const char of JSON.stringify(query)) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return (hash >>> 0).toString(36);
}

function isCursor(value: unknown): value is Cursor {
  if (typeof value !== 'object' || value === null) return false;
  const { operation, query, after } = value as Record<string, unknown>;
  return (
    typeof operation === 'string' &&
    typeof query === 'string' &&
    typeof after === 'number' &&
    Number.isInteger(after) &&
    after >= 0
  );
}

export function encodePageToken(operation: string, query: unknown, after: number): string {
  const cursor: Cursor = { operation, query: queryKey(query), after };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The position after which the next page starts; 400 for a token this operation and query never issued. */
export function decodePageToken(operation: string, query: unknown, token: string | undefined): number {
  if (token === undefined) return -1;
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error: unknown) {
    throw new InvalidParameterError('NextToken: is not a token returned by a previous call', {
      cause: error instanceof Error ? error : undefined,
    });
  }
  if (!isCursor(cursor) || cursor.operation !== operation) {
    throw new InvalidParameterError('NextToken: is not a token returned by a previous call');
  }
  if (cursor.query !== queryKey(query)) {
    throw new InvalidParameterError(
      'NextToken: was issued for a different query; repeat the same parameters',
    );
  }
  return cursor.after;
}
