import { validate as isUuid, version as uuidVersion } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { ClaimRequest } from '../../../lambdas/core/claim-run.ts';
import { canonicalJson, claimClientToken, requestIdempotencyKey } from '../../../lambdas/core/idempotency.ts';

const LOWER_CASE_UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const request: ClaimRequest = {
  InstanceId: '11111111-2222-4333-8444-555555555555',
  PhoneNumbers: ['+18005550100', '+18005550101'],
  Tags: { team: 'support', site: 'north' },
};

describe('Function: requestIdempotencyKey', () => {
  it('is the ClientToken when the request has one', () => {
    // Act
    const key = requestIdempotencyKey({ ...request, ClientToken: '0b8e4e8c-5f0e-4a57-9f4d-3c2d1e0f9a8b' });

    // Assess
    expect(key).toBe('0b8e4e8c-5f0e-4a57-9f4d-3c2d1e0f9a8b');
  });

  it('derives a lower-case UUID v5 from the content otherwise', () => {
    // Act
    const key = requestIdempotencyKey(request);

    // Assess
    expect(key).toMatch(LOWER_CASE_UUID);
    expect(isUuid(key) && uuidVersion(key)).toBe(5);
  });

  it('gives equal requests the same key, whatever the order of keys, tags and numbers', () => {
    // Prepare
    const reordered: ClaimRequest = {
      Tags: { site: 'north', team: 'support' },
      PhoneNumbers: ['+18005550101', '+18005550100'],
      InstanceId: '11111111-2222-4333-8444-555555555555',
    };

    // Act & Assess
    expect(requestIdempotencyKey(reordered)).toBe(requestIdempotencyKey(request));
  });

  it.each([
    ['another number', { PhoneNumbers: ['+18005550100', '+18005550102'] }],
    ['another tag value', { Tags: { team: 'sales', site: 'north' } }],
    ['a description', { PhoneNumberDescription: 'x' }],
  ])('gives a request with %s another key', (_name, change) => {
    // Act & Assess
    expect(requestIdempotencyKey({ ...request, ...change })).not.toBe(requestIdempotencyKey(request));
  });

  it('tells a search from the same target with other criteria', () => {
    // Prepare
    const search = (Quantity: number): ClaimRequest => ({
      InstanceId: 'i',
      Search: { PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID', Quantity },
    });

    // Act & Assess
    expect(requestIdempotencyKey(search(2))).not.toBe(requestIdempotencyKey(search(3)));
  });
});

describe('Function: claimClientToken', () => {
  it('is a lower-case UUID, stable for a key and a number', () => {
    // Act
    const token = claimClientToken('key-1', '+18005550100');

    // Assess
    expect(token).toMatch(LOWER_CASE_UUID);
    expect(claimClientToken('key-1', '+18005550100')).toBe(token);
  });

  it('differs by number and by key', () => {
    // Act & Assess
    const token = claimClientToken('key-1', '+18005550100');
    expect(claimClientToken('key-1', '+18005550101')).not.toBe(token);
    expect(claimClientToken('key-2', '+18005550100')).not.toBe(token);
  });

  it('differs by scope, so an execution never replays a claim another execution made', () => {
    // Act & Assess
    const unscoped = claimClientToken('key-1', '+18005550100');
    const inRun1 = claimClientToken('key-1', '+18005550100', 'execution-1');
    expect(inRun1).toMatch(LOWER_CASE_UUID);
    expect(claimClientToken('key-1', '+18005550100', 'execution-1')).toBe(inRun1);
    expect(claimClientToken('key-1', '+18005550100', 'execution-2')).not.toBe(inRun1);
    expect(inRun1).not.toBe(unscoped);
  });
});

describe('Function: canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    // Act & Assess
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
