import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorOf, INSTANCE_ID, rawRequest, startTestEmulator } from './harness.ts';

describe('Function: createEmulatorServer (wire protocol)', () => {
  it('answers JSON with x-amzn-RequestId, and errors with x-amzn-ErrorType and {"Message"}', async () => {
    // Prepare
    const emulator = await startTestEmulator();

    // Act
    const ok = await rawRequest(emulator, 'POST', '/phone-number/list', '{}');
    const refused = await rawRequest(emulator, 'POST', '/phone-number/claim', '{"PhoneNumber":"x"}');

    // Assess
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.json).toEqual({ ListPhoneNumbersSummaryList: [] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-amzn-errortype')).toBe('InvalidParameterException');
    expect(refused.headers.get('x-amzn-requestid')).not.toBe(ok.headers.get('x-amzn-requestid'));
    expect(refused.json).toEqual({ Message: 'PhoneNumber: must match \\+[1-9]\\d{1,14} (E.164)' });
  });

  it.each([
    ['unknown route', 'GET', '/nowhere', undefined, 404, 'UnknownOperationException'],
    [
      'wrong method on a literal route',
      'PATCH',
      '/phone-number/list',
      undefined,
      405,
      'MethodNotAllowedException',
    ],
    ['wrong method on the id route', 'POST', '/phone-number/some-id', '{}', 405, 'MethodNotAllowedException'],
    [
      'malformed JSON',
      'POST',
      '/phone-number/search-available',
      '{"PhoneNumberType":',
      400,
      'InvalidParameterException',
    ],
    ['a JSON array body', 'POST', '/phone-number/list', '[1,2]', 400, 'InvalidParameterException'],
    ['a JSON string body', 'PUT', '/phone-number/some-id', '"x"', 400, 'InvalidParameterException'],
    [
      'bad percent-encoding in the path',
      'GET',
      '/phone-number/%E0%A4%A',
      undefined,
      400,
      'InvalidParameterException',
    ],
    [
      'a control route with the wrong method',
      'DELETE',
      '/_emulator/state',
      undefined,
      405,
      'MethodNotAllowedException',
    ],
    [
      'a clock call without advanceSeconds',
      'POST',
      '/_emulator/clock',
      '{}',
      400,
      'InvalidParameterException',
    ],
    [
      'a negative clock advance',
      'POST',
      '/_emulator/clock',
      '{"advanceSeconds":-1}',
      400,
      'InvalidParameterException',
    ],
  ])('answers %s with a JSON 4xx error', async (_case, method, path, body, status, errorType) => {
    // Prepare
    const emulator = await startTestEmulator();

    // Act
    const answer = await rawRequest(emulator, method, path, body);

    // Assess
    expect(answer.status).toBe(status);
    expect(answer.headers.get('x-amzn-errortype')).toBe(errorType);
    expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(answer.json).toEqual({ Message: expect.any(String) });
  });

  it('answers a body over 1 MiB with 413 and keeps serving', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const huge = JSON.stringify({ PhoneNumberDescription: 'x'.repeat(1024 * 1024 + 1) });

    // Act
    const tooLarge = await rawRequest(emulator, 'POST', '/phone-number/claim', huge);
    const after = await rawRequest(emulator, 'POST', '/phone-number/list', '{}');

    // Assess
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toEqual({ Message: 'Body: must be at most 1048576 bytes' });
    expect(after.status).toBe(200);
  });

  it('decodes a percent-encoded ARN path label once, and ignores unknown members', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const search = await rawRequest(
      emulator,
      'POST',
      '/phone-number/search-available',
      JSON.stringify({
        InstanceId: INSTANCE_ID,
        PhoneNumberCountryCode: 'US',
        PhoneNumberType: 'DID',
        Extra: true,
      }),
    );
    const number = (search.json as { AvailableNumbersList: { PhoneNumber: string }[] })
      .AvailableNumbersList[0];
    const claim = await rawRequest(
      emulator,
      'POST',
      '/phone-number/claim',
      JSON.stringify({ InstanceId: INSTANCE_ID, PhoneNumber: number?.PhoneNumber, Tags: null }),
    );
    const { PhoneNumberArn } = claim.json as { PhoneNumberArn: string };

    // Act
    const described = await rawRequest(
      emulator,
      'GET',
      `/phone-number/${encodeURIComponent(PhoneNumberArn)}`,
    );
    const doubleEncoded = await rawRequest(
      emulator,
      'GET',
      `/phone-number/${encodeURIComponent(encodeURIComponent(PhoneNumberArn))}`,
    );

    // Assess
    expect(search.status).toBe(200);
    expect(claim.status).toBe(200);
    expect(described.status).toBe(200);
    expect(doubleEncoded.status).toBe(404);
  });

  it('answers a release with an empty 200 and reads its clientToken from the query string', async () => {
    // Prepare
    const emulator = await startTestEmulator({ claimLatencySeconds: { min: 0, max: 0 } });
    const search = await rawRequest(
      emulator,
      'POST',
      '/phone-number/search-available',
      JSON.stringify({ InstanceId: INSTANCE_ID, PhoneNumberCountryCode: 'US', PhoneNumberType: 'DID' }),
    );
    const number = (search.json as { AvailableNumbersList: { PhoneNumber: string }[] })
      .AvailableNumbersList[0];
    const claim = await rawRequest(
      emulator,
      'POST',
      '/phone-number/claim',
      JSON.stringify({ InstanceId: INSTANCE_ID, PhoneNumber: number?.PhoneNumber }),
    );
    const { PhoneNumberId } = claim.json as { PhoneNumberId: string };

    // Act
    const released = await rawRequest(emulator, 'DELETE', `/phone-number/${PhoneNumberId}?clientToken=r1`);
    const again = await rawRequest(emulator, 'DELETE', `/phone-number/${PhoneNumberId}?clientToken=r1`);
    const longToken = await rawRequest(
      emulator,
      'DELETE',
      `/phone-number/${PhoneNumberId}?clientToken=${'t'.repeat(501)}`,
    );

    // Assess
    expect(released.status).toBe(200);
    expect(released.json).toBeUndefined();
    expect(again.status).toBe(200);
    expect(longToken.json).toEqual({ Message: 'clientToken: must be at most 500 characters long' });
  });

  it('closes the connection without an answer when the response is dropped', async () => {
    // Prepare
    const emulator = await startTestEmulator({ dropResponseRate: 1 });

    // Act
    const error = await errorOf(fetch(`${emulator.url}/phone-number/list`, { method: 'POST', body: '{}' }));

    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect(emulator.snapshot().calls.ListPhoneNumbersV2).toEqual({
      total: 1,
      byStatus: { '200': 1 },
      dropped: 1,
    });
  });

  it('answers malformed HTTP with a JSON 400 and closes that connection', async () => {
    // Prepare
    const emulator = await startTestEmulator();
    const { hostname, port } = new URL(emulator.url);

    // Act
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', (chunk) => {
        text += String(chunk);
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

    // Assess
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('x-amzn-RequestId: ');
    expect(reply).toContain('{"Message":"Request: malformed HTTP"}');
  });
});
