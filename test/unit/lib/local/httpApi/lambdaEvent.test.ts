import {
  buildEvent,
  clfTime,
  isText,
  type IncomingRequest,
} from '../../../../../lib/local/httpApi/lambdaEvent';
import { compileRoutes, matchRoute } from '../../../../../lib/local/httpApi/routes';

const routes = compileRoutes([
  { method: 'POST', path: '/orders/{orderId}', handler: () => undefined },
  { method: 'GET', path: '/health', handler: () => undefined },
]);
const api = { accountId: '123456789012', apiId: 'abcdefghij' };

function request(overrides: Partial<IncomingRequest> = {}): IncomingRequest {
  return {
    method: 'POST',
    url: '/orders/o-1',
    httpVersion: '1.1',
    rawHeaders: ['Host', 'localhost:3000', 'Content-Type', 'application/json'],
    sourceIp: '127.0.0.1',
    localPort: 3000,
    body: Buffer.from('{"a":1}'),
    ...overrides,
  };
}

function eventFor(incoming: IncomingRequest) {
  const match = matchRoute(routes, incoming.method, incoming.url.split('?')[0] ?? '');
  if (!match) throw new Error('no route');
  return buildEvent(incoming, match, api, new Date(Date.UTC(2026, 10, 29, 22, 29, 45, 123)));
}

describe('buildEvent', () => {
  it('lower-cases header names and joins repeated headers with commas', () => {
    const event = eventFor(
      request({ rawHeaders: ['X-Tag', 'a', 'x-tag', 'b', 'Content-Type', 'application/json'] }),
    );
    expect(event.headers['x-tag']).toBe('a,b');
    expect(event.headers['content-type']).toBe('application/json');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('moves cookies out of the headers into cookies', () => {
    const event = eventFor(request({ rawHeaders: ['Cookie', 'a=1; b=2', 'cookie', 'c=3;', 'Host', 'h'] }));
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('adds the forwarding headers API Gateway adds and drops hop-by-hop ones', () => {
    const event = eventFor(
      request({ rawHeaders: ['Connection', 'keep-alive', 'X-Forwarded-For', '10.0.0.1'] }),
    );
    expect(event.headers).toMatchObject({
      'x-forwarded-for': '10.0.0.1,127.0.0.1',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
      'content-length': '7',
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers).not.toHaveProperty('connection');
  });

  it('decodes query parameters and joins repeated names with commas, keeping the raw string', () => {
    const event = eventFor(request({ url: '/orders/o-1?tag=a&tag=b%20c&flag&q=1%2B1' }));
    expect(event.rawQueryString).toBe('tag=a&tag=b%20c&flag&q=1%2B1');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b c', flag: '', q: '1+1' });
  });

  it('leaves out optional members that would be empty', () => {
    const event = eventFor(request({ method: 'GET', url: '/health', rawHeaders: [], body: Buffer.alloc(0) }));
    for (const member of ['cookies', 'queryStringParameters', 'pathParameters', 'body', 'stageVariables']) {
      expect(event).not.toHaveProperty(member);
    }
    expect(event.isBase64Encoded).toBe(false);
    expect(event.rawQueryString).toBe('');
  });

  it.each([
    ['application/json', false],
    ['application/octet-stream', true],
    ['image/png', true],
    [undefined, true],
  ])('base64-encodes a %s body: %p', (contentType, encoded) => {
    const rawHeaders = contentType ? ['Content-Type', contentType] : [];
    const event = eventFor(request({ rawHeaders, body: Buffer.from([0x7b, 0x7d]) }));
    expect(event.isBase64Encoded).toBe(encoded);
    expect(event.body).toBe(encoded ? 'e30=' : '{}');
  });

  it('fills requestContext as API Gateway does', () => {
    const event = eventFor(request({ rawHeaders: ['Host', 'localhost:3000', 'User-Agent', 'jest'] }));
    expect(event.requestContext).toEqual({
      accountId: '123456789012',
      apiId: 'abcdefghij',
      domainName: 'localhost:3000',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/orders/o-1',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest',
      },
      requestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/) as string,
      routeKey: 'POST /orders/{orderId}',
      stage: '$default',
      time: '29/Nov/2026:22:29:45 +0000',
      timeEpoch: Date.UTC(2026, 10, 29, 22, 29, 45, 123),
    });
  });

  it('keeps a header named __proto__ as a plain header', () => {
    const event = eventFor(request({ rawHeaders: ['__proto__', 'x'] }));
    expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(event.headers, '__proto__')?.value).toBe('x');
  });
});

describe('clfTime', () => {
  it('pads day and time', () => {
    expect(clfTime(new Date(Date.UTC(2027, 0, 5, 3, 4, 5)))).toBe('05/Jan/2027:03:04:05 +0000');
  });
});

describe('isText', () => {
  it.each([
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['application/problem+json', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', true],
    ['application/pdf', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('%s → %p', (contentType, text) => {
    expect(isText(contentType)).toBe(text);
  });
});
