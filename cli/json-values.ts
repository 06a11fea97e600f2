/** Small value helpers the CLI shares. */

/** The JSON a text holds, or undefined when it is absent or not JSON (an execution's output, a cause). */
export function parseJsonOrUndefined(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The object without its undefined members, so optional fields stay absent rather than undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
