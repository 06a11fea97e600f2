import { describe, expect, it } from 'vitest';
import { Inventory } from '../../emulator/inventory.ts';

function countBy(inventory: Inventory): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of inventory.numbers) {
    const key = `${n.PhoneNumberCountryCode} ${n.PhoneNumberType}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('Class: Inventory', () => {
  it('holds at least 1,000 US TOLL_FREE and US DID numbers and smaller sets for other countries', () => {
    // Act
    const counts = countBy(new Inventory(1));

    // Assess
    expect(counts.get('US TOLL_FREE')).toBeGreaterThanOrEqual(1000);
    expect(counts.get('US DID')).toBeGreaterThanOrEqual(1000);
    for (const country of ['GB', 'DE', 'FR', 'CA', 'AU', 'JP']) {
      for (const type of ['DID', 'TOLL_FREE']) {
        expect(counts.get(`${country} ${type}`)).toBeGreaterThanOrEqual(50);
        expect(counts.get(`${country} ${type}`)).toBeLessThanOrEqual(200);
      }
    }
  });

  it('offers only unique, plausible E.164 numbers', () => {
    // Act
    const { numbers } = new Inventory(5);

    // Assess
    expect(new Set(numbers.map((n) => n.PhoneNumber)).size).toBe(numbers.length);
    expect(numbers.every((n) => /^\+[1-9]\d{1,14}$/.test(n.PhoneNumber))).toBe(true);
    const tollFree = numbers.filter(
      (n) => n.PhoneNumberCountryCode === 'US' && n.PhoneNumberType === 'TOLL_FREE',
    );
    expect(tollFree.every((n) => /^\+1(800|833|844|855|866|877|888)[2-9]\d{6}$/.test(n.PhoneNumber))).toBe(
      true,
    );
    const did = numbers.filter((n) => n.PhoneNumberCountryCode === 'US' && n.PhoneNumberType === 'DID');
    expect(did.every((n) => /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(n.PhoneNumber))).toBe(true);
    expect(
      numbers.filter((n) => n.PhoneNumberCountryCode === 'GB').every((n) => n.PhoneNumber.startsWith('+44')),
    ).toBe(true);
  });

  it('is the same, in the same order, for a seed, and differs for another seed', () => {
    // Act
    const a = new Inventory(3).numbers.map((n) => n.PhoneNumber);
    const b = new Inventory(3).numbers.map((n) => n.PhoneNumber);
    const c = new Inventory(4).numbers.map((n) => n.PhoneNumber);

    // Assess
    expect(a).toEqual(b);
    expect(c.slice(0, 50)).not.toEqual(a.slice(0, 50));
  });
});
