import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ConnectOperation, Emulator } from './emulator.ts';
import {
  ConnectApiError,
  EmulatorConfigError,
  EventBridgeValidationError,
  HttpRouteError,
  InternalServiceError,
  InvalidParameterError,
} from './errors.ts';
import { isJsonObject, type JsonObject } from './members.ts';

/** Connect rejects request bodies over 1 MiB; so does the emulator (413). */
const MAX_BODY_BYTES = 1024 * 1024;

type Route =
  | { readonly kind: 'connect'; readonly operation: ConnectOperation; readonly pathId?: string }
  | { readonly kind: 'control'; readonly action: 'state' | 'config' | 'reset' | 'clock' }
  | { readonly kind: 'events' };

type Answer = {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** awsJson1_1 (EventBridge) instead of restJson1 (Connect). */
  readonly awsJson?: boolean;
};

const ID_ROUTE_METHODS: Readonly<Record<string, ConnectOperation>> = {
  GET: 'DescribePhoneNumber',
  DELETE: 'ReleasePhoneNumber',
  PUT: 'UpdatePhoneNumber',
};

const LITERAL_ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/phone-number/search-available': {
    POST: { kind: 'connect', operation: 'SearchAvailablePhoneNumbers' },
  },
  '/phone-number/claim': { POST: { kind: 'connect', operation: 'ClaimPhoneNumber' } },
  '/phone-number/list': { POST: { kind: 'connect', operation: 'ListPhoneNumbersV2' } },
  '/_emulator/state': { GET: { kind: 'control', action: 'state' } },
  '/_emulator/config': { PUT: { kind: 'control', action: 'config' } },
  '/_emulator/reset': { POST: { kind: 'control', action: 'reset' } },
  '/_emulator/clock': { POST: { kind: 'control', action: 'clock' } },
  '/': { POST: { kind: 'events' } },
};

function methodNotAllowed(method: string, path: string, allowed: readonly string[]): HttpRouteError {
  return new HttpRouteError(
    405,
    'MethodNotAllowedException',
    `${method} is not allowed on ${path}; use ${allowed.join(', ')}`,
  );
}

/**
 * Maps method and raw path to a route. `/phone-number/{PhoneNumberId}` takes one path segment, decoded
 * once: the SDK percent-encodes an ARN's `:` and `/`, so the segment may be a whole phone-number ARN.
 */
export function routeOf(method: string, rawPath: string): Route {
  const literal = LITERAL_ROUTES[rawPath];
  const idMatch = /^\/phone-number\/([^/]+)$/.exec(rawPath);
  const allowed = [...Object.keys(literal ?? {}), ...(idMatch ? Object.keys(ID_ROUTE_METHODS) : [])];
  const literalRoute = literal?.[method];
  if (literalRoute) return literalRoute;
  const operation = ID_ROUTE_METHODS[method];
  if (idMatch?.[1] !== undefined && operation) {
    let pathId: string;
    try {
      pathId = decodeURIComponent(idMatch[1]);
    } catch (error: unknown) {
      throw new InvalidParameterError('PhoneNumberId: is not valid percent-encoding', {
        cause: error instanceof Error ? error : undefined,
      });
    }
    return { kind: 'connect', operation, pathId };
  }
  if (allowed.length > 0) throw methodNotAllowed(method, rawPath, allowed);
  throw new HttpRouteError(404, 'UnknownOperationException', `No operation at ${method} ${rawPath}`);
}

/** Reads the whole body; over the limit the rest is drained (so the client reads the 413) and dropped. */
async function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES };
}

function parseJsonObject(text: string, what: string): JsonObject {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterError(`${what}: is not valid JSON (${reason})`);
  }
  if (!isJsonObject(value)) throw new InvalidParameterError(`${what}: must be a JSON object`);
  return value;
}

function errorAnswer(error: ConnectApiError, awsJson = false): Answer {
  const body = awsJson
    ? { __type: error.errorType, message: error.message }
    : { Message: error.message, ...error.body() };
  const headers: Record<string, string> = { 'x-amzn-ErrorType': error.errorType };
  return { status: error.status, body, headers, awsJson };
}

function send(response: ServerResponse, requestId: string, answer: Answer): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'Content-Type': answer.awsJson ? 'application/x-amz-json-1.1' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...answer.headers,
  });
  response.end(text);
}

export type EmulatorServerOptions = {
  /** Called after every request that may have changed the state, before the answer is sent. */
  readonly persist?: () => void;
};

/** The HTTP face of the emulator: Connect's restJson1 routes, the EventBridge sink and the control plane. */
export function createEmulatorServer(emulator: Emulator, options: EmulatorServerOptions = {}): Server {
  const persist = options.persist ?? (() => {});

  function control(action: 'state' | 'config' | 'reset' | 'clock', text: string): Answer {
    switch (action) {
      case 'state':
        return { status: 200, body: emulator.snapshot() };
      case 'config': {
        const patch = parseJsonObject(text, 'Body');
        try {
          emulator.configure(patch);
        } catch (error: unknown) {
          if (error instanceof EmulatorConfigError)
            throw new InvalidParameterError(error.message, { cause: error });
          throw error;
        }
        persist();
        return { status: 200, body: { config: emulator.config } };
      }
      case 'reset':
        emulator.reset();
        persist();
        return {
          status: 200,
          body: { config: emulator.config, now: new Date(emulator.now()).toISOString() },
        };
      case 'clock': {
        const body = parseJsonObject(text, 'Body');
        if (typeof body.advanceSeconds !== 'number') {
          throw new InvalidParameterError('advanceSeconds: is required and must be a number of seconds');
        }
        emulator.advanceClock(body.advanceSeconds);
        persist();
        return { status: 200, body: { now: new Date(emulator.now()).toISOString() } };
      }
    }
  }

  function connect(route: Extract<Route, { kind: 'connect' }>, text: string, query: URLSearchParams) {
    let dropResponse = false;
    let answer: Answer;
    try {
      ({ dropResponse } = emulator.admit(route.operation));
      const body =
        route.operation === 'DescribePhoneNumber' || route.operation === 'ReleasePhoneNumber'
          ? {}
          : parseJsonObject(text, 'Body');
      const result = emulator.call(route.operation, {
        body,
        query,
        ...(route.pathId === undefined ? {} : { pathId: route.pathId }),
      });
      answer = { status: 200, body: result };
    } catch (error: unknown) {
      if (!(error instanceof ConnectApiError)) throw error;
      answer = errorAnswer(error);
    }
    emulator.recordCall(route.operation, answer.status, dropResponse);
    persist();
    return { answer, dropResponse };
  }

  function events(request: IncomingMessage, text: string): Answer {
    const target = request.headers['x-amz-target'];
    if (target !== 'AWSEvents.PutEvents') {
      throw new HttpRouteError(
        400,
        'UnknownOperationException',
        `X-Amz-Target: the emulator's EventBridge sink only knows AWSEvents.PutEvents (got ${JSON.stringify(target ?? null)})`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text === '' ? '{}' : text);
    } catch (error: unknown) {
      throw new EventBridgeValidationError(
        `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const answer = emulator.putEvents(body);
    emulator.recordCall('PutEvents', 200);
    persist();
    return { status: 200, body: answer, awsJson: true };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    // Split by hand: `new URL` would read a path such as `//x` as a host and throw.
    const target = request.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
    const method = request.method ?? 'GET';
    const isEvents = pathname === '/' && method === 'POST';
    try {
      const { text, tooLarge } = await readBody(request);
      if (tooLarge) {
        throw new HttpRouteError(
          413,
          'RequestEntityTooLargeException',
          `Body: must be at most ${MAX_BODY_BYTES} bytes`,
        );
      }
      const route = routeOf(method, pathname);
      if (route.kind === 'connect') {
        const { answer, dropResponse } = connect(route, text, query);
        // The call was carried out; the client never learns it, as when a connection breaks mid-answer.
        if (dropResponse) {
          request.socket.destroy();
          return;
        }
        send(response, requestId, answer);
      } else if (route.kind === 'control') {
        send(response, requestId, control(route.action, text));
      } else {
        send(response, requestId, events(request, text));
      }
    } catch (error: unknown) {
      if (error instanceof ConnectApiError) {
        send(response, requestId, errorAnswer(error, isEvents));
        return;
      }
      // Not a refusal but a fault of the emulator: answer 500 rather than crash, and leave a trace.
      console.error('Connect emulator: unexpected error', error);
      const message = error instanceof Error ? error.message : String(error);
      send(
        response,
        requestId,
        errorAnswer(new InternalServiceError(`Emulator fault: ${message}`), isEvents),
      );
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('Connect emulator: could not answer', error);
      response.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) {
      const body = JSON.stringify({ Message: 'Request: malformed HTTP' });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nx-amzn-ErrorType: InvalidParameterException\r\nx-amzn-RequestId: ${randomUUID()}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });
  return server;
}
