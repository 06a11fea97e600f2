import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribePhoneNumberCommand } from '@aws-sdk/client-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledClock } from '../../../lambdas/core/clock.ts';
import { createConnectClient } from '../../../lambdas/core/connect-client.ts';

/** A server answering with the given statuses in turn (then 200s), recording each request's path. */
async function startServer(statuses: number[]): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const status = statuses.shift() ?? 200;
    if (status === 200) {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'r' });
      response.end(
        JSON.stringify({
          ClaimedPhoneNumberSummary: { PhoneNumberId: 'id-1', PhoneNumberStatus: { Status: 'CLAIMED' } },
        }),
      );
    } else {
      const name = status === 429 ? 'ThrottlingException' : 'InternalServiceException';
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': name,
        'x-amzn-requestid': 'r',
      });
      response.end(JSON.stringify({ Message: 'slow down' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, server };
}

let running: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => running?.close(resolve) ?? resolve(undefined));
});

describe('Function: createConnectClient', () => {
  it('retries throttling and server errors, and reports the attempts', async () => {
    // Prepare: a fast clock keeps the SDK's backoff short in wall time.
    const { url, paths, server } = await startServer([429, 500]);
    running = server;
    const connect = createConnectClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      clock: scaledClock(1000),
    });

    // Act
    const output = await connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: 'id-1' }));

    // Assess
    expect(output.ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status).toBe('CLAIMED');
    expect(output.$metadata.attempts).toBe(3);
    expect(paths).toEqual(['/phone-number/id-1', '/phone-number/id-1', '/phone-number/id-1']);
  });

  it('gives up after its attempts with the service error', async () => {
    // Prepare
    const { url, server } = await startServer([500, 500]);
    running = server;
    const connect = createConnectClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      clock: scaledClock(1000),
      maxAttempts: 2,
    });

    // Act
    const call = connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: 'id-1' }));

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'InternalServiceException',
      $metadata: { attempts: 2 },
    });
  });
});
