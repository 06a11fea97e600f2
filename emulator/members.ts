import { InvalidParameterError } from './errors.ts';

/**
 * Readers of request members that enforce one rule each and name the member and the rule in the error,
 * the way Connect's InvalidParameterException does. JSON `null` counts as absent, as in AWS JSON protocols.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(member: string, rule: string): InvalidParameterError {
  return new InvalidParameterError(`${member}: ${rule}`);
}

function present(body: JsonObject, member: string): unknown {
  const value = Object.hasOwn(body, member) ? body[member] : undefined;
  return value === null ? undefined : value;
}

type StringRules = {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** The rule as the message states it, e.g. "must match \+[1-9]\d{1,14} (E.164)". */
  readonly patternRule?: string;
};

export function checkString(member: string, value: unknown, rules: StringRules = {}): string {
  if (typeof value !== 'string') throw invalid(member, 'must be a string');
  // Connect counts characters, not UTF-16 code units.
  const length = [...value].length;
  if (rules.min !== undefined && length < rules.min) {
    throw invalid(member, `must be at least ${rules.min} character${rules.min === 1 ? '' : 's'} long`);
  }
  if (rules.max !== undefined && length > rules.max) {
    throw invalid(member, `must be at most ${rules.max} characters long`);
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    throw invalid(member, rules.patternRule ?? `must match ${rules.pattern.source}`);
  }
  return value;
}

export function optionalString(body: JsonObject, member: string, rules?: StringRules): string | undefined {
  const value = present(body, member);
  return value === undefined ? undefined : checkString(member, value, rules);
}

export function requiredString(body: JsonObject, member: string, rules?: StringRules): string {
  const value = present(body, member);
  if (value === undefined) throw invalid(member, 'is required');
  return checkString(member, value, rules);
}

export function checkEnum(member: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string') throw invalid(member, 'must be a string');
  if (!allowed.includes(value)) {
    const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, …` : allowed.join(', ');
    throw invalid(member, `must be one of ${shown} (got ${JSON.stringify(value.slice(0, 40))})`);
  }
  return value;
}

export function requiredEnum(body: JsonObject, member: string, allowed: readonly string[]): string {
  const value = present(body, member);
  if (value === undefined) throw invalid(member, 'is required');
  return checkEnum(member, value, allowed);
}

export function optionalInteger(
  body: JsonObject,
  member: string,
  range: { readonly min: number; readonly max: number },
): number | undefined {
  const value = present(body, member);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(member, 'must be an integer');
  if (value < range.min || value > range.max) {
    throw invalid(member, `must be between ${range.min} and ${range.max}`);
  }
  return value;
}

export function optionalEnumList(
  body: JsonObject,
  member: string,
  allowed: readonly string[],
  maxItems: number,
): string[] | undefined {
  const value = present(body, member);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(member, 'must be an array of strings');
  if (value.length > maxItems) throw invalid(member, `must have at most ${maxItems} items`);
  return value.map((item, index) => checkEnum(`${member}[${index}]`, item, allowed));
}

export function optionalStringMap(
  body: JsonObject,
  member: string,
  rules: {
    readonly minEntries: number;
    readonly maxEntries: number;
    readonly key: StringRules;
    readonly value: StringRules;
  },
): Record<string, string> | undefined {
  const value = present(body, member);
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw invalid(member, 'must be a map of string keys to string values');
  const entries = Object.entries(value);
  if (entries.length < rules.minEntries || entries.length > rules.maxEntries) {
    throw invalid(member, `must have between ${rules.minEntries} and ${rules.maxEntries} entries`);
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary tag key.
  return Object.fromEntries(
    entries.map(([key, item]) => [
      checkString(`${member} key ${JSON.stringify(key.slice(0, 40))}`, key, rules.key),
      checkString(`${member}[${JSON.stringify(key.slice(0, 40))}]`, item, rules.value),
    ]),
  );
}
