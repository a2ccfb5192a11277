import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { startHttpApi, type HttpApi, type RouteDefinition } from '../../../../../lib/local/httpApi';

interface Invocation {
  event: APIGatewayProxyEventV2;
  context: Context;
  remainingMs: number;
}

const invocations: Invocation[] = [];
const logLines: string[] = [];
let api: HttpApi;

function recording(result: unknown): RouteDefinition['handler'] {
  return (event, context) => {
    invocations.push({ event, context, remainingMs: context.getRemainingTimeInMillis() });
    return Promise.resolve(result);
  };
}

const routes: RouteDefinition[] = [
  { method: 'POST', path: '/orders/{orderId}', handler: recording({ statusCode: 201, body: '{"ok":true}' }) },
  { method: 'GET', path: '/text', handler: recording('Hello from Lambda!') },
  { method: 'GET', path: '/object', handler: recording({ hello: 'world' }) },
  {
    method: 'GET',
    path: '/cookies',
    handler: recording({
      statusCode: 200,
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      headers: { 'x-one': 1 },
    }),
  },
  {
    method: 'GET',
    path: '/binary',
    handler: recording({
      statusCode: 200,
      body: Buffer.from([0, 1, 254, 255]).toString('base64'),
      isBase64Encoded: true,
    }),
  },
  { method: 'PUT', path: '/upload', handler: recording({ statusCode: 204 }) },
  { method: 'GET', path: '/throws', handler: () => Promise.reject(new Error('database password wrong')) },
  { method: 'GET', path: '/malformed', handler: recording({ statusCode: 'OK' }) },
  {
    method: 'GET',
    path: '/callback',
    handler: (_event, _context, callback) =>
      setImmediate(() => callback(null, { statusCode: 202, body: 'later' })),
  },
  { method: 'GET', path: '/slow', timeoutSeconds: 0.05, handler: () => new Promise(() => undefined) },
  {
    method: 'GET',
    path: '/private',
    authorizer: (event) =>
      Promise.resolve(
        event.headers.authorization === 'Bearer good'
          ? { sub: 'u-1', scope: 'orders:read orders:write' }
          : undefined,
      ),
    handler: recording({ statusCode: 200 }),
  },
];

beforeAll(async () => {
  api = await startHttpApi({ routes, log: (line) => logLines.push(line), timeoutSeconds: 10 });
});

afterAll(() => api.stop());

beforeEach(() => {
  invocations.length = 0;
  logLines.length = 0;
});

function lastInvocation(): Invocation {
  const invocation = invocations.at(-1);
  if (!invocation) throw new Error('the handler was not invoked');
  return invocation;
}

describe('startHttpApi', () => {
  it('listens on a free port of 127.0.0.1', () => {
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
    expect(api.port).toBeGreaterThan(0);
  });

  it('invokes the matching handler and answers with its structured result', async () => {
    const response = await fetch(`${api.url}/orders/o-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });

    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"ok":true}');
    const { event, context } = lastInvocation();
    expect(event.pathParameters).toEqual({ orderId: 'o-1' });
    expect(response.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
    expect(context).toMatchObject({
      functionName: 'post-orders-orderId',
      functionVersion: '$LATEST',
      invokedFunctionArn: expect.stringMatching(
        /^arn:aws:lambda:[a-z0-9-]+:123456789012:function:post-orders-orderId$/,
      ) as string,
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(lastInvocation().remainingMs).toBeGreaterThan(9_000);
    expect(lastInvocation().remainingMs).toBeLessThanOrEqual(10_000);
  });

  it('answers an unmatched route with the 404 API Gateway sends', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['GET', '/orders/o-1'],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('{"message":"Not Found"}');
    }
  });

  it('answers a string result with 200 application/json and the string as body', async () => {
    const response = await fetch(`${api.url}/text`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('Hello from Lambda!');
  });

  it('answers an object without statusCode with its JSON', async () => {
    const response = await fetch(`${api.url}/object`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('sends each cookie as its own set-cookie header', async () => {
    const response = await fetch(`${api.url}/cookies`);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(response.headers.get('x-one')).toBe('1');
  });

  it('decodes a base64 response body', async () => {
    const response = await fetch(`${api.url}/binary`);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 254, 255]);
  });

  it('passes a binary request body base64-encoded', async () => {
    await fetch(`${api.url}/upload`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255]),
    });
    expect(lastInvocation().event).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('answers a handler that throws with the 500 API Gateway sends, and logs the error', async () => {
    const response = await fetch(`${api.url}/throws`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
    expect(logLines.join('\n')).toContain('database password wrong');
  });

  it('answers a malformed result with 500 and says why in the log', async () => {
    const response = await fetch(`${api.url}/malformed`);
    expect(response.status).toBe(500);
    expect(logLines.join('\n')).toMatch(/malformed Lambda proxy response.*statusCode/);
  });

  it('supports callback-style handlers', async () => {
    const response = await fetch(`${api.url}/callback`);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('later');
  });

  it('answers 500 when the function times out', async () => {
    const response = await fetch(`${api.url}/slow`);
    expect(response.status).toBe(500);
    expect(logLines.join('\n')).toContain('task timed out after 50 ms');
  });

  describe('authorizer', () => {
    it('answers 401 without invoking the handler when it returns nothing', async () => {
      const response = await fetch(`${api.url}/private`);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('{"message":"Unauthorized"}');
      expect(invocations).toHaveLength(0);
    });

    it('passes its claims and scopes on as a JWT authorizer does', async () => {
      await fetch(`${api.url}/private`, { headers: { authorization: 'Bearer good' } });
      const event = lastInvocation().event as APIGatewayProxyEventV2WithJWTAuthorizer;
      expect(event.requestContext.authorizer).toEqual({
        jwt: {
          claims: { sub: 'u-1', scope: 'orders:read orders:write' },
          scopes: ['orders:read', 'orders:write'],
        },
      });
    });
  });

  describe('request size', () => {
    const limit = 10 * 1024 * 1024;

    it('accepts a body of exactly 10 MB', async () => {
      const response = await fetch(`${api.url}/upload`, { method: 'PUT', body: new Uint8Array(limit) });
      expect(response.status).toBe(204);
      expect(Buffer.from(lastInvocation().event.body ?? '', 'base64').length).toBe(limit);
    });

    it('answers 413 to a declared length over 10 MB without invoking the handler', async () => {
      const response = await fetch(`${api.url}/upload`, { method: 'PUT', body: new Uint8Array(limit + 1) });
      expect(response.status).toBe(413);
      expect(await response.text()).toBe('{"message":"Request Entity Too Large"}');
      expect(invocations).toHaveLength(0);
    });

    it('answers 413 to a chunked body once it passes 10 MB', async () => {
      const { status, body } = await sendChunked(`${api.url}/upload`, 11, 1024 * 1024);
      expect(status).toBe(413);
      expect(body).toBe('{"message":"Request Entity Too Large"}');
      expect(invocations).toHaveLength(0);
    });
  });
});

describe('stop', () => {
  it('closes the server and its open connections', async () => {
    const local = await startHttpApi({
      routes: [{ method: 'GET', path: '/', handler: () => Promise.resolve('x') }],
    });
    await fetch(`${local.url}/`);
    await local.stop();
    await expect(fetch(`${local.url}/`)).rejects.toThrow();
  });
});

/** Sends `count` chunks without a content-length (transfer-encoding: chunked). */
function sendChunked(url: string, count: number, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'PUT' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(size);
    let sent = 0;
    const write = () => {
      while (sent < count) {
        sent++;
        if (!request.write(chunk)) return void request.once('drain', write);
      }
      request.end();
    };
    write();
  });
}
